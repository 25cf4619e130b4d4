package io.quiver.trino;

import io.quiver.engine.Dataset;
import io.quiver.engine.DatasetOptions;
import io.quiver.engine.Warehouse;
import io.quiver.engine.schema.TableSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The warehouse's tables as one Trino node sees them: table names resolved from Trino's
 * lower-case identifiers, and open handles at fixed versions shared by every query on the node.
 * Opening a version reads its manifest and builds its page cache, so the handles of the last
 * {@code capacity} versions read are kept; one is closed only once no reader holds it.
 */
public final class QuiverTables implements AutoCloseable {
    private record Key(String table, long version) {}

    private static final class Entry {
        final Dataset dataset;
        int readers;
        boolean evicted;

        Entry(Dataset dataset) {
            this.dataset = dataset;
        }
    }

    /** A hold on an open version: read through {@link #dataset} until closed. */
    public final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean closed;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        public Dataset dataset() {
            return entry.dataset;
        }

        @Override
        public void close() {
            synchronized (QuiverTables.this) {
                if (!closed) {
                    closed = true;
                    release(entry);
                }
            }
        }
    }

    private final Warehouse warehouse;
    private final DatasetOptions options;
    private final int capacity;
    private final LinkedHashMap<Key, Entry> open = new LinkedHashMap<>(16, 0.75f, true);

    public QuiverTables(Warehouse warehouse, DatasetOptions options, int capacity) {
        this.warehouse = warehouse;
        this.options = options;
        this.capacity = capacity;
    }

    /**
     * The tables, by their Trino names (lower case). Where names differ only in case, the one in
     * lower case is the table; without one, none of them is listed.
     */
    public Map<String, String> tablesByTrinoName() {
        try {
            Map<String, List<String>> byLowerCase = new HashMap<>();
            for (String name : warehouse.tables()) {
                byLowerCase
                        .computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(name);
            }
            Map<String, String> byName = new HashMap<>();
            byLowerCase.forEach((lower, names) -> {
                if (names.size() == 1 || names.contains(lower)) {
                    byName.put(lower, names.size() == 1 ? names.getFirst() : lower);
                }
            });
            return byName;
        } catch (IOException e) {
            throw QuiverErrors.listing(warehouse.root(), e);
        }
    }

    /**
     * The warehouse table a Trino name refers to: the table of that very name when there is one
     * (one lookup, not a listing of the warehouse), else the one whose name differs in case.
     */
    public Optional<String> resolve(String trinoName) {
        try {
            if (warehouse.exists(trinoName)) {
                return Optional.of(trinoName);
            }
        } catch (IllegalArgumentException notATableName) {
            return Optional.empty();
        } catch (IOException e) {
            throw QuiverErrors.listing(warehouse.root(), e);
        }
        return Optional.ofNullable(tablesByTrinoName().get(trinoName));
    }

    /**
     * The newest version of a table. The handle opened to learn it joins the open versions, so
     * the reads that follow (the query's metadata, splits and pages) do not open it again.
     */
    public long newestVersion(String table) throws IOException {
        Dataset newest = openNewest(table);
        long version = newest.version();
        synchronized (this) {
            adopt(new Key(table, version), newest);
        }
        return version;
    }

    /** The newest schema of a table, read without taking a place among the open versions. */
    public TableSchema newestSchema(String table) throws IOException {
        try (Dataset newest = openNewest(table)) {
            return newest.tableSchema();
        }
    }

    private Dataset openNewest(String table) throws IOException {
        return Dataset.open(warehouse.tablePath(table), options);
    }

    /** An open handle on {@code version} of {@code table}. */
    public Lease lease(String table, long version) throws IOException {
        Key key = new Key(table, version);
        synchronized (this) {
            Entry entry = open.get(key);
            if (entry != null) {
                entry.readers++;
                return new Lease(entry);
            }
        }
        Dataset opened = Dataset.open(warehouse.tablePath(table), version, options);
        synchronized (this) {
            Entry entry = adopt(key, opened);
            entry.readers++;
            return new Lease(entry);
        }
    }

    /** The open entry of a version: a new one for {@code opened}, or the one another reader opened meanwhile. */
    private Entry adopt(Key key, Dataset opened) {
        Entry entry = open.get(key);
        if (entry != null) {
            opened.close();
            return entry;
        }
        entry = new Entry(opened);
        open.put(key, entry);
        evictBeyondCapacity();
        return entry;
    }

    private void evictBeyondCapacity() {
        Iterator<Entry> oldestFirst = open.values().iterator();
        while (open.size() > capacity && oldestFirst.hasNext()) {
            Entry e = oldestFirst.next();
            oldestFirst.remove();
            e.evicted = true;
            if (e.readers == 0) {
                e.dataset.close();
            }
        }
    }

    private void release(Entry entry) {
        entry.readers--;
        if (entry.evicted && entry.readers == 0) {
            entry.dataset.close();
        }
    }

    @Override
    public synchronized void close() {
        for (Entry e : open.values()) {
            e.evicted = true;
            if (e.readers == 0) {
                e.dataset.close();
            }
        }
        open.clear();
    }
}

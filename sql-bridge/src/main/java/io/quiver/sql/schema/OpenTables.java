package io.quiver.sql.schema;

import io.quiver.engine.Dataset;
import io.quiver.engine.DatasetOptions;
import io.quiver.engine.TableNotFoundException;
import io.quiver.engine.Warehouse;
import io.quiver.engine.pk.PrimaryKey;
import io.quiver.sql.spi.FormatTables;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The tables of one SQL connection's warehouse, each opened once and kept open (so blob handles
 * in results stay readable). Every statement reads a table's newest version: {@link #latest}
 * takes in commits made by other connections and processes first.
 */
public final class OpenTables implements AutoCloseable {
    private final Warehouse warehouse;
    private final DatasetOptions options;
    private final Map<String, Dataset> latest = new HashMap<>();
    private final Map<String, Dataset> pinned = new HashMap<>();
    private final BufferAllocator owned;
    private final Formats formats;

    /**
     * {@code owned}: an allocator closed with the tables (null: the caller's, left open). Opens
     * the warehouse's tables in every plug-in format too.
     */
    public OpenTables(Warehouse warehouse, DatasetOptions options, BufferAllocator owned) throws IOException {
        this.warehouse = warehouse;
        this.options = options;
        this.owned = owned;
        this.formats = new Formats(warehouse, options.allocator());
    }

    /** The tables of the plug-in formats. */
    public Formats formats() {
        return formats;
    }

    /** Whether a table of any format has this name. */
    public boolean existsInAnyFormat(String name) throws IOException {
        return exists(name) || formats.owner(name) != null;
    }

    /**
     * The plug-in format's tables that hold {@code name}; null for a Quiver table, or none. Quiver's
     * own tables are looked up first, as the SQL schema does, so a statement on one costs a single
     * check of the warehouse, not one per plug-in format.
     */
    public FormatTables pluginOwner(String name) throws IOException {
        return exists(name) ? null : formats.owner(name);
    }

    /** The allocator every table's allocator is a child of. */
    public BufferAllocator allocator() {
        return options.allocator();
    }

    public Warehouse warehouse() {
        return warehouse;
    }

    public synchronized boolean exists(String name) throws IOException {
        return warehouse.exists(name);
    }

    /** The tables of every format, sorted. */
    public List<String> names() throws IOException {
        List<String> names = new java.util.ArrayList<>(warehouse.tables());
        names.addAll(formats.names());
        names.sort(null);
        return names;
    }

    /**
     * The Quiver table at its newest version; {@link TableNotFoundException} when there is none,
     * UnsupportedOperationException when the name is a table of a plug-in format (every statement
     * that reaches here works on Quiver tables only).
     */
    public synchronized Dataset latest(String name) throws IOException {
        Dataset ds = latest.get(name);
        if (ds == null) {
            if (!warehouse.exists(name)) {
                var owner = formats.owner(name);
                if (owner != null) {
                    throw new UnsupportedOperationException("table '" + name + "' is a " + formats.nameOf(owner)
                            + " table: this statement works on QUIVER tables only");
                }
                throw new TableNotFoundException("table '" + name + "' does not exist");
            }
            ds = warehouse.open(name);
            latest.put(name, ds);
        } else {
            ds.refresh();
        }
        return ds;
    }

    /** The table as it was at {@code version} (time travel). */
    public synchronized Dataset at(String name, long version) throws IOException {
        String key = name + "@" + version;
        Dataset ds = pinned.get(key);
        if (ds == null) {
            latest(name);
            ds = Dataset.open(warehouse.tablePath(name), version, options);
            pinned.put(key, ds);
        }
        return ds;
    }

    public synchronized Dataset create(String name, Schema schema, PrimaryKey key) throws IOException {
        Dataset ds = Dataset.create(warehouse.tablePath(name), schema, key, options);
        latest.put(name, ds);
        return ds;
    }

    public synchronized void drop(String name) throws IOException {
        forget(name);
        warehouse.drop(name);
    }

    /** Closes this connection's handles on a table (before it is dropped or after a failed create). */
    public synchronized void forget(String name) {
        Dataset ds = latest.remove(name);
        if (ds != null) {
            ds.close();
        }
        pinned.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(name + "@")) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    @Override
    public synchronized void close() {
        formats.close();
        latest.values().forEach(Dataset::close);
        pinned.values().forEach(Dataset::close);
        latest.clear();
        pinned.clear();
        if (owned != null) {
            owned.close();
        }
    }
}

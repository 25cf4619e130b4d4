package io.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.commit.VersionNotFoundException;
import io.quiver.engine.expr.Expr;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.testing.FilterModel;
import io.quiver.engine.testing.ModelRows;
import io.quiver.engine.testing.RandomFilters;
import io.quiver.engine.testing.RandomRows;
import io.quiver.engine.testing.SmallFiles;
import io.quiver.engine.testing.TestRandom;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random appends and deletes (by random filters, by key ranges, of whole fragments, repeated)
 * against a model of the table at every version; then every earlier version, opened by number,
 * must equal the model as of that version.
 */
@ExtendWith(TestRandom.class)
class DeleteAndTimeTravelTest {
    private static final Schema SCHEMA = RandomRows.withKey(RandomRows.ALL_TYPES);
    private static final FilterModel MODEL = new FilterModel(SCHEMA);

    @TempDir
    Path dir;

    /** What one version should hold. */
    private record Expected(String operation, List<Object[]> rows) {}

    /** The table as it evolves: the rows now and at every version. */
    private static final class History {
        final Map<Long, Expected> versions = new LinkedHashMap<>();
        List<Object[]> rows = new ArrayList<>();

        void record(Dataset ds, String operation, Random random) throws IOException {
            versions.put(ds.version(), new Expected(operation, List.copyOf(rows)));
            String context = "version " + ds.version() + " (" + operation + ")";
            ModelRows.assertTable(rows, ds, context);
            // Small batches start at many offsets: deleted rows at a batch's edges.
            int batchSize = 1 + random.nextInt(40);
            ModelRows.assertRowsEqual(
                    rows, ModelRows.scan(ds.scan().batchSize(batchSize)), context + ", batch size " + batchSize);
        }

        /** Applies a delete to the model; returns how many rows it removes. */
        int delete(Expr filter) {
            Set<Object[]> gone = Collections.newSetFromMap(new IdentityHashMap<>());
            gone.addAll(MODEL.select(filter, rows));
            rows = rows.stream().filter(r -> !gone.contains(r)).toList();
            return gone.size();
        }
    }

    @Test
    void deletesAndTimeTravelFollowTheModel(Random random) throws IOException {
        Path path = dir.resolve("t");
        try (BufferAllocator allocator = new RootAllocator()) {
            DatasetOptions options = SmallFiles.random(random, allocator);
            History history = new History();
            RandomRows generator = new RandomRows(random, SCHEMA);
            try (Dataset ds = Dataset.create(path, SCHEMA, options)) {
                history.record(ds, "CREATE", random);
                Expr lastFilter = null;
                for (int step = 0; step < 16; step++) {
                    int pick = step < 2 ? 0 : random.nextInt(100);
                    if (pick < 30 || history.rows.isEmpty()) {
                        List<Object[]> batch = generator.next(1 + random.nextInt(300));
                        ModelRows.append(ds, batch);
                        history.rows = concat(history.rows, batch);
                        history.record(ds, "APPEND", random);
                        lastFilter = null;
                        continue;
                    }
                    Expr filter;
                    if (pick < 55) {
                        filter = new RandomFilters(random, SCHEMA, history.rows).next(2);
                    } else if (pick < 65 && lastFilter != null) {
                        filter = lastFilter; // deletes nothing: its rows are gone
                    } else if (pick < 80) {
                        filter = wholeFragment(random, ds, history.rows);
                    } else {
                        long from = (Long) history.rows.get(random.nextInt(history.rows.size()))[0];
                        filter = Filters.and(
                                Filters.ge(RandomRows.KEY, from),
                                Filters.lt(RandomRows.KEY, from + random.nextInt(200)));
                    }
                    int expected = history.delete(filter);
                    assertEquals(expected, ds.delete(filter), "rows deleted by " + RandomFilters.describe(filter));
                    if (filter == lastFilter) {
                        assertEquals(0, expected, "a repeated delete finds nothing");
                    }
                    lastFilter = filter;
                    history.record(ds, "DELETE", random);
                    Expr probe = new RandomFilters(random, SCHEMA, history.rows).next(2);
                    assertEquals(
                            MODEL.select(probe, history.rows).size(),
                            ds.count(probe),
                            "count of " + RandomFilters.describe(probe));
                }
                checkVersions(ds, history);
            }
            for (var v : history.versions.entrySet()) {
                try (Dataset old = Dataset.open(path, v.getKey(), options)) {
                    assertEquals(v.getKey(), old.version());
                    ModelRows.assertTable(v.getValue().rows(), old, "time travel to version " + v.getKey());
                    Expr probe = new RandomFilters(random, SCHEMA, v.getValue().rows()).next(2);
                    assertEquals(
                            MODEL.select(probe, v.getValue().rows()).size(),
                            old.count(probe),
                            "count of " + RandomFilters.describe(probe) + " at version " + v.getKey());
                }
            }
            long next = history.versions.size() + 1;
            assertThrows(
                    VersionNotFoundException.class,
                    () -> Dataset.open(path, next, options).close());
            assertThrows(
                    VersionNotFoundException.class,
                    () -> Dataset.open(path, 0, options).close());
        }
    }

    /** A filter matching exactly the live rows of one fragment (found through row addresses). */
    private static Expr wholeFragment(Random random, Dataset ds, List<Object[]> rows) throws IOException {
        List<Long> addresses = ModelRows.rowAddresses(ds);
        long fragment = addresses.get(random.nextInt(addresses.size())) >>> 32;
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            if (addresses.get(i) >>> 32 == fragment) {
                keys.add(rows.get(i)[0]);
            }
        }
        return Filters.in(RandomRows.KEY, keys);
    }

    private static void checkVersions(Dataset ds, History history) throws IOException {
        List<VersionInfo> versions = ds.versions();
        assertEquals(
                List.copyOf(history.versions.keySet()),
                versions.stream().map(VersionInfo::version).toList(),
                "versions()");
        for (VersionInfo v : versions) {
            Expected e = history.versions.get(v.version());
            assertEquals(e.operation(), v.operation(), "operation of version " + v.version());
            assertEquals(e.rows().size(), v.rows(), "rows of version " + v.version());
        }
        for (int i = 1; i < versions.size(); i++) {
            assertFalse(
                    versions.get(i).committedAt().isBefore(versions.get(i - 1).committedAt()),
                    "commit times are ordered");
        }
    }

    @Test
    void deletingEverythingLeavesAnEmptyTableThatTakesAppends(Random random) throws IOException {
        Path path = dir.resolve("t");
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(path, SCHEMA, SmallFiles.random(random, allocator))) {
            RandomRows generator = new RandomRows(random, SCHEMA);
            List<Object[]> first = generator.next(401 + random.nextInt(300));
            ModelRows.append(ds, first);
            long full = ds.version();
            Set<Long> fragments = new HashSet<>();
            ModelRows.rowAddresses(ds).forEach(a -> fragments.add(a >>> 32));
            assertTrue(fragments.size() > 1, "the rows span several fragments");

            assertEquals(0, ds.delete(Filters.isNull(RandomRows.KEY)), "a NOT NULL key is never null");
            assertEquals(first.size(), ds.delete(Filters.isNotNull(RandomRows.KEY)));
            ModelRows.assertTable(List.of(), ds, "after deleting every row");
            assertEquals(0, ds.delete(Filters.isNotNull(RandomRows.KEY)), "nothing left to delete");
            assertEquals(0, ds.count(Filters.isNotNull(RandomRows.KEY)));

            List<Object[]> second = generator.next(1 + random.nextInt(100));
            ModelRows.append(ds, second);
            ModelRows.assertTable(second, ds, "appended after deleting everything");
            for (long address : ModelRows.rowAddresses(ds)) {
                assertFalse(fragments.contains(address >>> 32), "fragment ids are not reused");
            }
            try (Dataset old = Dataset.open(path, full, DatasetOptions.DEFAULT.withAllocator(allocator))) {
                ModelRows.assertTable(first, old, "the version before the deletes");
            }
        }
    }

    private static List<Object[]> concat(List<Object[]> a, List<Object[]> b) {
        List<Object[]> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}

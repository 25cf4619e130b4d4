package io.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quiver.engine.expr.Filters;
import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.scan.ScanSpec;
import io.quiver.engine.testing.TestRandom;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writes guarded by the rows they read ({@link Dataset#upsert(VectorSchemaRoot, long[])},
 * {@link Dataset#deleteByKey(List, long[])}, {@link Dataset#replaceRows(long[], VectorSchemaRoot)}):
 * commits of other rows pass, a commit that changed a row read is a {@link RowsChangedException}
 * that changes nothing, and counters incremented by racing writers that retry lose nothing.
 */
@ExtendWith(TestRandom.class)
class ReadModifyWriteTest {
    private static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("n", FieldType.nullable(new ArrowType.Int(64, true)), null)));

    @TempDir
    Path dir;

    private Dataset create(BufferAllocator allocator, PrimaryKey key, long... ids) throws Exception {
        Dataset ds = Dataset.create(dir, SCHEMA, key, DatasetOptions.DEFAULT.withAllocator(allocator));
        try (VectorSchemaRoot rows = rows(allocator, ids, new long[ids.length])) {
            ds.append(rows);
        }
        return ds;
    }

    private Dataset open(BufferAllocator allocator) throws Exception {
        return Dataset.open(dir, DatasetOptions.DEFAULT.withAllocator(allocator));
    }

    @Test
    void aGuardedUpsertPassesCommitsOfOtherRowsAndStopsAtChangesOfItsOwn() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = create(allocator, PrimaryKey.of("id"), 1, 2, 3);
                Dataset other = open(allocator)) {
            long[] read = addressesOf(ds, 1);
            upsert(other, allocator, 2, 20);
            upsert(other, allocator, 4, 40);
            try (VectorSchemaRoot changed = rows(allocator, new long[] {1}, new long[] {10})) {
                ds.upsert(changed, read);
            }
            assertEquals("{1=10, 2=20, 3=0, 4=40}", contents(ds).toString());

            for (Runnable change : List.<Runnable>of(
                    () -> upsert(other, allocator, 1, 11),
                    () -> deleteKey(other, 1),
                    () -> upsert(other, allocator, 1, 12))) {
                read = addressesOf(ds, 1);
                boolean wasPresent = read[0] >= 0;
                other.refresh();
                change.run();
                long before = other.version();
                String state = contents(other).toString();
                try (VectorSchemaRoot changed = rows(allocator, new long[] {1}, new long[] {99})) {
                    long[] r = read;
                    RowsChangedException e = assertThrows(RowsChangedException.class, () -> ds.upsert(changed, r));
                    assertEquals(
                            true,
                            e.getMessage().contains(wasPresent ? "holding key [1]" : "with key [1]"),
                            e.getMessage());
                }
                ds.refresh();
                assertEquals(before, ds.version(), "nothing committed");
                assertEquals(state, contents(ds).toString());
            }
        }
    }

    @Test
    void aGuardedDeleteByKeyStopsAtChangesOfTheRowsItRead() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = create(allocator, PrimaryKey.of("id"), 1, 2, 3);
                Dataset other = open(allocator)) {
            long[] read = addressesOf(ds, 1, 2);
            upsert(other, allocator, 3, 30);
            assertEquals(2, ds.deleteByKey(List.of(new Object[] {1L}, new Object[] {2L}), read));
            assertEquals("{3=30}", contents(ds).toString());

            long[] three = addressesOf(ds, 3);
            other.refresh();
            upsert(other, allocator, 3, 31);
            assertThrows(RowsChangedException.class, () -> ds.deleteByKey(List.<Object[]>of(new Object[] {3L}), three));
            ds.refresh();
            assertEquals("{3=31}", contents(ds).toString());
        }
    }

    @Test
    void replacingReadRowsPassesAppendsAndStopsAtDeletesAndCompaction() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = create(allocator, null, 1, 2, 3);
                Dataset other = open(allocator)) {
            long[] read = ds.scan().filter(Filters.eq("id", 2L)).rowAddresses();
            try (VectorSchemaRoot more = rows(allocator, new long[] {4}, new long[] {40})) {
                other.append(more);
            }
            try (VectorSchemaRoot changed = rows(allocator, new long[] {2}, new long[] {20})) {
                ds.replaceRows(read, changed);
            }
            assertEquals("{1=0, 2=20, 3=0, 4=40}", contents(ds).toString());

            long[] one = ds.scan().filter(Filters.eq("id", 1L)).rowAddresses();
            other.refresh();
            other.delete(Filters.eq("id", 1L));
            try (VectorSchemaRoot changed = rows(allocator, new long[] {1}, new long[] {10})) {
                assertThrows(RowsChangedException.class, () -> ds.replaceRows(one, changed));
            }
            long[] three = ds.scan().filter(Filters.eq("id", 3L)).rowAddresses();
            other.refresh();
            other.compact(new CompactionOptions(1 << 20, 0.0, 0.0));
            try (VectorSchemaRoot none = rows(allocator, new long[0], new long[0])) {
                assertThrows(RowsChangedException.class, () -> ds.replaceRows(three, none));
            }
            ds.refresh();
            assertEquals("{2=20, 3=0, 4=40}", contents(ds).toString());
        }
    }

    @Test
    void addressesComeWithTheRowsFromOneVersion() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = create(allocator, PrimaryKey.of("id"), 5, 6, 7)) {
            upsert(ds, allocator, 6, 60);
            try (VectorSchemaRoot rows =
                    ds.getAllWithAddresses(List.of(new Object[] {7L}, new Object[] {8L}, new Object[] {6L}), "n")) {
                assertEquals(
                        List.of("n", ScanSpec.ROW_ADDRESS),
                        rows.getSchema().getFields().stream()
                                .map(Field::getName)
                                .toList());
                assertEquals(2, rows.getRowCount());
                assertEquals(0L, ((BigIntVector) rows.getVector("n")).get(0));
                assertEquals(60L, ((BigIntVector) rows.getVector("n")).get(1));
                BigIntVector addresses = (BigIntVector) rows.getVector(ScanSpec.ROW_ADDRESS);
                long[] expected = new long[] {
                    ds.scan().filter(Filters.eq("id", 7L)).rowAddresses()[0],
                    ds.scan().filter(Filters.eq("id", 6L)).rowAddresses()[0]
                };
                assertArrayEquals(expected, new long[] {addresses.get(0), addresses.get(1)});
            }
        }
    }

    /** Issue 17: writers each adding 1 to one counter, on their own handles, end at exactly the sum. */
    @Test
    void racingIncrementsThatRetryLoseNothing(Random random) throws Exception {
        int writers = 4;
        int increments = 25;
        try (BufferAllocator allocator = new RootAllocator()) {
            create(allocator, PrimaryKey.of("id"), 1, 2).close();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<Integer>> conflicts = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                long key = 1 + random.nextInt(2);
                conflicts.add(pool.submit(() -> {
                    int lost = 0;
                    try (Dataset ds = open(allocator)) {
                        for (int i = 0; i < increments; i++) {
                            while (!increment(ds, allocator, key)) {
                                lost++;
                            }
                        }
                    }
                    return lost;
                }));
            }
            pool.shutdown();
            for (Future<Integer> f : conflicts) {
                f.get();
            }
            try (Dataset ds = open(allocator)) {
                TreeMap<Long, Long> counters = contents(ds);
                assertEquals(writers * increments, counters.get(1L) + counters.get(2L), counters.toString());
            }
        }
    }

    /** Reads the counter, adds 1 and writes it back guarded; false when another writer got there first. */
    private static boolean increment(Dataset ds, BufferAllocator allocator, long key) throws Exception {
        ds.refresh();
        long n;
        long[] read;
        try (VectorSchemaRoot row = ds.getAllWithAddresses(List.<Object[]>of(new Object[] {key}), "n")) {
            n = ((BigIntVector) row.getVector("n")).get(0);
            read = new long[] {((BigIntVector) row.getVector(ScanSpec.ROW_ADDRESS)).get(0)};
        }
        try (VectorSchemaRoot changed = rows(allocator, new long[] {key}, new long[] {n + 1})) {
            ds.upsert(changed, read);
            return true;
        } catch (RowsChangedException e) {
            return false;
        }
    }

    private static long[] addressesOf(Dataset ds, long... ids) throws Exception {
        List<Object[]> keys = new ArrayList<>();
        for (long id : ids) {
            keys.add(new Object[] {id});
        }
        long[] out = new long[ids.length];
        java.util.Arrays.fill(out, -1);
        try (VectorSchemaRoot rows = ds.getAllWithAddresses(keys, "id")) {
            for (int i = 0; i < rows.getRowCount(); i++) {
                long id = ((BigIntVector) rows.getVector("id")).get(i);
                for (int k = 0; k < ids.length; k++) {
                    if (ids[k] == id) {
                        out[k] = ((BigIntVector) rows.getVector(ScanSpec.ROW_ADDRESS)).get(i);
                    }
                }
            }
        }
        return out;
    }

    private static void upsert(Dataset ds, BufferAllocator allocator, long id, long n) {
        try (VectorSchemaRoot rows = rows(allocator, new long[] {id}, new long[] {n})) {
            ds.upsert(rows);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void deleteKey(Dataset ds, long id) {
        try {
            ds.deleteByKey(List.<Object[]>of(new Object[] {id}));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static VectorSchemaRoot rows(BufferAllocator allocator, long[] ids, long[] ns) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        root.allocateNew();
        for (int i = 0; i < ids.length; i++) {
            ((BigIntVector) root.getVector("id")).setSafe(i, ids[i]);
            ((BigIntVector) root.getVector("n")).setSafe(i, ns[i]);
        }
        root.setRowCount(ids.length);
        return root;
    }

    private static TreeMap<Long, Long> contents(Dataset ds) throws Exception {
        TreeMap<Long, Long> out = new TreeMap<>();
        try (ArrowReader reader = ds.scan().toArrowReader()) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot b = reader.getVectorSchemaRoot();
                for (int i = 0; i < b.getRowCount(); i++) {
                    out.put(((BigIntVector) b.getVector("id")).get(i), ((BigIntVector) b.getVector("n")).get(i));
                }
            }
        }
        return out;
    }
}

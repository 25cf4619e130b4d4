package io.quiver.engine;

import static io.quiver.engine.testing.ModelRows.assertRowsEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.datafile.ColumnStats;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.scan.ScanSpec;
import io.quiver.engine.testing.ModelRows;
import io.quiver.engine.testing.RandomRows;
import io.quiver.engine.testing.SmallFiles;
import io.quiver.engine.testing.TestRandom;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random tables of every column type, cut into many small pages and fragments, read back by
 * scan (whole, projected, limited, in batches of any size) and by take at random row addresses;
 * each read is compared with the rows appended.
 */
@ExtendWith(TestRandom.class)
class DatasetRoundTripTest {
    private static final Schema SCHEMA = RandomRows.withKey(RandomRows.ALL_TYPES);
    private static final List<String> NAMES =
            SCHEMA.getFields().stream().map(Field::getName).toList();

    @TempDir
    Path dir;

    /** Appends a few random batches (sometimes empty or of one row); returns the model. */
    private static List<Object[]> appendRandomBatches(Random random, Dataset ds) throws IOException {
        RandomRows rows = new RandomRows(random, SCHEMA);
        List<Object[]> model = new ArrayList<>();
        int appends = 3 + random.nextInt(4);
        for (int a = 0; a < appends; a++) {
            int n = switch (random.nextInt(8)) {
                case 0 -> 0;
                case 1 -> 1;
                default -> 2 + random.nextInt(500);
            };
            List<Object[]> batch = rows.next(n);
            long before = ds.version();
            assertEquals(
                    n == 0 ? before : before + 1,
                    ModelRows.append(ds, batch),
                    "append of " + n + " rows commits " + (n == 0 ? "nothing" : "one version"));
            model.addAll(batch);
            ModelRows.assertTable(model, ds, "after append " + a + " of " + n + " rows");
        }
        return model;
    }

    @Test
    void columnStatisticsCountEveryRowAndBoundEveryValue(Random random) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(dir.resolve("t"), SCHEMA, SmallFiles.random(random, allocator))) {
            List<Object[]> model = appendRandomBatches(random, ds);
            Map<String, ColumnStats> stats = ds.columnStats();
            assertEquals(NAMES, List.copyOf(stats.keySet()));
            for (int c = 0; c < NAMES.size(); c++) {
                String name = NAMES.get(c);
                ColumnStats s = stats.get(name);
                int column = c;
                List<Object> values = model.stream()
                        .map(r -> r[column])
                        .filter(Objects::nonNull)
                        .toList();
                assertEquals(model.size(), s.rows(), name);
                assertTrue(s.nullCountKnown(), name);
                assertEquals(model.size() - values.size(), s.nullCount(), name);
                if (name.startsWith("dec")) { // exact bounds, unscaled
                    List<BigInteger> unscaled = values.stream()
                            .map(v -> ((BigDecimal) v).unscaledValue())
                            .toList();
                    assertEquals(unscaled.isEmpty() ? null : Collections.min(unscaled), s.min(), name + " min");
                    assertEquals(unscaled.isEmpty() ? null : Collections.max(unscaled), s.max(), name + " max");
                }
                if (name.matches("id|i8|i16|i32|i64|day")) { // exact bounds
                    List<Long> longs = values.stream()
                            .map(v -> v instanceof LocalDate d ? d.toEpochDay() : (Long) v)
                            .toList();
                    assertEquals(longs.isEmpty() ? null : Collections.min(longs), s.min(), name + " min");
                    assertEquals(longs.isEmpty() ? null : Collections.max(longs), s.max(), name + " max");
                }
            }
        }
    }

    @Test
    void scansReturnTheAppendedRows(Random random) throws IOException {
        Path path = dir.resolve("t");
        try (BufferAllocator allocator = new RootAllocator()) {
            DatasetOptions options = SmallFiles.random(random, allocator);
            List<Object[]> model;
            try (Dataset ds = Dataset.create(path, SCHEMA, options)) {
                model = appendRandomBatches(random, ds);
            }
            try (Dataset ds = Dataset.open(path, options)) {
                ModelRows.assertTable(model, ds, "reopened");
                ds.verify();
            }
        }
    }

    @Test
    void projectionsLimitsAndBatchSizes(Random random) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(dir.resolve("t"), SCHEMA, SmallFiles.random(random, allocator))) {
            List<Object[]> model = appendRandomBatches(random, ds);
            for (int round = 0; round < 30; round++) {
                int[] columns = randomColumns(random);
                List<String> names = Arrays.stream(columns).mapToObj(NAMES::get).toList();
                long limit = random.nextBoolean() ? -1 : random.nextInt(model.size() + 20);
                int batchSize = random.nextBoolean()
                        ? ScanSpec.MAX_DEFAULT_BATCH_ROWS
                        : 1 + random.nextInt(random.nextBoolean() ? 10 : 700);
                String context = "columns " + names + ", limit " + limit + ", batch size " + batchSize;
                Scan scan = ds.scan().columns(names).batchSize(batchSize);
                if (limit >= 0) {
                    scan.limit(limit);
                }
                List<Object[]> expected = ModelRows.project(
                        limit < 0 ? model : model.subList(0, (int) Math.min(limit, model.size())), columns);
                List<Object[]> actual = new ArrayList<>();
                try (ArrowReader reader = scan.toArrowReader()) {
                    assertEquals(
                            names,
                            reader.getVectorSchemaRoot().getSchema().getFields().stream()
                                    .map(Field::getName)
                                    .toList(),
                            context);
                    while (reader.loadNextBatch()) {
                        VectorSchemaRoot batch = reader.getVectorSchemaRoot();
                        assertTrue(
                                batch.getRowCount() <= batchSize,
                                context + ": a batch of " + batch.getRowCount() + " rows");
                        // An empty projection returns row counts only; the model has empty rows to count.
                        actual.addAll(
                                names.isEmpty()
                                        ? Collections.nCopies(batch.getRowCount(), new Object[0])
                                        : ModelRows.toRows(ds, batch));
                    }
                }
                assertRowsEqual(expected, actual, context);
                assertEquals(expected.size(), scan.count(), context + ": count()");
            }
        }
    }

    @Test
    void badScanArgumentsAreRejected(Random random) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(dir.resolve("t"), SCHEMA, SmallFiles.random(random, allocator))) {
            ModelRows.append(ds, new RandomRows(random, SCHEMA).next(10));
            assertThrows(IllegalArgumentException.class, () -> ds.scan().limit(-1));
            assertThrows(IllegalArgumentException.class, () -> ds.scan().batchSize(0));
            var unknown = assertThrows(
                    IllegalArgumentException.class,
                    () -> ds.scan().columns("id", "nope").toArrowReader().close());
            assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());
            var duplicate = assertThrows(
                    IllegalArgumentException.class,
                    () -> ds.scan().columns("s", "s").toArrowReader().close());
            assertTrue(duplicate.getMessage().contains("s"), duplicate.getMessage());
            var take = assertThrows(
                    IllegalArgumentException.class,
                    () -> ds.take(new long[] {0}, "nope").close());
            assertTrue(take.getMessage().contains("nope"), take.getMessage());
        }
    }

    /** A random selection of columns in random order (sometimes none, sometimes all). */
    private static int[] randomColumns(Random random) {
        List<Integer> all =
                new ArrayList<>(IntStream.range(0, NAMES.size()).boxed().toList());
        Collections.shuffle(all, random);
        int n = switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> NAMES.size();
            default -> 1 + random.nextInt(NAMES.size());
        };
        return all.subList(0, n).stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void takeReturnsTheRowsAtRandomAddresses(Random random) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(dir.resolve("t"), SCHEMA, SmallFiles.random(random, allocator))) {
            List<Object[]> model = appendRandomBatches(random, ds);
            if (model.isEmpty()) {
                model = new RandomRows(random, SCHEMA).next(50);
                ModelRows.append(ds, model);
            }
            List<Long> addresses = ModelRows.rowAddresses(ds);
            assertEquals(model.size(), addresses.size());
            assertEquals(addresses.size(), new HashSet<>(addresses).size(), "row addresses are unique");
            List<Object[]> withAddress = ModelRows.scan(ds.scan().withRowAddress());
            for (int i = 0; i < model.size(); i++) {
                assertEquals(
                        addresses.get(i), withAddress.get(i)[NAMES.size()], "the address column follows the columns");
            }
            for (int round = 0; round < 25; round++) {
                checkTake(random, ds, model, addresses, "round " + round);
            }

            // Delete a random fifth of the rows: the survivors keep their addresses, the deleted ones are gone.
            Set<Long> deletedKeys = new HashSet<>();
            for (Object[] row : model) {
                if (random.nextInt(5) == 0) {
                    deletedKeys.add((Long) row[0]);
                }
            }
            assertEquals(deletedKeys.size(), ds.delete(Filters.in(RandomRows.KEY, List.copyOf(deletedKeys))));
            List<Object[]> live = new ArrayList<>();
            List<Long> liveAddresses = new ArrayList<>();
            List<Long> deadAddresses = new ArrayList<>();
            for (int i = 0; i < model.size(); i++) {
                boolean deleted = deletedKeys.contains((Long) model.get(i)[0]);
                (deleted ? deadAddresses : liveAddresses).add(addresses.get(i));
                if (!deleted) {
                    live.add(model.get(i));
                }
            }
            assertEquals(liveAddresses, ModelRows.rowAddresses(ds), "addresses of the rows that survive a delete");
            if (!live.isEmpty()) {
                for (int round = 0; round < 10; round++) {
                    checkTake(random, ds, live, liveAddresses, "after delete, round " + round);
                }
            }
            for (long dead : deadAddresses.subList(0, Math.min(5, deadAddresses.size()))) {
                assertTakeRejected(ds, withValid(random, liveAddresses, dead));
                assertTakeRejected(ds, new long[] {dead - 1, dead, dead + 1}); // a run in table order
            }
            long last = addresses.getLast();
            assertTakeRejected(ds, withValid(random, liveAddresses, last + 1_000_000)); // past the fragment's rows
            assertTakeRejected(
                    ds, withValid(random, liveAddresses, (((last >>> 32) + 1000) << 32))); // no such fragment
            assertTakeRejected(ds, withValid(random, liveAddresses, -1L));
        }
    }

    /**
     * Takes random addresses (with repeats, in random order), or a third of the time a run in
     * table order with a few gaps (a data loader's batch), and compares with the model rows at them.
     */
    private static void checkTake(Random random, Dataset ds, List<Object[]> model, List<Long> addresses, String context)
            throws IOException {
        int n = random.nextInt(5) == 0 ? random.nextInt(3) : 1 + random.nextInt(300);
        int[] picks = new int[n];
        boolean inOrder = random.nextInt(3) == 0;
        for (int i = 0; i < n; i++) {
            if (inOrder) {
                int next = i == 0 ? random.nextInt(model.size()) : picks[i - 1] + (random.nextInt(10) == 0 ? 2 : 1);
                if (next >= model.size()) {
                    n = i;
                    picks = Arrays.copyOf(picks, n);
                    break;
                }
                picks[i] = next;
            } else {
                // Repeats: draw some from a few hot rows.
                picks[i] = random.nextInt(4) == 0
                        ? random.nextInt(Math.min(5, model.size()))
                        : random.nextInt(model.size());
            }
        }
        long[] wanted = Arrays.stream(picks).mapToLong(addresses::get).toArray();
        int[] columns = randomColumns(random);
        String[] names = Arrays.stream(columns).mapToObj(NAMES::get).toArray(String[]::new);
        List<Object[]> expected = new ArrayList<>();
        for (int p : picks) {
            expected.add(model.get(p));
        }
        if (columns.length > 0) {
            expected = ModelRows.project(expected, columns);
        }
        try (VectorSchemaRoot taken = ds.take(wanted, names)) {
            assertEquals(n, taken.getRowCount(), context);
            assertRowsEqual(
                    expected,
                    ModelRows.toRows(ds, taken),
                    context + ": take of " + n + " rows, columns " + Arrays.toString(names));
        }
    }

    /** Some valid addresses with {@code bad} among them. */
    private static long[] withValid(Random random, List<Long> valid, long bad) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < random.nextInt(4) && !valid.isEmpty(); i++) {
            out.add(valid.get(random.nextInt(valid.size())));
        }
        out.add(random.nextInt(out.size() + 1), bad);
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static void assertTakeRejected(Dataset ds, long[] addresses) {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> ds.take(addresses).close(),
                "take of " + Arrays.toString(addresses));
        assertTrue(e.getMessage().contains("row address"), e.getMessage());
    }
}

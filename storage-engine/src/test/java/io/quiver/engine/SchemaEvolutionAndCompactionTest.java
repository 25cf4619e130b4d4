package io.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.commit.TableLayout;
import io.quiver.engine.commit.VersionNotFoundException;
import io.quiver.engine.expr.Expr;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.testing.FilterModel;
import io.quiver.engine.testing.ModelRows;
import io.quiver.engine.testing.RandomFilters;
import io.quiver.engine.testing.RandomRows;
import io.quiver.engine.testing.SmallFiles;
import io.quiver.engine.testing.TestRandom;
import io.quiver.engine.testing.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding (null-filled and computed) and dropping columns, compaction after deletes and many small
 * appends, and cleanup of old versions, each checked against a model of the table.
 */
@ExtendWith(TestRandom.class)
class SchemaEvolutionAndCompactionTest {
    private static final Schema SCHEMA = RandomRows.withKey(RandomRows.ALL_TYPES);

    @TempDir
    Path dir;

    /** The model: rows in the schema's column order. */
    private static final class Table {
        Schema schema;
        List<Object[]> rows = new ArrayList<>();

        Table(Schema schema) {
            this.schema = schema;
        }

        int index(String name) {
            return schema.getFields().indexOf(schema.findField(name));
        }

        void delete(Expr filter) {
            Set<Object[]> gone = Collections.newSetFromMap(new IdentityHashMap<>());
            gone.addAll(new FilterModel(schema).select(filter, rows));
            rows = new ArrayList<>(rows.stream().filter(r -> !gone.contains(r)).toList());
        }

        /** Adds columns whose values {@code compute} gives for each row. */
        void add(List<Field> fields, Function<Object[], Object[]> compute) {
            List<Field> all = new ArrayList<>(schema.getFields());
            all.addAll(fields);
            schema = new Schema(all);
            List<Object[]> out = new ArrayList<>();
            for (Object[] row : rows) {
                Object[] added = compute.apply(row);
                Object[] wider = Arrays.copyOf(row, row.length + added.length);
                System.arraycopy(added, 0, wider, row.length, added.length);
                out.add(wider);
            }
            rows = out;
        }

        void drop(String... names) {
            Set<Integer> dropped = new LinkedHashSet<>();
            for (String n : names) {
                dropped.add(index(n));
            }
            int[] kept = IntStream.range(0, schema.getFields().size())
                    .filter(i -> !dropped.contains(i))
                    .toArray();
            schema = new Schema(
                    Arrays.stream(kept).mapToObj(schema.getFields()::get).toList());
            rows = ModelRows.project(rows, kept);
        }
    }

    @Test
    void addedAndDroppedColumnsReadAsTheModel(Random random) throws IOException {
        Path path = dir.resolve("t");
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(path, SCHEMA, SmallFiles.random(random, allocator))) {
            Table table = new Table(SCHEMA);
            RandomRows generator = new RandomRows(random, SCHEMA);
            for (int i = 0; i < 3; i++) {
                List<Object[]> batch = generator.next(1 + random.nextInt(300));
                ModelRows.append(ds, batch);
                table.rows.addAll(batch);
            }
            Expr deleted = new RandomFilters(random, SCHEMA, table.rows).next(1);
            ds.delete(deleted);
            table.delete(deleted);

            List<Field> nullColumns = List.of(
                    RandomRows.nullable("extra_s", ArrowType.Utf8.INSTANCE),
                    RandomRows.vector("extra_vec", 4),
                    RandomRows.nullable("extra_i", new ArrowType.Int(32, true)));
            ds.addColumns(nullColumns);
            table.add(nullColumns, row -> new Object[3]);
            ModelRows.assertTable(table.rows, ds, "after adding null columns");
            assertEquals(
                    table.rows.size(),
                    ds.count(Filters.and(
                            Filters.isNull("extra_s"), Filters.isNull("extra_vec"), Filters.isNull("extra_i"))));
            long beforeComputed = ds.version();

            List<Field> computed = List.of(
                    RandomRows.nullable("twice", new ArrowType.Int(64, true)),
                    RandomRows.nullable("slen", new ArrowType.Int(32, true)));
            int[] calls = {0};
            ds.addColumns(computed, List.of("i64", "s"), (in, out) -> {
                assertEquals(
                        List.of("i64", "s"),
                        in.getSchema().getFields().stream().map(Field::getName).toList(),
                        "computer input columns");
                for (int r = 0; r < in.getRowCount(); r++) {
                    Object[] values =
                            twiceAndLength(ModelRows.get(in.getVector(0), r), ModelRows.get(in.getVector(1), r));
                    ModelRows.set(out.getVector(0), r, values[0]);
                    ModelRows.set(out.getVector(1), r, values[1]);
                }
                out.setRowCount(in.getRowCount());
                calls[0]++;
            });
            // A delete of every row drops every fragment, and then there is nothing to compute.
            assertTrue(calls[0] > 0 || table.rows.isEmpty(), "the computer was called");
            int i64 = table.index("i64");
            int s = table.index("s");
            table.add(computed, row -> twiceAndLength(row[i64], row[s]));
            ModelRows.assertTable(table.rows, ds, "after adding computed columns");

            // New rows carry every column, old and new.
            RandomRows wider = new RandomRows(random, table.schema).keysFrom(generator.nextKey());
            List<Object[]> batch = wider.next(1 + random.nextInt(200));
            ModelRows.append(ds, batch);
            table.rows.addAll(batch);
            ModelRows.assertTable(table.rows, ds, "after appending rows with the new columns");

            ds.dropColumns("i16", "bin", "extra_s", "twice");
            table.drop("i16", "bin", "extra_s", "twice");
            ModelRows.assertTable(table.rows, ds, "after dropping columns");
            var e = assertThrows(IllegalArgumentException.class, () -> ds.count(Filters.isNull("twice")));
            assertTrue(e.getMessage().contains("twice"), e.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> ds.take(new long[0], "bin").close());

            // A column added under a dropped column's name is a new column: null, never the old values.
            List<Field> again = List.of(
                    RandomRows.nullable("i16", ArrowType.Utf8.INSTANCE),
                    RandomRows.nullable("twice", new ArrowType.Int(64, true)));
            ds.addColumns(again);
            table.add(again, row -> new Object[2]);
            ModelRows.assertTable(table.rows, ds, "after re-adding dropped names");
            checkRandomTakes(random, ds, table.rows);

            try (Dataset old = Dataset.open(path, beforeComputed, DatasetOptions.DEFAULT.withAllocator(allocator))) {
                assertEquals(
                        SCHEMA.getFields().size() + 3, old.schema().getFields().size());
                assertEquals(table.rows.size() - batch.size(), old.count());
            }

            int fragmentsBefore = fragments(ds).size();
            ds.compact(new CompactionOptions(1 << 20, 0.0));
            ModelRows.assertTable(table.rows, ds, "after compacting the evolved table");
            assertTrue(fragments(ds).size() <= Math.max(1, fragmentsBefore));
            ds.verify();
        }
    }

    /** The computed columns: i64 * 2 (wrapping) and the UTF-8 length of s; null from null. */
    private static Object[] twiceAndLength(Object i64, Object s) {
        return new Object[] {
            i64 == null ? null : (Long) i64 * 2,
            s == null ? null : (long) ((String) s).getBytes(StandardCharsets.UTF_8).length
        };
    }

    private static void checkRandomTakes(Random random, Dataset ds, List<Object[]> rows) throws IOException {
        List<Long> addresses = ModelRows.rowAddresses(ds);
        long[] wanted = new long[Math.min(50, rows.size())];
        List<Object[]> expected = new ArrayList<>();
        for (int i = 0; i < wanted.length; i++) {
            int pick = random.nextInt(rows.size());
            wanted[i] = addresses.get(pick);
            expected.add(rows.get(pick));
        }
        try (VectorSchemaRoot taken = ds.take(wanted)) {
            ModelRows.assertRowsEqual(expected, ModelRows.toRows(ds, taken), "take at random addresses");
        }
    }

    @Test
    void compactionKeepsRowsAndOrderAndDropsDeletedRows(Random random) throws IOException {
        Path path = dir.resolve("t");
        try (BufferAllocator allocator = new RootAllocator()) {
            DatasetOptions options = SmallFiles.options(allocator, 64 + random.nextInt(500), 1000);
            Table table = new Table(SCHEMA);
            Map<Long, Long> fragmentOfKey = new HashMap<>();
            Map<Long, Integer> physicalRows = new HashMap<>();
            try (Dataset ds = Dataset.create(path, SCHEMA, options)) {
                RandomRows generator = new RandomRows(random, SCHEMA);
                int appends = 15 + random.nextInt(10);
                for (int i = 0; i < appends; i++) {
                    List<Object[]> batch = generator.next(1 + random.nextInt(40));
                    ModelRows.append(ds, batch);
                    table.rows.addAll(batch);
                    List<Long> addresses = ModelRows.rowAddresses(ds);
                    for (int r = 0; r < addresses.size(); r++) {
                        if (fragmentOfKey.putIfAbsent((Long) table.rows.get(r)[0], addresses.get(r) >>> 32) == null) {
                            physicalRows.merge(addresses.get(r) >>> 32, 1, Integer::sum);
                        }
                    }
                    // No deletes after the last two appends: at least two fragments are left to merge.
                    if (i < appends - 2 && random.nextBoolean()) {
                        Expr filter = new RandomFilters(random, SCHEMA, table.rows).next(1);
                        ds.delete(filter);
                        table.delete(filter);
                    }
                }
                ModelRows.assertTable(table.rows, ds, "before compaction");
                long beforeVersion = ds.version();
                Set<Long> before = fragments(ds);
                Map<Long, Integer> live = new HashMap<>();
                for (Object[] row : table.rows) {
                    live.merge(fragmentOfKey.get((Long) row[0]), 1, Integer::sum);
                }
                // Deleted rows of surviving fragments (a fully deleted fragment left the table at its delete).
                long deletedRows = live.entrySet().stream()
                        .mapToLong(f -> physicalRows.get(f.getKey()) - f.getValue())
                        .sum();
                assertEquals(live.keySet(), before, "the fragments holding live rows");

                int target = 50 + random.nextInt(250);
                CompactionResult result = ds.compact(new CompactionOptions(target, 0.1));
                ModelRows.assertTable(table.rows, ds, "after compaction to " + target + " rows per fragment");
                Set<Long> after = fragments(ds);
                assertTrue(Collections.disjoint(before, after), "every fragment was small, so every one was rewritten");
                assertEquals((table.rows.size() + target - 1) / target, after.size(), "fragments after compaction");
                assertEquals(new CompactionResult(before.size(), after.size(), table.rows.size(), deletedRows), result);
                assertEquals(
                        CompactionResult.NOTHING,
                        ds.compact(new CompactionOptions(target, 0.1)),
                        "nothing left to compact");
                checkRandomTakes(random, ds, table.rows);

                try (Dataset old = Dataset.open(path, beforeVersion, options)) {
                    ModelRows.assertTable(table.rows, old, "the version before compaction");
                }

                assertEquals(new CleanupResult(0, 0, 0), ds.cleanup(Duration.ofHours(1)), "nothing is an hour old");
                int versions = ds.versions().size();
                Files.write(
                        path.resolve(TableLayout.DATA).resolve("orphan" + TableLayout.DATA_SUFFIX),
                        new byte[] {1, 2, 3});
                Files.setLastModifiedTime(
                        path.resolve(TableLayout.DATA).resolve("orphan" + TableLayout.DATA_SUFFIX),
                        FileTime.from(Instant.now().minusSeconds(60)));
                List<String> filesBefore = Trees.files(path);
                CleanupResult cleaned = ds.cleanup(Duration.ZERO);
                assertEquals(versions - 1, cleaned.versionsRemoved(), cleaned.toString());
                assertEquals(
                        List.of(ds.version()),
                        ds.versions().stream().map(VersionInfo::version).toList());
                List<String> filesAfter = Trees.files(path);
                assertEquals(
                        filesBefore.size() - cleaned.versionsRemoved() - cleaned.filesRemoved(),
                        filesAfter.size(),
                        cleaned.toString());
                assertEquals(
                        after.size(),
                        filesAfter.stream()
                                .filter(f -> f.startsWith(TableLayout.DATA + "/"))
                                .count(),
                        "data files left: " + filesAfter);
                assertTrue(
                        filesAfter.stream().noneMatch(f -> f.startsWith(TableLayout.DELETIONS + "/")),
                        "deletion files left: " + filesAfter);
                long latest = ds.version();
                assertThrows(
                        VersionNotFoundException.class,
                        () -> Dataset.open(path, beforeVersion, options).close());
                ModelRows.assertTable(table.rows, ds, "after cleanup");
                checkRandomTakes(random, ds, table.rows);
                ds.verify();
                assertEquals(latest, ds.version());
            }
            try (Dataset reopened = Dataset.open(path, options)) {
                ModelRows.assertTable(table.rows, reopened, "reopened after cleanup");
                reopened.verify();
                List<Object[]> more =
                        new RandomRows(random, SCHEMA).keysFrom(1_000_000).next(1 + random.nextInt(50));
                ModelRows.append(reopened, more);
                table.rows.addAll(more);
                ModelRows.assertTable(table.rows, reopened, "appended after cleanup");
            }
        }
    }

    /** Two small fragments with a large one between them: compaction must not move rows past it. */
    @Test
    void compactionOfFragmentsApartKeepsScanOrder(Random random) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(dir.resolve("t"), SCHEMA, SmallFiles.options(allocator, 1024, 1000))) {
            RandomRows generator = new RandomRows(random, SCHEMA);
            List<Object[]> rows = new ArrayList<>();
            for (int n : new int[] {10, 200, 10}) {
                List<Object[]> batch = generator.next(n);
                ModelRows.append(ds, batch);
                rows.addAll(batch);
            }
            ds.compact(new CompactionOptions(100, 0.1));
            ModelRows.assertTable(rows, ds, "after merging the first and last fragments");
        }
    }

    private static Set<Long> fragments(Dataset ds) throws IOException {
        Set<Long> ids = new LinkedHashSet<>();
        for (long a : ModelRows.rowAddresses(ds)) {
            ids.add(a >>> 32);
        }
        return ids;
    }

    /** A column added after the data was written reads as null, also when a filter reads it. */
    @Test
    void addedColumnsReadAsNullOnOldFragments(Random random) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(dir.resolve("t"), SCHEMA, SmallFiles.random(random, allocator))) {
            List<Object[]> rows = new RandomRows(random, SCHEMA).next(1 + random.nextInt(300));
            ModelRows.append(ds, rows);
            ds.addColumns(List.of(RandomRows.nullable("late", new ArrowType.Int(8, true))));
            List<Object[]> late =
                    ModelRows.scan(ds.scan().columns("late", RandomRows.KEY).filter(Filters.isNull("late")));
            ModelRows.assertRowsEqual(
                    rows.stream().map(r -> new Object[] {null, r[0]}).toList(), late, "the added column");
            assertEquals(0, ds.count(Filters.eq("late", 0)));
            assertEquals(0, ds.count(Filters.not(Filters.eq("late", 0))));
        }
    }
}

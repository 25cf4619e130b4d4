package io.quiver.engine;

import static io.quiver.engine.testing.ModelRows.assertRowsEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.datafile.ColumnReader;
import io.quiver.engine.datafile.ColumnStats;
import io.quiver.engine.datafile.DataFileOptions;
import io.quiver.engine.datafile.DataFileReader;
import io.quiver.engine.datafile.DataFileWriter;
import io.quiver.engine.expr.BoundFilter;
import io.quiver.engine.expr.Expr;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.engine.testing.FilterModel;
import io.quiver.engine.testing.ModelRows;
import io.quiver.engine.testing.RandomFilters;
import io.quiver.engine.testing.RandomRows;
import io.quiver.engine.testing.SmallFiles;
import io.quiver.engine.testing.TestRandom;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Filters on every column type, evaluated by scans and counts over tables of many small pages and
 * fragments, against a brute-force evaluator of SQL three-valued logic ({@link FilterModel}).
 * Sorted data makes statistics prune pages and fragments; the results must stay exact.
 */
@ExtendWith(TestRandom.class)
class FilterTest {
    private static final Schema SCHEMA = RandomRows.withKey(RandomRows.ALL_TYPES);
    private static final FilterModel MODEL = new FilterModel(SCHEMA);

    @TempDir
    Path dir;

    /** Creates a table of the rows, appended in a few batches (so in several fragments). */
    private static Dataset table(Random random, Path path, BufferAllocator allocator, List<Object[]> rows)
            throws IOException {
        Dataset ds = Dataset.create(path, SCHEMA, SmallFiles.random(random, allocator));
        try {
            int from = 0;
            while (from < rows.size()) {
                int n = Math.min(rows.size() - from, 1 + random.nextInt(400));
                ModelRows.append(ds, rows.subList(from, from + n));
                from += n;
            }
            return ds;
        } catch (IOException | RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /** Checks a filtered scan (sometimes projected and limited) and count against the model. */
    private static void check(Random random, Dataset ds, List<Object[]> model, Expr filter) throws IOException {
        List<Object[]> expected = MODEL.select(filter, model);
        String context = "filter " + RandomFilters.describe(filter);
        if (random.nextInt(4) == 0) {
            int[] columns = IntStream.range(0, SCHEMA.getFields().size())
                    .filter(c -> random.nextInt(3) == 0)
                    .toArray();
            List<String> names = Arrays.stream(columns)
                    .mapToObj(c -> SCHEMA.getFields().get(c).getName())
                    .toList();
            int limit = random.nextInt(expected.size() + 5);
            List<Object[]> projected =
                    ModelRows.project(expected.subList(0, Math.min(limit, expected.size())), columns);
            if (!names.isEmpty()) {
                assertRowsEqual(
                        projected,
                        ModelRows.scan(ds.scan().filter(filter).columns(names).limit(limit)),
                        context + ", columns " + names + ", limit " + limit);
            }
        } else {
            assertRowsEqual(
                    expected, ModelRows.scan(ds.scan().filter(filter).batchSize(1 + random.nextInt(300))), context);
        }
        assertEquals(expected.size(), ds.count(filter), context + ": count");
    }

    @Test
    void randomFiltersMatchBruteForce(Random random) throws IOException {
        List<Object[]> model = new RandomRows(random, SCHEMA).next(600 + random.nextInt(600));
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = table(random, dir.resolve("t"), allocator, model)) {
            RandomFilters filters = new RandomFilters(random, SCHEMA, model);
            for (int i = 0; i < 200; i++) {
                check(random, ds, model, filters.next(3));
            }
        }
    }

    /** Every comparison operator on every ordered column, with literals drawn from the data. */
    @Test
    void everyOperatorOnEveryOrderedColumn(Random random) throws IOException {
        List<Object[]> model = new RandomRows(random, SCHEMA).next(300 + random.nextInt(300));
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = table(random, dir.resolve("t"), allocator, model)) {
            RandomFilters filters = new RandomFilters(random, SCHEMA, model);
            for (int column : orderedColumns()) {
                String name = SCHEMA.getFields().get(column).getName();
                for (Expr.Op op : Expr.Op.values()) {
                    check(random, ds, model, new Expr.Compare(name, op, filters.literal(column)));
                }
            }
        }
    }

    /**
     * Rows sorted by one column, so that the pages and fragments of that column hold narrow ranges
     * and statistics skip most of them; filters on that column must still be exact.
     */
    @Test
    void filtersOnSortedDataAreExact(Random random) throws IOException {
        List<Integer> columns = orderedColumns();
        Collections.shuffle(columns, random);
        for (int column : columns.subList(0, 5)) {
            Field field = SCHEMA.getFields().get(column);
            List<Object[]> model = new ArrayList<>(new RandomRows(random, SCHEMA).next(500 + random.nextInt(500)));
            model.sort(byColumn(column));
            try (BufferAllocator allocator = new RootAllocator();
                    Dataset ds = table(random, dir.resolve("sorted-" + field.getName()), allocator, model)) {
                RandomFilters filters = new RandomFilters(random, SCHEMA, model);
                for (int i = 0; i < 40; i++) {
                    Expr onColumn = filters.leaf(column);
                    Expr filter = switch (random.nextInt(4)) {
                        case 0 -> Filters.and(onColumn, filters.leaf(column));
                        case 1 -> Filters.or(onColumn, filters.leaf(column));
                        case 2 -> Filters.and(onColumn, filters.next(1));
                        default -> onColumn;
                    };
                    check(random, ds, model, filter);
                }
                // Key ranges: the key is sorted in every table, and selective.
                long key = (Long) model.get(random.nextInt(model.size()))[0];
                check(
                        random,
                        ds,
                        model,
                        Filters.and(Filters.ge(RandomRows.KEY, key), Filters.lt(RandomRows.KEY, key + 10)));
            }
        }
    }

    /** The ordered columns (all but the vector), by index. */
    private static List<Integer> orderedColumns() {
        return new ArrayList<>(IntStream.range(0, SCHEMA.getFields().size())
                .filter(c -> RandomRows.Kind.of(SCHEMA.getFields().get(c)).ordered())
                .boxed()
                .toList());
    }

    /** Orders rows by a column, nulls first, values in the filter order. */
    private static Comparator<Object[]> byColumn(int column) {
        Field field = SCHEMA.getFields().get(column);
        return (a, b) -> a[column] == null || b[column] == null
                ? Boolean.compare(b[column] == null, a[column] == null)
                : FilterModel.compare(field, a[column], b[column]);
    }

    /**
     * Statistics are sound: whenever a row of a page (or file) passes a filter, {@code mayMatch} on
     * that page's (or file's) statistics says it may. And on sorted data they do prune.
     */
    @Test
    void statisticsNeverPruneAMatch(Random random) throws IOException {
        TableSchema schema = TableSchema.fromArrow(SCHEMA);
        List<Column> columns = schema.columns();
        long pruned = 0;
        long pages = 0;
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int column : orderedColumns()) {
                List<Object[]> model = new ArrayList<>(new RandomRows(random, SCHEMA).next(300 + random.nextInt(300)));
                boolean sorted = random.nextInt(3) != 0;
                if (sorted) {
                    model.sort(byColumn(column));
                }
                Path file = dir.resolve("stats-" + column + ".qvd");
                try (VectorSchemaRoot root = ModelRows.toRoot(allocator, SCHEMA, model);
                        DataFileWriter writer = new DataFileWriter(
                                file, columns, new DataFileOptions(64 + random.nextInt(400), 0, 0.2))) {
                    writer.write(root.getFieldVectors(), 0, model.size());
                    writer.finish();
                }
                RandomFilters filters = new RandomFilters(random, SCHEMA, model);
                int fieldId = columns.get(column).fieldId();
                try (DataFileReader reader =
                        DataFileReader.open(file, file.getFileName().toString(), null, -1)) {
                    ColumnReader c = reader.column(fieldId);
                    for (int i = 0; i < 60; i++) {
                        Expr filter = random.nextBoolean()
                                ? filters.leaf(column)
                                : Filters.and(filters.leaf(column), filters.leaf(column));
                        if (random.nextInt(5) == 0) {
                            filter = Filters.not(filter);
                        }
                        BoundFilter bound = BoundFilter.bind(filter, schema);
                        boolean[] passes = new boolean[model.size()];
                        for (int r = 0; r < passes.length; r++) {
                            passes[r] = MODEL.evaluate(filter, model.get(r)) == FilterModel.Truth.TRUE;
                        }
                        if (anyIn(passes, 0, passes.length)) {
                            assertTrue(
                                    bound.mayMatch(id -> stats(id, fieldId, c.fileStats())),
                                    RandomFilters.describe(filter) + " matches rows of the file");
                        }
                        for (int p = 0; p < c.pageCount(); p++) {
                            ColumnStats s = c.pageStats(p);
                            boolean may = bound.mayMatch(id -> stats(id, fieldId, s));
                            if (anyIn(passes, p * c.rowsPerPage(), p * c.rowsPerPage() + c.rowsIn(p))) {
                                assertTrue(
                                        may,
                                        RandomFilters.describe(filter) + " matches rows of page " + p
                                                + " but its statistics " + describe(s) + " rule it out");
                            }
                            pages++;
                            pruned += may ? 0 : 1;
                        }
                    }
                }
            }
        }
        assertTrue(pruned > pages / 20, "statistics pruned only " + pruned + " of " + pages + " pages");
    }

    private static boolean anyIn(boolean[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i]) {
                return true;
            }
        }
        return false;
    }

    private static ColumnStats stats(int id, int fieldId, ColumnStats s) {
        if (id != fieldId) {
            throw new AssertionError("filter reads field " + id + ", not only " + fieldId);
        }
        return s;
    }

    private static String describe(ColumnStats s) {
        return "(rows " + s.rows() + ", nulls " + s.nullCount() + ", min " + ModelRows.format(s.min()) + ", max "
                + ModelRows.format(s.max()) + ")";
    }

    /** Hand-checked SQL semantics that the brute-force model also follows. */
    @Test
    void sqlSemantics() throws IOException {
        Schema schema = new Schema(List.of(
                SCHEMA.getFields().get(0),
                RandomRows.nullable("f", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                RandomRows.nullable("s", ArrowType.Utf8.INSTANCE)));
        Object[][] rows = {
            {0L, Double.NaN, ""},
            {1L, -0.0, "a"},
            {2L, 0.0, "\uFF61"},
            {3L, Double.POSITIVE_INFINITY, "\uD83D\uDE00"},
            {4L, Double.NEGATIVE_INFINITY, "a%b"},
            {5L, 1.0, "ab"},
            {6L, null, null},
        };
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds =
                        Dataset.create(dir.resolve("t"), schema, DatasetOptions.DEFAULT.withAllocator(allocator))) {
            ModelRows.append(ds, Arrays.asList(rows));
            assertKeys(ds, Filters.eq("f", Double.NaN), 0);
            assertKeys(ds, Filters.gt("f", Double.POSITIVE_INFINITY), 0);
            assertKeys(ds, Filters.lt("f", 0.0), 1, 4);
            assertKeys(ds, Filters.eq("f", 0.0), 2);
            assertKeys(ds, Filters.eq("f", -0.0), 1);
            assertKeys(ds, Filters.ne("f", 1.0), 0, 1, 2, 3, 4);
            assertKeys(ds, Filters.not(Filters.eq("f", 1.0)), 0, 1, 2, 3, 4);
            assertKeys(ds, Filters.or(Filters.isNull("f"), Filters.eq("f", 1)), 5, 6);
            assertKeys(ds, Filters.not(Filters.and(Filters.isNull("f"), Filters.eq("s", "x"))), 0, 1, 2, 3, 4, 5);
            assertKeys(ds, Filters.not(Filters.or(Filters.isNotNull("f"), Filters.eq("s", "x"))));
            assertKeys(ds, Filters.in("f"));
            assertKeys(ds, Filters.not(Filters.in("f")), 0, 1, 2, 3, 4, 5);
            assertKeys(ds, Filters.in("f", 1.0, Double.NaN, 7), 0, 5);
            assertKeys(ds, new Expr.And(List.of()), 0, 1, 2, 3, 4, 5, 6);
            assertKeys(ds, new Expr.Or(List.of()));
            // UTF-8 byte order: U+FF61 sorts before U+1F600, though Java's UTF-16 order says otherwise.
            assertKeys(ds, Filters.gt("s", "\uFF61"), 3);
            assertKeys(ds, Filters.lt("s", "a%"), 0, 1);
            assertKeys(ds, Filters.like("s", "a%"), 1, 4, 5);
            assertKeys(ds, Filters.like("s", "a\\%b"), 4);
            assertKeys(ds, Filters.like("s", "a\\%%"), 4);
            assertKeys(ds, Filters.like("s", "_"), 1, 2, 3);
            assertKeys(ds, Filters.like("s", "%"), 0, 1, 2, 3, 4, 5);
            assertKeys(ds, Filters.like("s", ""), 0);
            assertKeys(ds, Filters.like("s", "\\a_"), 5);
            assertKeys(ds, Filters.not(Filters.like("s", "a%")), 0, 2, 3);
            // A character outside the BMP is one character, literal or escaped.
            assertKeys(ds, Filters.like("s", "%\uD83D\uDE00"), 3);
            assertKeys(ds, Filters.like("s", "\\\uD83D\uDE00"), 3);
            assertKeys(ds, Filters.like("s", "\uD83D\uDE00_"));
        }
    }

    /**
     * LIKE with many {@code %} on long values that do not match: a backtracking regex takes time
     * exponential in the number of {@code %} (minutes for this one); the limit only guards against a hang.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void likeWithManyWildcardsDoesNotBacktrack() throws IOException {
        Schema schema =
                new Schema(List.of(SCHEMA.getFields().get(0), RandomRows.nullable("s", ArrowType.Utf8.INSTANCE)));
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < 50; i++) {
            rows.add(new Object[] {i, "x".repeat(64 + (int) i)});
        }
        rows.add(new Object[] {50L, "x".repeat(20) + "y"});
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds =
                        Dataset.create(dir.resolve("t"), schema, DatasetOptions.DEFAULT.withAllocator(allocator))) {
            ModelRows.append(ds, rows);
            assertKeys(ds, Filters.like("s", "%x%x%x%x%x%x%x%x%x%x%y"), 50);
            assertKeys(ds, Filters.like("s", "%x_x%x_%x%x%x%x%x%x%x%y%"), 50);
        }
    }

    private static void assertKeys(Dataset ds, Expr filter, long... keys) throws IOException {
        List<Long> actual = ModelRows.scan(ds.scan().filter(filter).columns(RandomRows.KEY)).stream()
                .map(r -> (Long) r[0])
                .toList();
        assertEquals(Arrays.stream(keys).boxed().toList(), actual, "rows passing " + RandomFilters.describe(filter));
    }

    @Test
    void badFiltersAreRejectedWithClearMessages(Random random) throws IOException {
        Object[][] cases = {
            {Filters.eq("nope", 1L), "'nope'"},
            {Filters.isNull("nope"), "'nope'"},
            {Filters.like("nope", "a%"), "'nope'"},
            {Filters.in("nope", 1L), "'nope'"},
            {Filters.and(Filters.eq("i32", 1L), Filters.not(Filters.gt("ghost", 2L))), "'ghost'"},
            {Filters.eq("i32", "1"), "column i32 "},
            {Filters.eq("i64", 1.5), "column i64 "},
            {Filters.eq("i64", new BigDecimal("1.5")), "column i64 "},
            {Filters.eq("i64", BigInteger.ONE.shiftLeft(70)), "column i64 "},
            {Filters.eq("s", 1L), "column s "},
            {Filters.eq("b", 1L), "column b "},
            {Filters.eq("day", 18_262), "column day "},
            {Filters.eq("f64", "1.0"), "column f64 "},
            {Filters.eq("dec", Double.NaN), "column dec "},
            {Filters.eq("dec", "1"), "column dec "},
            {Filters.eq("ts", "2020-01-01T00:00:00Z"), "column ts "},
            {Filters.eq("ts", Instant.ofEpochSecond(0, 1)), "not a whole number of MICROSECOND for column ts"},
            {Filters.gt("tstz", Instant.ofEpochSecond(10_000_000_000_000L)), "outside the range of column tstz"},
            {Filters.eq("bin", "text"), "column bin "},
            {Filters.in("i32", 1L, "2"), "column i32 "},
            {Filters.like("i32", "1%"), "i32 is INT32"},
            {Filters.like("bin", "a%"), "bin is BINARY"},
            {Filters.like("s", "abc\\"), "escape"},
            {Filters.eq("vec", new float[] {1, 2, 3}), "column vec "},
            {Filters.lt("vec", 1.0), "column vec "},
            {Filters.in("vec", 1.0), "column vec "},
        };
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(dir.resolve("t"), SCHEMA, SmallFiles.random(random, allocator))) {
            List<Object[]> model = new RandomRows(random, SCHEMA).next(100);
            ModelRows.append(ds, model);
            long version = ds.version();
            for (Object[] c : cases) {
                Expr filter = (Expr) c[0];
                String mention = (String) c[1];
                assertRejected(() -> ds.scan().filter(filter).toArrowReader().close(), filter, mention);
                assertRejected(() -> ds.count(filter), filter, mention);
                assertRejected(() -> ds.delete(filter), filter, mention);
            }
            assertEquals(version, ds.version(), "rejected deletes commit nothing");
            ModelRows.assertTable(model, ds, "after rejected filters");
            assertThrows(IllegalArgumentException.class, () -> Filters.eq("i32", null));
            assertRejected(() -> Filters.in("i32", 1L, null), Filters.isNull("i32"), "null");
            assertRejected(() -> Filters.in("i32", Arrays.asList(1L, null)), Filters.isNull("i32"), "null");
        }
    }

    private static void assertRejected(Executable action, Expr filter, String mention) {
        var e = assertThrows(IllegalArgumentException.class, action, "filter " + filter);
        assertTrue(
                e.getMessage() != null && e.getMessage().contains(mention),
                "the message for " + filter + " should mention '" + mention + "': " + e.getMessage());
    }
}

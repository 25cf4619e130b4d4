package io.quiver.engine.datafile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.ColumnType;
import io.quiver.engine.schema.StatsDomain;
import io.quiver.engine.schema.TableSchema;
import io.quiver.engine.testing.ModelRows;
import io.quiver.engine.testing.RandomRows;
import io.quiver.engine.testing.TestRandom;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data files written and read directly: every column type with every null layout, written in
 * slices that start anywhere in a batch, with page boundaries everywhere relative to the batches;
 * row ranges decoded anywhere equal the model, and page and file statistics bound the data.
 */
@ExtendWith(TestRandom.class)
class DataFileRoundTripTest {
    private static final Schema SCHEMA = RandomRows.ALL_TYPES;
    private static final List<Column> COLUMNS = TableSchema.fromArrow(SCHEMA).columns();

    @TempDir
    Path dir;

    private static DataFileOptions randomOptions(Random random, int minPageBytes) {
        return new DataFileOptions(
                minPageBytes + random.nextInt(700), random.nextBoolean() ? 0 : 1 + random.nextInt(5), 0.2);
    }

    @Test
    void everyTypeRoundTripsThroughPages(Random random) throws IOException {
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int file = 0; file < 4; file++) {
                RandomRows generator = new RandomRows(random, SCHEMA);
                Path path = dir.resolve("f" + file + ".qvd");
                List<Object[]> model = new ArrayList<>();
                WrittenDataFile written;
                try (DataFileWriter writer = new DataFileWriter(path, COLUMNS, randomOptions(random, 64))) {
                    int batches = random.nextInt(5);
                    for (int b = 0; b < batches; b++) {
                        List<Object[]> rows = generator.next(random.nextInt(400));
                        try (VectorSchemaRoot root = ModelRows.toRoot(allocator, SCHEMA, rows)) {
                            // Some leading rows are skipped: the first slice need not start at row 0 either.
                            writeInSlices(
                                    random,
                                    writer,
                                    root,
                                    random.nextInt(Math.max(1, rows.size() / 4)),
                                    rows.size(),
                                    model);
                        }
                    }
                    assertEquals(model.size(), writer.rowCount());
                    written = writer.finish();
                }
                assertEquals(model.size(), written.rowCount());
                assertEquals(Files.size(path), written.sizeBytes());
                assertEquals(COLUMNS.stream().map(Column::fieldId).toList(), written.fieldIds());
                checkFile(random, allocator, written, COLUMNS, model);
            }
        }
    }

    /**
     * Writes rows [from, to) of the batch as random slices (some empty), in order, adding what it
     * wrote to the model. Slices start anywhere, so most start in the middle of a bitmap byte.
     */
    private static void writeInSlices(
            Random random, DataFileWriter writer, VectorSchemaRoot root, int from, int to, List<Object[]> model)
            throws IOException {
        List<Object[]> rows = ModelRows.toRows(root);
        while (from < to) {
            int n = random.nextInt(5) == 0
                    ? 0
                    : 1 + random.nextInt(Math.min(to - from, random.nextBoolean() ? 13 : 300));
            writer.write(root.getFieldVectors(), from, n);
            model.addAll(rows.subList(from, from + n));
            from += n;
        }
    }

    /** Opens the file and checks layout, every column's values over random ranges, and statistics. */
    private static void checkFile(
            Random random,
            BufferAllocator allocator,
            WrittenDataFile written,
            List<Column> columns,
            List<Object[]> model)
            throws IOException {
        String name = written.path().getFileName().toString();
        try (DataFileReader reader = DataFileReader.open(written.path(), name, written.fileId(), written.sizeBytes())) {
            reader.verify();
            assertEquals(model.size(), reader.rowCount());
            for (int c = 0; c < columns.size(); c++) {
                Column column = columns.get(c);
                ColumnReader col = reader.column(column.fieldId());
                assertNotNull(col, "column " + column.name());
                String context = name + " column " + column.name() + " (" + model.size() + " rows, " + col.rowsPerPage()
                        + " per page)";
                // A data file records the storage type: a VARCHAR(n) column's bound is the schema's.
                assertEquals(column.type().storageType(), col.type(), context);
                assertTrue(col.rowsPerPage() >= 1, context);
                assertEquals(
                        (model.size() + col.rowsPerPage() - 1) / col.rowsPerPage(),
                        col.pageCount(),
                        context + ": pages");
                List<Object> values = columnValues(model, c);
                int rows = 0;
                for (int p = 0; p < col.pageCount(); p++) {
                    assertEquals(p * col.rowsPerPage(), rows, context);
                    int n = col.rowsIn(p);
                    assertTrue(n >= 1 && n <= col.rowsPerPage(), context + ": rows in page " + p);
                    checkStats(col.pageStats(p), column.type(), values.subList(rows, rows + n), context + " page " + p);
                    rows += n;
                }
                assertEquals(model.size(), rows, context + ": rows over all pages");
                ColumnStats file = col.fileStats();
                if (model.isEmpty()) {
                    assertEquals(0, file.rows(), context);
                    assertTrue(file.nullCount() <= 0, context + ": null count of no rows");
                } else {
                    checkStats(file, column.type(), values, context + " file");
                }
                checkDecode(random, allocator, col, column, values, context);
            }
        }
    }

    private static List<Object> columnValues(List<Object[]> model, int column) {
        List<Object> values = new ArrayList<>(model.size());
        for (Object[] row : model) {
            values.add(row[column]);
        }
        return values;
    }

    /** Decodes the whole column and random ranges (many crossing pages) into one reused vector. */
    private static void checkDecode(
            Random random,
            BufferAllocator allocator,
            ColumnReader col,
            Column column,
            List<Object> values,
            String context)
            throws IOException {
        int n = values.size();
        try (FieldVector out = column.type().toArrow(column.name(), true).createVector(allocator)) {
            assertDecoded(col, out, 0, n, values, context);
            for (int i = 0; i < 20; i++) {
                int start = random.nextInt(n + 1);
                int count = random.nextInt(4) == 0
                        ? Math.min(n - start, col.rowsPerPage() + 1)
                        : random.nextInt(n - start + 1);
                if (random.nextBoolean() && col.pageCount() > 1) {
                    // Start just before a page boundary.
                    int boundary = col.rowsPerPage() * (1 + random.nextInt(col.pageCount() - 1));
                    start = Math.max(0, boundary - random.nextInt(3));
                    count = Math.min(n - start, random.nextInt(col.rowsPerPage() * 2 + 2));
                }
                assertDecoded(col, out, start, count, values, context);
            }
        }
    }

    private static void assertDecoded(
            ColumnReader col, FieldVector out, int start, int count, List<Object> values, String context)
            throws IOException {
        ColumnDecoder.decodeRange(col, start, count, out);
        assertEquals(count, out.getValueCount(), context);
        for (int i = 0; i < count; i++) {
            Object expected = values.get(start + i);
            Object actual = ModelRows.get(out, i);
            if (!ModelRows.valueEquals(expected, actual)) {
                throw new AssertionError(context + ": decodeRange(" + start + ", " + count + ") row " + (start + i)
                        + " is " + ModelRows.format(actual) + ", expected " + ModelRows.format(expected));
            }
        }
    }

    /**
     * Statistics of these values: exact row and null counts, and bounds that hold every value.
     * Bounds are exact but for strings longer than {@value ColumnStats#MAX_BYTES_BOUND} bytes: a
     * truncated lower bound and an incremented upper bound, each at most that long.
     */
    static void checkStats(ColumnStats stats, ColumnType type, List<Object> values, String context) {
        assertEquals(values.size(), stats.rows(), context + ": rows");
        List<Object> present = values.stream()
                .filter(Objects::nonNull)
                .map(v -> domainValue(type, v))
                .toList();
        assertEquals(values.size() - present.size(), stats.nullCount(), context + ": null count");
        StatsDomain domain = type.statsDomain();
        if (domain == StatsDomain.NONE || present.isEmpty()) {
            assertNull(stats.min(), context + ": min");
            assertNull(stats.max(), context + ": max");
            return;
        }
        Object min = present.stream()
                .min((a, b) -> ColumnStats.compare(domain, a, b))
                .orElseThrow();
        Object max = present.stream()
                .max((a, b) -> ColumnStats.compare(domain, a, b))
                .orElseThrow();
        String bounds = context + ": bounds [" + ModelRows.format(stats.min()) + ", " + ModelRows.format(stats.max())
                + "] of values in [" + ModelRows.format(min) + ", " + ModelRows.format(max) + "]";
        if (domain != StatsDomain.BYTES) {
            assertEquals(min, stats.min(), bounds);
            assertEquals(max, stats.max(), bounds);
            return;
        }
        int limit = ColumnStats.MAX_BYTES_BOUND;
        byte[] lower = (byte[]) stats.min();
        assertNotNull(lower, bounds);
        assertArrayEquals(Arrays.copyOf((byte[]) min, Math.min(limit, ((byte[]) min).length)), lower, bounds);
        byte[] upper = (byte[]) stats.max();
        byte[] top = (byte[]) max;
        if (top.length <= limit) {
            assertArrayEquals(top, upper, bounds);
        } else if (upper != null) {
            assertTrue(upper.length <= limit, bounds);
            assertTrue(Arrays.compareUnsigned(upper, top) > 0, bounds);
        } else {
            byte[] head = Arrays.copyOf(top, limit);
            for (byte b : head) {
                assertEquals((byte) 0xff, b, bounds + ": no upper bound although one exists");
            }
        }
        for (Object v : present) {
            assertTrue(Arrays.compareUnsigned(lower, (byte[]) v) <= 0, bounds);
            assertTrue(upper == null || Arrays.compareUnsigned((byte[]) v, upper) <= 0, bounds);
        }
    }

    /** A model value in the statistics domain of its type. */
    private static Object domainValue(ColumnType type, Object v) {
        return switch (v) {
            case Boolean b -> b ? 1L : 0L;
            case Float f -> (double) f;
            case BigDecimal d -> d.unscaledValue();
            case LocalDate d -> d.toEpochDay();
            case Instant t -> ModelRows.raw(TimeUnit.valueOf(type.timeUnit().name()), t);
            case String s -> s.getBytes(StandardCharsets.UTF_8);
            default -> v;
        };
    }

    /**
     * Files of one column whose row counts fall on, just before and just after page boundaries,
     * and of 0 and 1 rows.
     */
    @Test
    void rowCountsAroundPageBoundaries(Random random) throws IOException {
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int c = 0; c < COLUMNS.size(); c++) {
                Column column = COLUMNS.get(c);
                Schema one = new Schema(List.of(SCHEMA.getFields().get(c)));
                DataFileOptions options = randomOptions(random, 64);
                List<Object[]> pool = new RandomRows(random, one).next(8);
                int rowsPerPage = probeRowsPerPage(allocator, column, options, pool);
                int first = Math.max(1, (8 + rowsPerPage - 1) / rowsPerPage);
                TreeSet<Integer> counts = new TreeSet<>(List.of(0, 1, 7));
                for (int k = first; k < first + 3; k++) {
                    for (int d = -1; d <= 1; d++) {
                        counts.add(k * rowsPerPage + d);
                    }
                }
                for (int n : counts) {
                    if (n < 0 || n > 20_000) {
                        continue;
                    }
                    List<Object[]> rows = new ArrayList<>(pool.subList(0, Math.min(8, n)));
                    rows.addAll(new RandomRows(random, one).next(n - rows.size()));
                    Path path = dir.resolve(column.name() + "-" + n + ".qvd");
                    WrittenDataFile written;
                    // The first write is the 8 pooled rows, as in the probe: the same rows per page.
                    try (VectorSchemaRoot root = ModelRows.toRoot(allocator, one, rows);
                            DataFileWriter writer = new DataFileWriter(path, List.of(column), options)) {
                        writer.write(root.getFieldVectors(), 0, Math.min(8, n));
                        writeInSlices(random, writer, root, Math.min(8, n), n, new ArrayList<>());
                        written = writer.finish();
                    }
                    checkFile(random, allocator, written, List.of(column), rows);
                    if (n >= 8) {
                        try (DataFileReader reader = DataFileReader.open(path, path.toString(), null, -1)) {
                            assertEquals(
                                    rowsPerPage,
                                    reader.column(column.fieldId()).rowsPerPage(),
                                    column + " rows per page");
                        }
                    }
                }
            }
        }
    }

    private int probeRowsPerPage(BufferAllocator allocator, Column column, DataFileOptions options, List<Object[]> head)
            throws IOException {
        Path probe = dir.resolve(column.name() + "-probe.qvd");
        Schema one = new Schema(List.of(column.type().toArrow(column.name(), true)));
        try (VectorSchemaRoot root = ModelRows.toRoot(allocator, one, head);
                DataFileWriter writer = new DataFileWriter(probe, List.of(column), options)) {
            writer.write(root.getFieldVectors(), 0, head.size());
            writer.finish();
        }
        try (DataFileReader reader = DataFileReader.open(probe, probe.toString(), null, -1)) {
            return reader.column(column.fieldId()).rowsPerPage();
        }
    }

    /** Long strings whose bounds must be cut inside a multi-byte character or carried past 0xBF bytes. */
    @Test
    void longStringBoundsAreTruncatedSoundly(Random random) throws IOException {
        String[] prefixes = {"\uDBFF\uDFFF".repeat(17), "é".repeat(40), "a".repeat(63) + "é", "z".repeat(64)};
        Column column =
                new Column(0, "s", ColumnType.fromArrow(RandomRows.nullable("s", ArrowType.Utf8.INSTANCE)), true);
        Schema one = new Schema(List.of(column.type().toArrow("s", true)));
        try (BufferAllocator allocator = new RootAllocator()) {
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String p = prefixes[random.nextInt(prefixes.length)];
                rows.add(new Object[] {
                    random.nextInt(10) == 0
                            ? null
                            : p.substring(0, p.offsetByCodePoints(p.length(), -random.nextInt(3)))
                                    + "x".repeat(random.nextInt(3))
                });
            }
            Path path = dir.resolve("long.qvd");
            WrittenDataFile written;
            try (VectorSchemaRoot root = ModelRows.toRoot(allocator, one, rows);
                    DataFileWriter writer = new DataFileWriter(path, List.of(column), randomOptions(random, 64))) {
                writer.write(root.getFieldVectors(), 0, rows.size());
                written = writer.finish();
            }
            checkFile(random, allocator, written, List.of(column), rows);
        }
    }

    @Test
    void notNullColumnsRejectNullsAndAnUnfinishedFileIsDeleted(Random random) throws IOException {
        Field key = new Field("k", FieldType.notNullable(new ArrowType.Int(64, true)), null);
        Schema schema = new Schema(List.of(key));
        Column column = TableSchema.fromArrow(schema).columns().getFirst();
        Path path = dir.resolve("notnull.qvd");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(new Object[] {i == 13 ? null : (long) i});
        }
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = ModelRows.toRoot(
                        allocator, new Schema(List.of(RandomRows.nullable("k", key.getType()))), rows)) {
            try (DataFileWriter writer = new DataFileWriter(path, List.of(column), randomOptions(random, 64))) {
                writer.write(root.getFieldVectors(), 0, 13);
                var e = assertThrows(
                        IllegalArgumentException.class, () -> writer.write(root.getFieldVectors(), 10, 10));
                assertTrue(e.getMessage().contains("k"), e.getMessage());
                assertTrue(Files.exists(path));
            }
            assertFalse(Files.exists(path), "closing an unfinished writer deletes its file");
        }
    }
}

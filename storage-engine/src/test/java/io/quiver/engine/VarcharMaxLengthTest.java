package io.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.commit.ManifestFiles;
import io.quiver.engine.commit.TableLayout;
import io.quiver.engine.datafile.DataFileReader;
import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.schema.ColumnType;
import io.quiver.engine.testing.TableRows;
import io.quiver.engine.testing.TestRandom;
import io.quiver.engine.testing.Trees;
import io.quiver.format.CorruptFileException;
import io.quiver.format.proto.DataFileRef;
import io.quiver.format.proto.LogicalType;
import io.quiver.format.proto.TypeId;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * VARCHAR(n) columns (SPEC.md sections 6.2 and 10): the bound is kept in the schema and on disk,
 * every write path refuses a value of more than n code points with nothing committed, and tables
 * written before bounds existed still open as unbounded text.
 */
@ExtendWith(TestRandom.class)
class VarcharMaxLengthTest {
    private static final String EMOJI = "😀"; // one code point, two UTF-16 units, four UTF-8 bytes

    @TempDir
    Path dir;

    private BufferAllocator allocator;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void close() {
        allocator.close();
    }

    private DatasetOptions options() {
        return DatasetOptions.DEFAULT.withAllocator(allocator);
    }

    private static Field varchar(String name, int maxLength) {
        return ColumnType.varchar(maxLength).toArrow(name, true);
    }

    private static Schema schema(int maxLength) {
        return new Schema(List.of(
                new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null), varchar("s", maxLength)));
    }

    /** A batch of (id, s) rows with ids from {@code firstId}; a null string is a NULL. */
    private VectorSchemaRoot batch(Schema schema, long firstId, String... values) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        fill(root, firstId, values);
        return root;
    }

    private static void fill(VectorSchemaRoot root, long firstId, String... values) {
        root.allocateNew();
        BigIntVector ids = (BigIntVector) root.getVector("id");
        VarCharVector s = (VarCharVector) root.getVector("s");
        for (int i = 0; i < values.length; i++) {
            ids.setSafe(i, firstId + i);
            if (values[i] == null) {
                s.setNull(i);
            } else {
                s.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
            }
        }
        root.setRowCount(values.length);
    }

    /** Everything a refused write could have left behind: the version and every file of the table. */
    private static List<String> state(Dataset ds) throws IOException {
        List<String> state = new ArrayList<>();
        state.add("version " + ds.version());
        try (Stream<Path> files = Files.walk(ds.path())) {
            files.filter(Files::isRegularFile)
                    .map(p -> ds.path().relativize(p).toString())
                    .sorted()
                    .forEach(state::add);
        }
        return state;
    }

    private static void assertTooLong(ValueTooLongException e, String column, long row, int max, long length) {
        assertEquals(column, e.column(), e::getMessage);
        assertEquals(row, e.row(), e::getMessage);
        assertEquals(max, e.maxLength(), e::getMessage);
        assertEquals(length, e.length(), e::getMessage);
        assertEquals(
                "value too long for type VARCHAR(" + max + "): column " + column + ", row " + row + " has " + length
                        + " characters",
                e.getMessage());
    }

    @Test
    void theBoundIsKeptInTheSchemaOnDiskAndAcrossReopens() throws IOException {
        Path path = dir.resolve("t");
        try (Dataset ds = Dataset.create(path, schema(5), options());
                VectorSchemaRoot rows = batch(ds.schema(), 1, "abcde", EMOJI.repeat(5), null, "")) {
            ds.append(rows);
            assertEquals(ColumnType.varchar(5), ds.tableSchema().column("s").type());
            assertEquals(
                    Map.of(ColumnType.ARROW_MAX_LENGTH_KEY, "5"),
                    ds.schema().findField("s").getMetadata());
        }
        TableLayout layout = new TableLayout(path);
        var snapshot = ManifestFiles.read(layout, 2);
        LogicalType stored = snapshot.manifest().getSchema().getFields(1).getType();
        assertEquals(TypeId.UTF8, stored.getId());
        assertEquals(5, stored.getMaxLength(), "the manifest's schema records the bound");
        // Data files hold the storage type: the bound is the schema's rule, not the bytes' layout.
        DataFileRef file = snapshot.manifest().getFragments(0).getFiles(0);
        try (DataFileReader data = DataFileReader.open(
                path.resolve(file.getPath()), file.getPath(), file.getFileId().toByteArray(), file.getSizeBytes())) {
            assertEquals(ColumnType.of(TypeId.UTF8), data.column(1).type());
        }
        try (Dataset reopened = Dataset.open(path, options())) {
            assertEquals(
                    ColumnType.varchar(5), reopened.tableSchema().column("s").type());
            assertEquals(Arrays.asList("abcde", EMOJI.repeat(5), null, ""), strings(reopened));
            try (VectorSchemaRoot rows = batch(reopened.schema(), 10, "abcdef")) {
                assertThrows(ValueTooLongException.class, () -> reopened.append(rows), "the bound survives a reopen");
            }
        }
    }

    /** Counted in code points, not UTF-16 units or bytes: five emoji fit VARCHAR(5), six do not. */
    @Test
    void anAppendOfATooLongValueIsRefusedNamingColumnRowAndLengthAndCommitsNothing() throws IOException {
        try (Dataset ds = Dataset.create(dir.resolve("t"), schema(5), options())) {
            try (VectorSchemaRoot ok = batch(ds.schema(), 1, "abc")) {
                ds.append(ok);
            }
            List<String> before = state(ds);
            try (VectorSchemaRoot rows = batch(ds.schema(), 2, "abcde", null, EMOJI.repeat(6), "x")) {
                assertTooLong(assertThrows(ValueTooLongException.class, () -> ds.append(rows)), "s", 3, 5, 6);
            }
            try (VectorSchemaRoot rows = batch(ds.schema(), 2, "abc   ")) {
                // Trailing spaces are data to the engine; SQL trims them on assignment, as PostgreSQL does.
                assertTooLong(assertThrows(ValueTooLongException.class, () -> ds.append(rows)), "s", 1, 5, 6);
            }
            assertEquals(before, state(ds), "a refused append commits and leaves nothing");
            try (Dataset reopened = Dataset.open(ds.path(), options())) {
                assertEquals(1, reopened.count());
            }
        }
    }

    /** Rows are numbered across the batches of one write, from 1. */
    @Test
    void theRowIsCountedAcrossTheBatchesOfOneAppend() throws IOException {
        try (Dataset ds = Dataset.create(dir.resolve("t"), schema(3), options())) {
            List<String> before = state(ds);
            try (ArrowReader reader = batches(ds.schema(), List.of("a", "b", "c"), List.of("d", "long one"))) {
                assertTooLong(assertThrows(ValueTooLongException.class, () -> ds.append(reader)), "s", 5, 3, 8);
            }
            assertEquals(before, state(ds));
        }
    }

    /** A reader of one batch per list of values, ids numbered on from 1. */
    private ArrowReader batches(Schema schema, List<String> first, List<String> second) {
        List<List<String>> all = List.of(first, second);
        return new ArrowReader(allocator) {
            private int next;
            private long id = 1;

            @Override
            public boolean loadNextBatch() throws IOException {
                if (next == all.size()) {
                    return false;
                }
                List<String> values = all.get(next++);
                fill(getVectorSchemaRoot(), id, values.toArray(String[]::new));
                id += values.size();
                return true;
            }

            @Override
            public long bytesRead() {
                return 0;
            }

            @Override
            protected void closeReadSource() {}

            @Override
            protected Schema readSchema() {
                return schema;
            }
        };
    }

    /** A batch may declare its own bound, or none: the table's is the one that counts. */
    @Test
    void theTablesBoundCountsWhateverTheBatchDeclares() throws IOException {
        try (Dataset ds = Dataset.create(dir.resolve("t"), schema(4), options())) {
            Schema unbounded = new Schema(List.of(
                    ds.schema().getFields().get(0), new Field("s", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
            try (VectorSchemaRoot fits = batch(unbounded, 1, "abcd");
                    VectorSchemaRoot tooLong = batch(schema(100), 2, "abcde")) {
                ds.append(fits);
                assertTooLong(assertThrows(ValueTooLongException.class, () -> ds.append(tooLong)), "s", 1, 4, 5);
            }
            assertEquals(1, ds.count());
        }
    }

    @Test
    void insertUpsertAndUpdateOfAKeyedTableAreRefusedWithNothingCommitted() throws IOException {
        try (Dataset ds = Dataset.create(dir.resolve("t"), schema(3), PrimaryKey.of("id"), options())) {
            try (VectorSchemaRoot rows = batch(ds.schema(), 1, "one", "two")) {
                ds.insert(rows);
            }
            List<String> before = state(ds);
            try (VectorSchemaRoot rows = batch(ds.schema(), 3, "six", "seven")) {
                assertTooLong(assertThrows(ValueTooLongException.class, () -> ds.insert(rows)), "s", 2, 3, 5);
            }
            try (VectorSchemaRoot rows = batch(ds.schema(), 1, "three")) {
                assertTooLong(assertThrows(ValueTooLongException.class, () -> ds.upsert(rows)), "s", 1, 3, 5);
            }
            ValueTooLongException e = assertThrows(
                    ValueTooLongException.class,
                    () -> ds.updateByKey(List.<Object[]>of(new Object[] {2L}), rows -> {
                        VarCharVector s = (VarCharVector) rows.getVector("s");
                        s.setSafe(0, (EMOJI + "abc").getBytes(StandardCharsets.UTF_8));
                    }));
            assertTooLong(e, "s", 1, 3, 4);
            assertEquals(before, state(ds));
            assertEquals(List.of("one", "two"), strings(ds));
        }
    }

    @Test
    void replacingRowsAndOverwritingCheckTheirValues() throws IOException {
        try (Dataset ds = Dataset.create(dir.resolve("t"), schema(3), options())) {
            try (VectorSchemaRoot rows = batch(ds.schema(), 1, "one")) {
                ds.append(rows);
            }
            List<String> before = state(ds);
            long[] addresses = ds.scan().rowAddresses();
            try (VectorSchemaRoot rows = batch(ds.schema(), 1, "eleven")) {
                assertThrows(ValueTooLongException.class, () -> ds.replaceRows(ds.version(), addresses, rows));
            }
            try (VectorSchemaRoot rows = batch(schema(2), 1, "ok", "not ok");
                    ArrowReader reader = TableRows.oneBatch(allocator, rows)) {
                assertTooLong(assertThrows(ValueTooLongException.class, () -> ds.overwrite(reader)), "s", 2, 2, 6);
            }
            assertEquals(before, state(ds));
        }
    }

    @Test
    void addedColumnsKeepTheirBoundAndComputedValuesAreChecked() throws IOException {
        try (Dataset ds = Dataset.create(dir.resolve("t"), schema(10), options())) {
            try (VectorSchemaRoot rows = batch(ds.schema(), 1, "a", "bb", "ccc")) {
                ds.append(rows);
            }
            ds.addColumns(List.of(varchar("nothing_yet", 1)));
            assertEquals(
                    ColumnType.varchar(1),
                    ds.tableSchema().column("nothing_yet").type());
            List<String> before = state(ds);
            // The copy of s fits VARCHAR(3) on every row; its repeat fits VARCHAR(5) on the first two only.
            ValueTooLongException e = assertThrows(
                    ValueTooLongException.class,
                    () -> ds.addColumns(List.of(varchar("copy", 3), varchar("twice", 5)), List.of("s"), (in, out) -> {
                        VarCharVector s = (VarCharVector) in.getVector("s");
                        for (int i = 0; i < in.getRowCount(); i++) {
                            String v = new String(s.get(i), StandardCharsets.UTF_8);
                            ((VarCharVector) out.getVector("copy")).setSafe(i, v.getBytes(StandardCharsets.UTF_8));
                            ((VarCharVector) out.getVector("twice"))
                                    .setSafe(i, (v + v).getBytes(StandardCharsets.UTF_8));
                        }
                        out.setRowCount(in.getRowCount());
                    }));
            assertTooLong(e, "twice", 3, 5, 6);
            assertEquals(before, state(ds), "a refused ALTER TABLE ADD COLUMN commits and leaves nothing");
        }
    }

    /** Random strings of one to four UTF-8 bytes per character against random bounds, with a model. */
    @Test
    void randomStringsAreRefusedExactlyWhenTheyHaveMoreCodePointsThanTheBound(Random random) throws IOException {
        String[] alphabet = {"a", " ", "é", "ж", "ＦＵ", EMOJI, "\uD834\uDD1E"};
        for (int round = 0; round < 20; round++) {
            int max = 1 + random.nextInt(8);
            String[] values = new String[1 + random.nextInt(20)];
            long firstTooLong = -1;
            long firstLength = 0;
            for (int i = 0; i < values.length; i++) {
                if (random.nextInt(10) == 0) {
                    continue;
                }
                StringBuilder b = new StringBuilder();
                int pieces = random.nextInt(max + 3);
                for (int p = 0; p < pieces; p++) {
                    b.append(alphabet[random.nextInt(alphabet.length)]);
                }
                values[i] = b.toString();
                long length = values[i].codePointCount(0, values[i].length());
                if (length > max && firstTooLong < 0) {
                    firstTooLong = i + 1;
                    firstLength = length;
                }
            }
            try (Dataset ds = Dataset.create(dir.resolve("r" + round), schema(max), options());
                    VectorSchemaRoot rows = batch(ds.schema(), 1, values)) {
                if (firstTooLong < 0) {
                    ds.append(rows);
                    assertEquals(values.length, ds.count());
                } else {
                    String what = "VARCHAR(" + max + ") with " + Arrays.toString(values);
                    ValueTooLongException e = assertThrows(ValueTooLongException.class, () -> ds.append(rows), what);
                    assertEquals(firstTooLong, e.row(), what);
                    assertEquals(firstLength, e.length(), what);
                    assertEquals(0, ds.count(), what);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "+5", " 5", "x", "", "2147483648", "99999999999", "1.5", "١٢"})
    void aMalformedBoundIsACallerMistake(String bound) {
        Field s = new Field(
                "s",
                new FieldType(true, ArrowType.Utf8.INSTANCE, null, Map.of(ColumnType.ARROW_MAX_LENGTH_KEY, bound)),
                null);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Dataset.create(dir.resolve("t"), new Schema(List.of(s)), options()));
        assertTrue(e.getMessage().contains("column s"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("t").resolve("_versions")), "nothing is created");
    }

    @Test
    void aBoundOnAnythingButTextIsACallerMistake() {
        Field n = new Field(
                "n",
                new FieldType(true, new ArrowType.Int(64, true), null, Map.of(ColumnType.ARROW_MAX_LENGTH_KEY, "5")),
                null);
        assertThrows(
                IllegalArgumentException.class,
                () -> Dataset.create(dir.resolve("t"), new Schema(List.of(n)), options()));
        assertThrows(IllegalArgumentException.class, () -> ColumnType.varchar(0));
        assertThrows(IllegalArgumentException.class, () -> new ColumnType(TypeId.BINARY, 0, 0, null, null, 0, 5));
    }

    /** A bound on another type, or one of 2^31 or more, does not decode: the manifest is corrupt. */
    @Test
    void aManifestWithAnImpossibleBoundIsCorrupt() throws IOException {
        assertNull(ColumnType.fromProto(
                LogicalType.newBuilder().setId(TypeId.INT64).setMaxLength(5).build()));
        assertNull(ColumnType.fromProto(LogicalType.newBuilder()
                .setId(TypeId.UTF8)
                .setMaxLength(1 << 31)
                .build()));
        assertEquals(
                ColumnType.varchar(Integer.MAX_VALUE),
                ColumnType.fromProto(LogicalType.newBuilder()
                        .setId(TypeId.UTF8)
                        .setMaxLength(Integer.MAX_VALUE)
                        .build()));
        Path path = dir.resolve("t");
        try (Dataset ds = Dataset.create(path, schema(5), options())) {
            assertEquals(1, ds.version());
        }
        TableLayout layout = new TableLayout(path);
        var first = ManifestFiles.read(layout, 1).manifest();
        var lie = first.toBuilder().setVersion(2);
        lie.getSchemaBuilder().getFieldsBuilder(0).getTypeBuilder().setMaxLength(5);
        assertTrue(ManifestFiles.publish(layout, lie.build()));
        CorruptFileException e = assertThrows(
                CorruptFileException.class,
                () -> Dataset.open(path, 2, options()).close());
        assertEquals("_versions/00000000000000000002.qvm", e.file());
    }

    /** A table written before bounds existed (a checked-in fixture): its text column is unbounded. */
    @Test
    void aTableWrittenBeforeBoundsOpensWithUnboundedText() throws IOException, URISyntaxException {
        Path fixture = Path.of(getClass()
                        .getResource("fixtures/varchar-before-max-length/_versions")
                        .toURI())
                .getParent();
        Path path = Trees.copy(fixture, dir.resolve("old"));
        try (Dataset ds = Dataset.open(path, options())) {
            assertEquals(2, ds.version());
            assertEquals(
                    ColumnType.of(TypeId.UTF8), ds.tableSchema().column("s").type());
            assertNull(ds.schema().findField("s").getMetadata().get(ColumnType.ARROW_MAX_LENGTH_KEY));
            assertEquals(
                    Arrays.asList("abc", "a string of 27 characters.", null, EMOJI.repeat(6)),
                    TableRows.rows(ds).stream().map(r -> r.get("s")).toList());
            String longer = "x".repeat(10_000);
            try (VectorSchemaRoot rows = batch(ds.schema(), 5, longer)) {
                ds.insert(rows);
            }
            ds.verify();
        }
        try (Dataset reopened = Dataset.open(path, options())) {
            assertEquals(5, reopened.count());
            assertEquals(
                    ColumnType.of(TypeId.UTF8),
                    reopened.tableSchema().column("s").type());
        }
    }

    private static List<String> strings(Dataset ds) throws IOException {
        return TableRows.rows(ds).stream().map(r -> (String) r.get("s")).toList();
    }
}

package io.quiver.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.quiver.engine.Dataset;
import io.quiver.engine.Warehouse;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.testing.ModelRows;
import io.quiver.engine.testing.RandomRows;
import io.quiver.engine.testing.TestRandom;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tables of every column type, in several fragments with deleted rows, read through a Trino
 * cluster and compared with the rows written; versions pinned per query; broken input refused
 * with typed errors.
 */
@ExtendWith(TestRandom.class)
class TrinoReadTest extends TrinoTestCluster {
    private static final Schema SCHEMA = RandomRows.withKey(RandomRows.ALL_TYPES);
    private static final List<String> NAMES =
            SCHEMA.getFields().stream().map(Field::getName).toList();

    private static Warehouse warehouse;

    @BeforeAll
    static void start() throws Exception {
        warehouse = new Warehouse(dir);
        startTrino();
    }

    /** Appends a few random batches (a fragment each) and deletes some rows; returns the live rows. */
    private List<Object[]> fill(Random random, Dataset ds) throws IOException {
        RandomRows generator = new RandomRows(random, SCHEMA);
        List<Object[]> rows = new ArrayList<>();
        for (int b = 2 + random.nextInt(3); b > 0; b--) {
            List<Object[]> batch = TrinoRangeRows.of(generator.next(1 + random.nextInt(400)));
            ModelRows.append(ds, batch);
            rows.addAll(batch);
        }
        Set<Long> deleted = new HashSet<>();
        for (Object[] row : rows) {
            if (random.nextInt(5) == 0) {
                deleted.add((Long) row[0]);
            }
        }
        ds.delete(Filters.in(RandomRows.KEY, List.copyOf(deleted)));
        return new ArrayList<>(
                rows.stream().filter(r -> !deleted.contains((Long) r[0])).toList());
    }

    @Test
    void everyTypeReadsBackAsWritten(Random random) throws IOException {
        try (Dataset ds = warehouse.create("every_type", SCHEMA)) {
            List<Object[]> live = fill(random, ds);
            assertTrue(ds.fragments().size() >= 2, "several fragments, so several splits");
            ModelRows.assertRowsEqual(
                    live, TrinoRows.toModel(trino.rows("SELECT * FROM every_type ORDER BY id")), "SELECT *");

            List<String> columns = new ArrayList<>(NAMES.subList(1, NAMES.size()));
            Collections.shuffle(columns, random);
            columns = columns.subList(0, 1 + random.nextInt(columns.size()));
            int[] projection = columns.stream().mapToInt(NAMES::indexOf).toArray();
            List<Object[]> expected = new ArrayList<>();
            for (Object[] row : live) {
                Object[] p = new Object[projection.length + 1];
                for (int i = 0; i < projection.length; i++) {
                    p[i] = row[projection[i]];
                }
                p[projection.length] = row[0];
                expected.add(p);
            }
            String sql = "SELECT " + String.join(", ", columns) + ", id FROM every_type ORDER BY id";
            ModelRows.assertRowsEqual(expected, TrinoRows.toModel(trino.rows(sql)), sql);
            assertEquals(
                    (long) live.size(),
                    trino.rows("SELECT count(*) FROM every_type").getFirst().getField(0));
        }
    }

    @Test
    void tableStatisticsReachTrinosPlanner(Random random) throws IOException {
        try (Dataset ds = warehouse.create("stats", SCHEMA)) {
            RandomRows generator = new RandomRows(random, SCHEMA);
            List<Object[]> rows = new ArrayList<>();
            for (int b = 0; b < 3; b++) {
                List<Object[]> batch = TrinoRangeRows.of(generator.next(1 + random.nextInt(300)));
                ModelRows.append(ds, batch);
                rows.addAll(batch);
            }
            Map<String, MaterializedRow> byColumn = new HashMap<>();
            for (MaterializedRow r : trino.rows("SHOW STATS FOR stats")) {
                byColumn.put(r.getField(0) == null ? "" : (String) r.getField(0), r);
            }
            assertEquals((double) rows.size(), byColumn.get("").getField(4), "row count");
            int i32 = NAMES.indexOf("i32");
            List<Long> values = rows.stream()
                    .map(r -> (Long) r[i32])
                    .filter(Objects::nonNull)
                    .toList();
            MaterializedRow stats = byColumn.get("i32");
            assertEquals(1 - (double) values.size() / rows.size(), (Double) stats.getField(3), 1e-9, "nulls");
            if (!values.isEmpty()) {
                assertEquals(String.valueOf(Collections.min(values)), stats.getField(5), "low");
                assertEquals(String.valueOf(Collections.max(values)), stats.getField(6), "high");
            }
        }
    }

    @Test
    void eachQueryReadsTheVersionItPlannedAndOlderOnesOnRequest(Random random) throws IOException {
        try (Dataset ds = warehouse.create("versions", SCHEMA)) {
            List<Object[]> first = fill(random, ds);
            long v1 = ds.version();
            assertEquals((long) first.size(), count("SELECT count(*) FROM versions"));
            List<Object[]> more = TrinoRangeRows.of(
                    new RandomRows(random, SCHEMA).keysFrom(1_000_000).next(1 + random.nextInt(50)));
            ModelRows.append(ds, more);
            assertEquals((long) first.size() + more.size(), count("SELECT count(*) FROM versions"), "new commit seen");
            assertEquals(
                    (long) first.size(), count("SELECT count(*) FROM versions FOR VERSION AS OF " + v1), "time travel");
            var error = assertThrows(
                    RuntimeException.class, () -> trino.rows("SELECT * FROM versions FOR VERSION AS OF 999"));
            assertTrue(error.getMessage().contains("has no version 999"), error.getMessage());
        }
    }

    @Test
    void aDamagedDataFileFailsTheQueryWithATypedError(Random random) throws IOException {
        try (Dataset ds = warehouse.create("damaged", SCHEMA)) {
            fill(random, ds);
        }
        Path dataFile;
        try (Stream<Path> files = Files.list(dir.resolve("damaged").resolve("data"))) {
            dataFile = files.sorted(Comparator.naturalOrder()).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(dataFile);
        int at = 64 + random.nextInt(bytes.length - 128);
        bytes[at] ^= (byte) (1 << random.nextInt(8));
        Files.write(dataFile, bytes, StandardOpenOption.TRUNCATE_EXISTING);
        var error = assertThrows(QueryFailedException.class, () -> trino.rows("SELECT * FROM damaged"));
        assertEquals("QUIVER_CORRUPT_FILE", trino.errorCode(error), error.toString());
        // The message says which table, which file and what failed.
        assertTrue(error.getMessage().startsWith("table damaged: data/"), error.toString());
    }

    @Test
    void mixedCaseNamesAreReadInLowerCase() throws IOException {
        Schema mixed = new Schema(List.of(
                RandomRows.nullable("Id", new ArrowType.Int(64, true)),
                RandomRows.nullable("Label", ArrowType.Utf8.INSTANCE)));
        try (Dataset ds = warehouse.create("MixedCase", mixed)) {
            ModelRows.append(ds, List.of(new Object[] {1L, "one"}, new Object[] {2L, "two"}));
        }
        assertEquals(
                "two",
                trino.rows("SELECT label FROM mixedcase WHERE id = 2")
                        .getFirst()
                        .getField(0));
        // Names that differ only in case: the lower-case one is the table; without one, neither is.
        // (A file system that ignores case cannot hold such tables at all.)
        Files.createDirectories(dir.resolve("CaseProbe"));
        assumeFalse(Files.exists(dir.resolve("caseprobe")), "the file system ignores case");
        for (String name : List.of("Pair", "PAIR", "twin", "TWIN")) {
            try (Dataset ds = warehouse.create(name, mixed)) {
                ModelRows.append(ds, List.<Object[]>of(new Object[] {(long) name.length(), name}));
            }
        }
        assertEquals("twin", trino.rows("SELECT label FROM twin").getFirst().getField(0));
        var ambiguous = assertThrows(RuntimeException.class, () -> trino.rows("SELECT * FROM pair"));
        assertTrue(ambiguous.getMessage().contains("does not exist"), ambiguous.getMessage());
        List<Object> listed =
                trino.rows("SHOW TABLES").stream().map(r -> r.getField(0)).toList();
        assertTrue(listed.contains("twin") && !listed.contains("pair"), listed.toString());
        Schema clash = new Schema(List.of(
                RandomRows.nullable("a", ArrowType.Utf8.INSTANCE), RandomRows.nullable("A", ArrowType.Utf8.INSTANCE)));
        warehouse.create("clash", clash).close();
        var error = assertThrows(RuntimeException.class, () -> trino.rows("SELECT * FROM clash"));
        assertTrue(error.getMessage().contains("has columns a and A"), error.getMessage());
    }

    /** A VARCHAR(n) column is Trino's varchar(n); a literal longer than n is compared whole. */
    @Test
    void aVarcharOfALengthIsTrinosVarcharOfThatLength() throws IOException {
        Schema schema = new Schema(List.of(
                RandomRows.nullable("id", new ArrowType.Int(64, true)),
                io.quiver.engine.schema.ColumnType.varchar(5).toArrow("code", true),
                RandomRows.nullable("name", ArrowType.Utf8.INSTANCE)));
        try (Dataset ds = warehouse.create("coded", schema)) {
            ModelRows.append(ds, List.of(new Object[] {1L, "abcde", "x"}, new Object[] {2L, "😀😀😀😀😀", null}));
        }
        List<List<Object>> types = trino
                .rows("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'coded'"
                        + " ORDER BY ordinal_position")
                .stream()
                .map(MaterializedRow::getFields)
                .toList();
        assertEquals(
                List.of(List.of("id", "bigint"), List.of("code", "varchar(5)"), List.of("name", "varchar")), types);
        assertEquals(
                List.of(1L),
                trino.rows("SELECT id FROM coded WHERE code = 'abcde'").stream()
                        .map(r -> r.getField(0))
                        .toList());
        assertTrue(trino.rows("SELECT id FROM coded WHERE code = 'abcdef'").isEmpty());
        assertEquals(
                "😀😀😀😀😀",
                trino.rows("SELECT code FROM coded WHERE id = 2").getFirst().getField(0));
    }

    @Test
    void informationSchemaListsEveryTablesColumns() throws IOException {
        Schema schema = new Schema(List.of(
                RandomRows.nullable("x", new ArrowType.Int(64, true)),
                RandomRows.nullable("Label", ArrowType.Utf8.INSTANCE)));
        warehouse.create("listed", schema).close();
        // Schema-wide, as JDBC's getColumns and BI tools ask.
        List<String> columns = trino
                .rows("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'default'")
                .stream()
                .filter(r -> r.getField(0).equals("listed"))
                .map(r -> (String) r.getField(1))
                .toList();
        assertEquals(List.of("x", "label"), columns);
    }

    @Test
    void unknownTablesAndSchemasAreTrinosUsualErrors() {
        var table = assertThrows(RuntimeException.class, () -> trino.rows("SELECT * FROM no_such_table"));
        assertTrue(table.getMessage().contains("does not exist"), table.getMessage());
        var schema = assertThrows(RuntimeException.class, () -> trino.rows("SELECT * FROM other.t"));
        assertTrue(schema.getMessage().contains("does not exist"), schema.getMessage());
        assertEquals(
                List.of("default", "information_schema"),
                trino.rows("SHOW SCHEMAS").stream()
                        .map(r -> (String) r.getField(0))
                        .sorted()
                        .toList());
    }

    private long count(String sql) {
        return (Long) trino.rows(sql).getFirst().getField(0);
    }
}

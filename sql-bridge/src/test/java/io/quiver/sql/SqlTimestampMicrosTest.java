package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.column;
import static io.quiver.sql.SqlTestSupport.explain;
import static io.quiver.sql.SqlTestSupport.literal;
import static io.quiver.sql.SqlTestSupport.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.testing.TestRandom;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * TIMESTAMP values keep their microseconds in every path of SQL (Calcite's runtime carries
 * milliseconds; Quiver's plans carry microseconds): literals, parameters and results, filters the
 * engine evaluates and the same filters Calcite evaluates, key lookups, INSERT ... SELECT,
 * UPDATE and DELETE, TIMESTAMP WITH TIME ZONE too, before 1970 (where flooring and truncating
 * differ) and at the ends of the years 1 to 9999.
 */
@ExtendWith(TestRandom.class)
class SqlTimestampMicrosTest {
    /** Microseconds either side of the edges, one NULL. */
    private static final List<LocalDateTime> EDGES = List.of(
            LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000),
            LocalDateTime.of(1970, 1, 1, 0, 0),
            LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1_000),
            LocalDateTime.of(1, 1, 1, 0, 0),
            LocalDateTime.of(1, 1, 1, 0, 0, 0, 1_000),
            LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
            LocalDateTime.of(2024, 1, 1, 10, 0, 0, 123_456_000),
            LocalDateTime.of(2024, 1, 1, 10, 0, 0, 123_457_000),
            LocalDateTime.of(1582, 10, 10, 12, 0, 0, 500_000_000));

    @TempDir
    Path dir;

    /** Table t (id, ts, tz) holding {@code values} (then a NULL) at ids 1, 2, ...; returns the values by id. */
    private static List<LocalDateTime> fill(QuiverSql sql, List<LocalDateTime> values) throws Exception {
        sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, ts TIMESTAMP, tz TIMESTAMP WITH TIME ZONE)");
        List<LocalDateTime> byId = new ArrayList<>(values);
        byId.add(null);
        for (int i = 0; i < byId.size(); i++) {
            LocalDateTime v = byId.get(i);
            // Literals for half the rows, parameters (LocalDateTime, java.sql.Timestamp) for the rest.
            if (i % 2 == 0) {
                sql.execute("INSERT INTO t VALUES (" + (i + 1) + ", " + literal(v) + ", " + literal(v) + ")");
            } else {
                sql.execute("INSERT INTO t VALUES (?, ?, ?)", i + 1L, sqlTimestamp(v), v);
            }
        }
        return byId;
    }

    /** A java.sql.Timestamp of the value, or the value itself where none holds it (1582-10-05..14). */
    private static Object sqlTimestamp(LocalDateTime v) {
        return v == null || !Timestamp.valueOf(v).toLocalDateTime().equals(v) ? v : Timestamp.valueOf(v);
    }

    private static List<LocalDateTime> values(Random random) {
        List<LocalDateTime> values = new ArrayList<>(EDGES);
        for (int i = 0; i < 12; i++) {
            values.add(LocalDateTime.of(2020, 1, 1, 0, 0)
                    .plusSeconds(random.nextLong(-3_000_000_000L, 3_000_000_000L))
                    .plusNanos(random.nextInt(1_000_000) * 1_000L));
        }
        return values;
    }

    @Test
    void valuesComeBackToTheMicrosecondThroughEveryAccessor(Random random) throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            List<LocalDateTime> byId = fill(sql, values(random));
            assertEquals(byId, column(sql, "SELECT ts FROM t ORDER BY id"));
            assertEquals(byId, column(sql, "SELECT tz FROM t ORDER BY id"), "WITH TIME ZONE, read in UTC");
            try (ResultSet rs = sql.execute("SELECT ts, tz, CAST(ts AS VARCHAR) FROM t ORDER BY id")
                    .rows()) {
                for (LocalDateTime expected : byId) {
                    assertTrue(rs.next());
                    assertEquals(expected, rs.getObject(1, LocalDateTime.class));
                    if (expected == null) {
                        assertNull(rs.getTimestamp(1));
                        continue;
                    }
                    Timestamp ts = rs.getTimestamp(1);
                    assertEquals(expected.getNano(), ts.getNanos(), "the nanos field holds the microseconds");
                    if (sqlTimestamp(expected) instanceof Timestamp) {
                        assertEquals(expected, ts.toLocalDateTime());
                    }
                    assertEquals(expected.toInstant(ZoneOffset.UTC), rs.getObject(2, Instant.class));
                    assertEquals(OffsetDateTime.of(expected, ZoneOffset.UTC), rs.getObject(2, OffsetDateTime.class));
                    assertEquals(rs.getString(3), rs.getString(1), "getString is the cast's text");
                    assertEquals(rs.getString(1) + "+00", rs.getString(2));
                }
            }
            assertEquals(
                    List.of("1969-12-31 23:59:59.999999", "1970-01-01 00:00:00", "1970-01-01 00:00:00.000001"),
                    column(sql, "SELECT CAST(ts AS VARCHAR) FROM t WHERE id <= 3 ORDER BY id"));
        }
    }

    /** Every comparison with every value, as a literal and as a parameter, pushed to the engine and kept in Calcite. */
    @Test
    void filtersAgreePushedOrNot(Random random) throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            List<LocalDateTime> byId = fill(sql, values(random));
            assertTrue(
                    explain(sql, "SELECT id FROM t WHERE ts = TIMESTAMP '2024-01-01 10:00:00.123456'")
                            .contains("filter=[ts = 2024-01-01T10:00:00.123456Z]"),
                    "a constant to the microsecond is pushed");
            assertFalse(explain(sql, "SELECT id FROM t WHERE ts = ? OR MOD(id, 2) = 5", EDGES.getFirst())
                    .contains("filter=["));
            List<String> ops = List.of("=", "<>", "<", "<=", ">", ">=");
            List<BiPredicate<LocalDateTime, LocalDateTime>> tests = List.of(
                    (a, b) -> a.isEqual(b),
                    (a, b) -> !a.isEqual(b),
                    (a, b) -> a.isBefore(b),
                    (a, b) -> !a.isAfter(b),
                    (a, b) -> a.isAfter(b),
                    (a, b) -> !a.isBefore(b));
            List<LocalDateTime> constants = new ArrayList<>(EDGES);
            constants.add(EDGES.get(6).plusNanos(1_000)); // between two stored values
            for (String column : List.of("ts", "tz")) {
                for (int o = 0; o < ops.size(); o++) {
                    for (LocalDateTime c : constants) {
                        List<Object> expected = new ArrayList<>();
                        for (int id = 1; id <= byId.size(); id++) {
                            LocalDateTime v = byId.get(id - 1);
                            if (v != null && tests.get(o).test(v, c)) {
                                expected.add((long) id);
                            }
                        }
                        String where = column + " " + ops.get(o) + " ";
                        String why = where + c;
                        String order = " ORDER BY id";
                        assertEquals(expected, column(sql, "SELECT id FROM t WHERE " + where + "?" + order, c), why);
                        assertEquals(
                                expected,
                                column(sql, "SELECT id FROM t WHERE " + where + "? OR MOD(id, 2) = 5" + order, c),
                                why + " in Calcite");
                        if (random.nextInt(4) == 0) { // a sample: each literal is planned anew
                            assertEquals(
                                    expected,
                                    column(sql, "SELECT id FROM t WHERE " + where + literal(c) + order),
                                    why + " as a literal");
                            assertEquals(
                                    expected,
                                    column(
                                            sql,
                                            "SELECT id FROM t WHERE " + where + literal(c) + " OR MOD(id, 2) = 5"
                                                    + order),
                                    why + " as a literal in Calcite");
                        }
                    }
                }
            }
            LocalDateTime a = EDGES.get(0);
            LocalDateTime b = EDGES.get(2);
            assertEquals(
                    List.of(1L, 2L, 3L),
                    column(
                            sql,
                            "SELECT id FROM t WHERE ts BETWEEN " + literal(a) + " AND " + literal(b) + " ORDER BY id"));
            assertEquals(
                    List.of(1L, 3L),
                    column(sql, "SELECT id FROM t WHERE ts IN (" + literal(a) + ", " + literal(b) + ") ORDER BY id"));
            assertEquals(
                    List.of(1L, 3L),
                    column(
                            sql,
                            "SELECT id FROM t WHERE ts IN (" + literal(a) + ", " + literal(b)
                                    + ") OR MOD(id, 2) = 5 ORDER BY id"));
            assertEquals(
                    List.of(2L),
                    column(sql, "SELECT id FROM t WHERE ts = '1970-01-01 00:00:00' ORDER BY id"),
                    "text compared with a TIMESTAMP is cast to one, to the microsecond");
        }
    }

    @Test
    void keysLookupsUpdatesAndDeletesFindTheMicrosecond() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE k (ts TIMESTAMP PRIMARY KEY, v INTEGER)");
            sql.execute("CREATE TABLE n (id BIGINT, ts TIMESTAMP)"); // no key: deletes by filter or by address
            for (int i = 0; i < EDGES.size(); i++) {
                sql.execute("INSERT INTO k VALUES (?, ?)", EDGES.get(i), i);
                sql.execute("INSERT INTO n VALUES (?, ?)", (long) i, EDGES.get(i));
            }
            LocalDateTime one = EDGES.get(4); // 0001-01-01 00:00:00.000001, beside 0001-01-01 00:00:00
            assertTrue(
                    explain(sql, "SELECT v FROM k WHERE ts = " + literal(one)).contains("lookup=["));
            assertEquals(List.of(4L), column(sql, "SELECT v FROM k WHERE ts = " + literal(one)));
            assertEquals(List.of(4L), column(sql, "SELECT v FROM k WHERE ts = ?", one));
            sql.execute("UPDATE k SET v = v + 100 WHERE ts = ?", one);
            sql.execute("UPDATE n SET ts = ts + INTERVAL '0.000001' SECOND WHERE id = 3");
            assertEquals(List.of(104L), column(sql, "SELECT v FROM k WHERE ts = " + literal(one)));
            assertEquals(List.of(one), column(sql, "SELECT ts FROM n WHERE id = 3"), "UPDATE kept the microsecond");
            sql.execute("DELETE FROM k WHERE ts = " + literal(one));
            sql.execute("DELETE FROM n WHERE ts = " + literal(one) + " AND id = 4"); // by the engine's filter
            sql.execute("DELETE FROM n WHERE ts = ? AND MOD(id, 2) = 0", EDGES.get(6)); // by address
            assertEquals(
                    List.of(0L, 1L, 2L, 3L, 5L, 6L, 7L, 8L), column(sql, "SELECT v FROM k ORDER BY v"), "only key 4");
            assertEquals(
                    List.of(0L, 1L, 2L, 3L, 5L, 7L, 8L),
                    column(sql, "SELECT id FROM n ORDER BY id"),
                    "only rows 4 and 6");
            sql.execute("DELETE FROM k WHERE v = 8"); // keys read from a result, in the key column's unit
            assertEquals(List.of(7L), column(sql, "SELECT COUNT(*) FROM k"));
        }
    }

    @Test
    void copyRoundTripsKeepMicroseconds(Random random) throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            fill(sql, values(random));
            List<List<Object>> expected = query(sql, "SELECT id, ts, tz FROM t ORDER BY id");
            for (String format : List.of("csv", "json", "arrow")) {
                Path file = dir.resolve("t." + format);
                sql.execute("COPY t TO '" + file + "'");
                if (!format.equals("arrow")) {
                    String text = java.nio.file.Files.readString(file);
                    assertTrue(text.contains("1969-12-31T23:59:59.999999"), format + ": " + text);
                    assertTrue(text.contains("0001-01-01T00:00:00.000001Z"), format + ": " + text);
                }
                String table = "back_" + format;
                sql.execute("CREATE TABLE " + table
                        + " (id BIGINT PRIMARY KEY, ts TIMESTAMP, tz TIMESTAMP WITH TIME ZONE)");
                sql.execute("COPY " + table + " FROM '" + file + "'");
                assertEquals(expected, query(sql, "SELECT id, ts, tz FROM " + table + " ORDER BY id"), format);
            }
            Path shifted = dir.resolve("shifted.csv");
            sql.execute(
                    "COPY (SELECT id, ts + INTERVAL '0.000001' SECOND AS ts FROM t WHERE id = 1) TO '" + shifted + "'");
            assertTrue(java.nio.file.Files.readString(shifted).contains("\n1,\"1970-01-01T00:00:00\""));
        }
    }

    @Test
    void insertSelectAndCreateTableAsKeepMicroseconds(Random random) throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            List<LocalDateTime> byId = fill(sql, values(random));
            sql.execute("CREATE TABLE copy (id BIGINT PRIMARY KEY, ts TIMESTAMP, tz TIMESTAMP WITH TIME ZONE)");
            sql.execute("INSERT INTO copy SELECT id, ts, tz FROM t");
            sql.execute("CREATE TABLE made AS SELECT id, ts, tz, ts AS plain FROM t");
            assertEquals(
                    query(sql, "SELECT id, ts, tz FROM t ORDER BY id"),
                    query(sql, "SELECT id, ts, tz FROM copy ORDER BY id"));
            assertEquals(byId, column(sql, "SELECT tz FROM made ORDER BY id"));
            assertEquals(
                    "TIMESTAMP WITH TIME ZONE",
                    query(sql, "DESCRIBE made").get(2).get(2));
            sql.execute(
                    "INSERT INTO copy VALUES (100, TIMESTAMP '2000-01-01 00:00:00.000001', ?)",
                    "2000-01-01 02:00:00.000002+02:00");
            assertEquals(
                    List.of(List.of(
                            LocalDateTime.of(2000, 1, 1, 0, 0, 0, 1_000),
                            LocalDateTime.of(2000, 1, 1, 0, 0, 0, 2_000))),
                    query(sql, "SELECT ts, tz FROM copy WHERE id = 100"),
                    "text with an offset names an instant");
        }
    }
}

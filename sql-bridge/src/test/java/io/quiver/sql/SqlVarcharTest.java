package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.assertSqlError;
import static io.quiver.sql.SqlTestSupport.column;
import static io.quiver.sql.SqlTestSupport.query;
import static io.quiver.sql.SqlTestSupport.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * VARCHAR(n) as PostgreSQL has it: the length is kept in the table, a value of more than n
 * characters (code points: an emoji is one) fails every statement that stores it with SQLSTATE
 * 22001 and changes nothing, spaces past n are trimmed on assignment, and CAST(x AS VARCHAR(n))
 * truncates. Each test names the path a value takes into the table.
 */
class SqlVarcharTest {
    private static final String EMOJI = "😀";

    @TempDir
    Path dir;

    @TempDir
    Path files;

    private QuiverSql open() throws SQLException {
        QuiverSql sql = QuiverSql.open(dir);
        sql.execute("CREATE TABLE v (id BIGINT PRIMARY KEY, s VARCHAR(5), t VARCHAR)");
        sql.execute("INSERT INTO v VALUES (1, 'abc', 'free')");
        return sql;
    }

    /** A statement that must fail with 22001 naming the VARCHAR(n) type and the column, changing nothing. */
    private static SQLDataException assertTooLong(QuiverSql sql, String table, String column, int n, String statement)
            throws SQLException {
        String before = state(sql, table);
        SQLDataException e = assertSqlError(
                SQLDataException.class, "value too long for type VARCHAR(" + n + ")", () -> sql.execute(statement));
        assertEquals("22001", e.getSQLState(), e::toString);
        assertTrue(e.getMessage().contains("column " + column), e::getMessage);
        assertEquals(before, state(sql, table), () -> statement + ": a refused statement changes nothing");
        return e;
    }

    private static List<Object> strings(QuiverSql sql) throws SQLException {
        return column(sql, "SELECT s FROM v ORDER BY id");
    }

    @Test
    void theLengthIsKeptShownAndReportedByResultSets() throws Exception {
        try (QuiverSql sql = open()) {
            List<List<Object>> describe = query(sql, "DESCRIBE v");
            assertEquals(List.of("s", "column", "VARCHAR(5)"), describe.get(1).subList(0, 3));
            assertEquals(List.of("t", "column", "VARCHAR"), describe.get(2).subList(0, 3));
            try (ResultSet rs =
                    sql.execute("SELECT s, t, CAST(t AS VARCHAR(2)) FROM v").rows()) {
                ResultSetMetaData meta = rs.getMetaData();
                assertEquals(Types.VARCHAR, meta.getColumnType(1));
                assertEquals(5, meta.getPrecision(1), "a VARCHAR(5) column reports its length");
                assertEquals(Types.VARCHAR, meta.getColumnType(2));
                assertEquals(2, meta.getPrecision(3));
                assertTrue(rs.next());
                assertEquals("fr", rs.getString(3));
            }
        }
        // Reopened from disk, in a new session: the length is in the table, not the session.
        try (QuiverSql sql = QuiverSql.open(dir)) {
            assertEquals("VARCHAR(5)", query(sql, "DESCRIBE v").get(1).get(2));
            assertTooLong(sql, "v", "s", 5, "INSERT INTO v VALUES (2, 'abcdef', NULL)");
        }
    }

    /** An explicit cast truncates (whole characters); only storing a value checks its length. */
    @Test
    void anExplicitCastTruncates() throws Exception {
        try (QuiverSql sql = open()) {
            assertEquals(List.of("abc"), column(sql, "SELECT CAST('abcdefgh' AS VARCHAR(3))"));
            assertEquals(List.of(EMOJI + EMOJI), column(sql, "SELECT CAST('" + EMOJI.repeat(4) + "' AS VARCHAR(2))"));
            sql.execute("INSERT INTO v VALUES (2, CAST('abcdefgh' AS VARCHAR(5)), NULL)");
            assertEquals(List.of("abc", "abcde"), strings(sql));
        }
    }

    @Test
    void insertValuesOfLiteralsParametersAndExpressions() throws Exception {
        try (QuiverSql sql = open()) {
            SQLDataException e = assertTooLong(sql, "v", "s", 5, "INSERT INTO v VALUES (2, 'abcdefghijklm', NULL)");
            assertTrue(e.getMessage().contains("13 characters"), e::getMessage);
            // The second row of the statement is the one named.
            e = assertTooLong(sql, "v", "s", 5, "INSERT INTO v VALUES (2, 'ok', NULL), (3, 'abcdef', NULL)");
            assertTrue(e.getMessage().contains("row 2"), e::getMessage);
            assertTooLong(sql, "v", "s", 5, "INSERT INTO v VALUES (2, 'abc' || 'def', NULL)");
            assertTooLong(sql, "v", "s", 5, "INSERT INTO v (id, s) VALUES (2, UPPER('abcdef'))");
            String before = state(sql, "v");
            SQLException p = assertSqlError(
                    SQLDataException.class,
                    "value too long for type VARCHAR(5)",
                    () -> sql.execute("INSERT INTO v VALUES (?, ?, ?)", 2L, "abcdef", null));
            assertEquals("22001", p.getSQLState());
            assertEquals(before, state(sql, "v"));
            sql.execute("INSERT INTO v VALUES (?, ?, ?)", 2L, "abcde", "no limit here, however long it is");
            sql.execute("INSERT INTO v VALUES (3, 'ab' || 'cde', NULL), (4, NULL, NULL)");
            assertEquals(Arrays.asList("abc", "abcde", "abcde", null), strings(sql));
        }
    }

    /** Characters are code points: five emoji (ten UTF-16 units, twenty bytes) fit VARCHAR(5). */
    @Test
    void multiByteCharactersCountAsOne() throws Exception {
        try (QuiverSql sql = open()) {
            sql.execute("INSERT INTO v VALUES (2, '" + EMOJI.repeat(5) + "', NULL), (3, 'ＦＵＬＬ１', NULL)");
            sql.execute("INSERT INTO v VALUES (?, ?, NULL)", 4L, "é" + EMOJI + "ж\uD834\uDD1Ea");
            assertEquals(List.of("abc", EMOJI.repeat(5), "ＦＵＬＬ１", "é" + EMOJI + "ж\uD834\uDD1Ea"), strings(sql));
            assertEquals(List.of(3L, 5L, 5L, 5L), column(sql, "SELECT CHAR_LENGTH(s) FROM v ORDER BY id"));
            SQLDataException e =
                    assertTooLong(sql, "v", "s", 5, "INSERT INTO v VALUES (5, '" + EMOJI.repeat(6) + "', NULL)");
            assertTrue(e.getMessage().contains("6 characters"), e::getMessage);
        }
    }

    /** PostgreSQL: spaces past n are dropped on assignment; anything else past n is an error. */
    @Test
    void trailingSpacesPastTheLengthAreTrimmed() throws Exception {
        try (QuiverSql sql = open()) {
            sql.execute("INSERT INTO v VALUES (2, 'abcde   ', NULL), (3, 'ab     ', NULL), (4, '  ', NULL)");
            sql.execute("INSERT INTO v VALUES (?, ?, NULL)", 5L, EMOJI.repeat(5) + "  ");
            assertEquals(List.of("abc", "abcde", "ab   ", "  ", EMOJI.repeat(5)), strings(sql));
            assertTooLong(sql, "v", "s", 5, "INSERT INTO v VALUES (6, 'abcd  x', NULL)");
            assertTooLong(sql, "v", "s", 5, "INSERT INTO v VALUES (6, 'abcde\t', NULL)");
            assertTooLong(sql, "v", "s", 5, "INSERT INTO v VALUES (6, ' abcde', NULL)");
            sql.execute("UPDATE v SET s = 'xyz     ' WHERE id = 1");
            assertEquals("xyz  ", strings(sql).getFirst());
            // Unbounded columns keep every space.
            sql.execute("UPDATE v SET t = 'spaces   ' WHERE id = 1");
            assertEquals(List.of("spaces   "), column(sql, "SELECT t FROM v WHERE id = 1"));
        }
    }

    @Test
    void nullsAndNotNull() throws Exception {
        try (QuiverSql sql = open()) {
            sql.execute("CREATE TABLE n (id BIGINT PRIMARY KEY, s VARCHAR(2) NOT NULL)");
            sql.execute("INSERT INTO v VALUES (2, NULL, NULL)");
            sql.execute("INSERT INTO n VALUES (1, 'ab')");
            assertEquals(Arrays.asList("abc", null), strings(sql));
            String before = state(sql, "n");
            assertSqlError(SQLDataException.class, "NULL", () -> sql.execute("INSERT INTO n VALUES (2, NULL)"));
            assertTooLong(sql, "n", "s", 2, "INSERT INTO n VALUES (2, 'abc')");
            assertEquals(before, state(sql, "n"));
        }
    }

    @Test
    void insertSelectAndUpsert() throws Exception {
        try (QuiverSql sql = open()) {
            sql.execute("CREATE TABLE src (id BIGINT, s VARCHAR)");
            sql.execute("INSERT INTO src VALUES (10, 'fits'), (11, 'much too long'), (12, 'ab    ')");
            assertTooLong(sql, "v", "s", 5, "INSERT INTO v (id, s) SELECT id, s FROM src");
            sql.execute("INSERT INTO v (id, s) SELECT id, s FROM src WHERE id <> 11");
            assertEquals(List.of("abc", "fits", "ab   "), strings(sql));
            assertTooLong(sql, "v", "s", 5, "UPSERT INTO v VALUES (1, 'abcdef', NULL)");
            assertTooLong(sql, "v", "s", 5, "UPSERT INTO v (id, s) SELECT id + 100, s FROM src");
            sql.execute("UPSERT INTO v VALUES (1, 'new', NULL)");
            assertEquals(List.of("new", "fits", "ab   "), strings(sql));
        }
    }

    @Test
    void updateOfKeyedAndKeylessTables() throws Exception {
        try (QuiverSql sql = open()) {
            sql.execute("INSERT INTO v VALUES (2, 'de', NULL)");
            assertTooLong(sql, "v", "s", 5, "UPDATE v SET s = s || 'xyz'");
            sql.execute("UPDATE v SET s = s || 'xyz' WHERE id = 2");
            assertEquals(List.of("abc", "dexyz"), strings(sql));
            sql.execute("CREATE TABLE k (id BIGINT, s VARCHAR(3))");
            sql.execute("INSERT INTO k VALUES (1, 'a'), (2, 'b')");
            assertTooLong(sql, "k", "s", 3, "UPDATE k SET s = 'four' WHERE id = 2");
            sql.execute("UPDATE k SET s = 'two' WHERE id = 2");
            assertEquals(List.of("a", "two"), column(sql, "SELECT s FROM k ORDER BY id"));
        }
    }

    @Test
    void insertOnConflict() throws Exception {
        try (QuiverSql sql = open()) {
            assertTooLong(
                    sql,
                    "v",
                    "s",
                    5,
                    "INSERT INTO v VALUES (1, 'abcdefg', NULL) ON CONFLICT (id) DO UPDATE SET s = EXCLUDED.s");
            assertTooLong(sql, "v", "s", 5, "INSERT INTO v VALUES (2, 'abcdefg', NULL) ON CONFLICT DO NOTHING");
            // As in PostgreSQL, values are assigned to the column's type before conflicts are looked
            // for: a too-long value fails the statement even in a row that DO NOTHING would skip.
            assertTooLong(
                    sql,
                    "v",
                    "s",
                    5,
                    "INSERT INTO v VALUES (1, 'abcdefg', NULL), (2, 'ok', NULL) ON CONFLICT DO NOTHING");
            sql.execute("INSERT INTO v VALUES (1, 'zzz', NULL), (2, 'ok', NULL) ON CONFLICT DO NOTHING");
            assertEquals(List.of("abc", "ok"), strings(sql));
            sql.execute("INSERT INTO v VALUES (1, 'abcde  ', NULL) ON CONFLICT (id) DO UPDATE SET s = EXCLUDED.s");
            assertEquals(List.of("abcde", "ok"), strings(sql));
        }
    }

    @Test
    void alterTableAddColumnKeepsItsLength() throws Exception {
        try (QuiverSql sql = open()) {
            sql.execute("ALTER TABLE v ADD COLUMN u VARCHAR(2)");
            assertEquals(
                    List.of("u", "column", "VARCHAR(2)"),
                    query(sql, "DESCRIBE v").get(3).subList(0, 3));
            assertTooLong(sql, "v", "u", 2, "INSERT INTO v VALUES (2, 'a', 'b', 'abc')");
            sql.execute("UPDATE v SET u = 'ab' WHERE id = 1");
            assertEquals(List.of("ab"), column(sql, "SELECT u FROM v"));
        }
    }

    /**
     * COPY names the file, line and column, with 22001; CSV, JSON and Arrow alike (the files are
     * written by COPY TO from a table without the limit). Nothing of the file is loaded.
     */
    @ParameterizedTest
    @ValueSource(strings = {"csv", "json", "arrow"})
    void copyFrom(String format) throws Exception {
        try (QuiverSql sql = open()) {
            sql.execute("CREATE TABLE src (id BIGINT, s VARCHAR, t VARCHAR)");
            sql.execute("INSERT INTO src VALUES (2, 'fits', NULL), (3, '" + EMOJI.repeat(5) + "   ', 'x'),"
                    + " (4, NULL, NULL), (5, 'too long', NULL)");
            Path bad = files.resolve("bad." + format);
            Path good = files.resolve("good." + format);
            sql.execute("COPY (SELECT * FROM src ORDER BY id) TO '" + bad + "'");
            sql.execute("COPY (SELECT * FROM src WHERE id < 5 ORDER BY id) TO '" + good + "'");
            SQLDataException e = assertTooLong(sql, "v", "s", 5, "COPY v FROM '" + bad + "'");
            String where = switch (format) {
                case "csv" -> "line 5"; // the header is line 1
                case "json" -> "line 4";
                default -> "record 4";
            };
            assertTrue(e.getMessage().contains(bad.getFileName() + " " + where + ", column s"), e::getMessage);
            sql.execute("COPY v FROM '" + good + "'");
            assertEquals(Arrays.asList("abc", "fits", EMOJI.repeat(5), null), strings(sql));
        }
    }

    /** A longer literal never matches: it is not cut to the column's length, pushed to the engine or not. */
    @Test
    void filtersCompareWithTheWholeLiteral() throws Exception {
        try (QuiverSql sql = open()) {
            sql.execute("INSERT INTO v VALUES (2, 'abcde', 'x')");
            assertEquals(List.of(), column(sql, "SELECT id FROM v WHERE s = 'abcdef'"));
            assertEquals(List.of(), column(sql, "SELECT id FROM v WHERE s = 'abcdef' AND mod(id, 2) = 0"));
            assertEquals(List.of(2L), column(sql, "SELECT id FROM v WHERE s IN ('abcdef', 'abcde')"));
            assertEquals(List.of(1L, 2L), column(sql, "SELECT id FROM v WHERE s < 'abcdef' ORDER BY id"));
            assertEquals(List.of(), column(sql, "SELECT id FROM v WHERE s LIKE 'abcdef%'"));
            assertEquals(List.of(2L), column(sql, "SELECT id FROM v WHERE s = ?", "abcde"));
            assertEquals(List.of(), column(sql, "SELECT id FROM v WHERE s = ?", "abcdef"));
            assertEquals(List.of(), column(sql, "SELECT id FROM v WHERE s = t || 'bcdef'"));
        }
    }

    @Test
    void lengthsOutOfRangeAreRefused() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            for (String type : List.of("VARCHAR(0)", "VARCHAR(10485761)")) {
                assertSqlError(
                        SQLDataException.class,
                        "VARCHAR needs a length from 1 to 10485760",
                        () -> sql.execute("CREATE TABLE bad (s " + type + ")"));
            }
            assertTrue(query(sql, "SHOW TABLES").isEmpty(), "nothing was created");
            sql.execute("CREATE TABLE big (id BIGINT, s VARCHAR(10485760))");
            sql.execute("INSERT INTO big VALUES (1, ?)", "x".repeat(100_000));
            assertEquals(List.of(100_000L), column(sql, "SELECT CHAR_LENGTH(s) FROM big"));
            try (ResultSet rs = sql.execute("SELECT s FROM big").rows()) {
                assertEquals(10485760, rs.getMetaData().getPrecision(1));
            }
            assertTrue(Files.isDirectory(dir.resolve("big")));
        }
    }
}

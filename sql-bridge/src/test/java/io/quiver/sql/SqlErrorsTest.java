package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.assertSqlError;
import static io.quiver.sql.SqlTestSupport.query;
import static io.quiver.sql.SqlTestSupport.state;
import static io.quiver.sql.SqlTestSupport.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.sql.parse.SqlSyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad statements: typed SQLExceptions with clear messages, never an internal error, and nothing changed. */
class SqlErrorsTest {
    @TempDir
    Path dir;

    private record Bad(String sql, Class<? extends SQLException> type, String fragment, Object... params) {}

    @Test
    void failedStatementsChangeNothing() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute(
                    "CREATE TABLE t (id BIGINT PRIMARY KEY, n INTEGER NOT NULL, ti TINYINT, d DECIMAL(5, 2), v VECTOR(3))");
            sql.execute("INSERT INTO t VALUES (1, 1, 1, 1.5, ARRAY[1, 2, 3]), (2, 2, 2, 2.5, NULL)");
            String before = state(sql, "t");
            long version = version(sql, "t");
            List<Bad> bad = List.of(
                    new Bad("INSERT INTO t VALUES (3, 3, 3, 3, ARRAY[1, 2])", SQLDataException.class, "vector of 3"),
                    new Bad(
                            "INSERT INTO t VALUES (3, 3, 3, 3, ?)",
                            SQLDataException.class,
                            "vector of 3",
                            new float[4]),
                    new Bad("INSERT INTO t (id, v) VALUES (3, ARRAY[1, 2, 3])", SQLDataException.class, "NOT NULL"),
                    new Bad("INSERT INTO t VALUES (3, NULL, 3, 3, NULL)", SQLDataException.class, "NOT NULL"),
                    new Bad("INSERT INTO t VALUES (3, 3, 300, 3, NULL)", SQLDataException.class, "300"),
                    new Bad("INSERT INTO t VALUES (3, 3, 3, 12345.5, NULL)", SQLDataException.class, "12345.5"),
                    new Bad(
                            "INSERT INTO t VALUES (3, 3, 3, 3, NULL), (4, 4, 4, 4, ARRAY[1])",
                            SQLDataException.class,
                            "vector"),
                    new Bad("INSERT INTO t (id, nope) VALUES (3, 1)", SQLSyntaxErrorException.class, "nope"),
                    new Bad("INSERT INTO t VALUES (3, 3)", SQLSyntaxErrorException.class, "values"),
                    new Bad("INSERT INTO t (id, n) VALUES (3, 'abc')", SQLDataException.class, "abc"),
                    new Bad("UPSERT INTO t VALUES (1, 1, 1, 1, ARRAY[1])", SQLDataException.class, "vector"),
                    new Bad("UPDATE t SET v = ARRAY[1.0] WHERE id = 1", SQLDataException.class, "vector of 3"),
                    new Bad("UPDATE t SET n = NULL WHERE id = 2", SQLDataException.class, "NOT NULL"),
                    new Bad("UPDATE t SET nope = 1", SQLSyntaxErrorException.class, "nope"),
                    new Bad("UPDATE t SET id = 5 WHERE id = 1", SQLException.class, "key column"),
                    new Bad("UPDATE t SET n = n + 1 WHERE nope = 1", SQLSyntaxErrorException.class, "nope"),
                    new Bad("DELETE FROM t WHERE nope = 1", SQLSyntaxErrorException.class, "nope"),
                    new Bad(
                            "INSERT INTO t VALUES (1, 9, 9, 9, NULL) ON CONFLICT (n) DO NOTHING",
                            SQLSyntaxErrorException.class,
                            "primary key"),
                    new Bad(
                            "INSERT INTO t VALUES (1, 9, 9, 9, NULL) ON CONFLICT DO UPDATE SET id = EXCLUDED.id",
                            SQLSyntaxErrorException.class,
                            "key column"),
                    new Bad("INSERT INTO nope VALUES (1)", SQLSyntaxErrorException.class, "nope"));
            for (Bad b : bad) {
                try {
                    assertSqlError(b.type(), b.fragment(), () -> sql.execute(b.sql(), b.params()));
                } catch (AssertionError e) {
                    throw new AssertionError(b.sql() + ": " + e.getMessage(), e);
                }
                assertEquals(before, state(sql, "t"), b.sql());
                assertEquals(version, version(sql, "t"), b.sql());
            }
        }
    }

    @Test
    void badQueriesAreClearErrors() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, s VARCHAR, v VECTOR(2))");
            sql.execute("INSERT INTO t VALUES (1, 'x', ARRAY[1, 2])");
            List<Bad> bad = List.of(
                    new Bad("SELECT nope FROM t", SQLSyntaxErrorException.class, "Column 'nope' not found"),
                    new Bad("SELECT * FROM nope", SQLSyntaxErrorException.class, "'nope' not found"),
                    new Bad("SELECT * FROM \"T\"", SQLSyntaxErrorException.class, "'T' not found"),
                    new Bad("SELECT l2_distance(v, ARRAY[1, 2, 3]) FROM t", SQLDataException.class, "dimensions"),
                    new Bad(
                            "SELECT id FROM t ORDER BY l2_distance(v, ?) LIMIT 1",
                            SQLDataException.class,
                            "dimensions",
                            new float[3]),
                    new Bad("SELECT id FROM t WHERE id = 'abc'", SQLDataException.class, "abc"),
                    new Bad("SELECT id FROM t WHERE s = ?", SQLException.class, "parameters", 1, 2),
                    new Bad("SELECT * FROM t FOR SYSTEM_VERSION AS OF 99", SQLException.class, "no version 99"),
                    new Bad(
                            "MERGE INTO t USING t AS u ON t.id = u.id WHEN MATCHED THEN UPDATE SET id = u.id",
                            SQLException.class,
                            "ON CONFLICT"));
            for (Bad b : bad) {
                try {
                    assertSqlError(b.type(), b.fragment(), () -> query(sql, b.sql(), b.params()));
                } catch (AssertionError e) {
                    throw new AssertionError(b.sql() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    @Test
    void syntaxErrorsSayWhere() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE t (id BIGINT)");
            record Where(String sql, int line, int column) {}
            for (Where w : List.of(
                    new Where("SELECT * FROM t WHERE", 1, 21),
                    new Where("SELECT *\nFROM t\nWHERE id = = 1", 3, 10),
                    new Where("CREATE TABLE u (id BIGINT,)", 1, 27),
                    new Where("CREATE TABLE u\n  (id VECTOR(x))", 2, 14),
                    new Where("ALTER TABLE t ADD VECTOR INDEX", 1, 30),
                    new Where("INSERT INTO t VALUES (1) ON CONFLICT DO SOMETHING", 1, 41),
                    new Where("SELECT 'unterminated FROM t", 1, 8))) {
                SqlSyntaxException e = assertSqlError(
                        SqlSyntaxException.class,
                        "line " + w.line() + ", column " + w.column(),
                        () -> sql.execute(w.sql()));
                assertEquals(w.line(), e.line(), w.sql());
            }
            assertSqlError(SQLException.class, "selec", () -> sql.execute("SELEC * FROM t"));
            assertSqlError(SQLSyntaxErrorException.class, "statement", () -> sql.execute("   "));
        }
    }

    @Test
    void identifiersCannotEscapeTheWarehouse() throws Exception {
        Path warehouse = Files.createDirectories(dir.resolve("warehouse"));
        try (QuiverSql sql = QuiverSql.open(warehouse)) {
            for (String name :
                    List.of("../x", "a/b", "..", ".", "a\\b", "/tmp/abs", "x/../../y", "con:x", "a\u0000b", " ")) {
                String quoted = "\"" + name + "\"";
                assertSqlError(SQLException.class, "", () -> sql.execute("CREATE TABLE " + quoted + " (id BIGINT)"));
                assertSqlError(
                        SQLException.class, "", () -> sql.execute("CREATE TABLE " + quoted + " AS SELECT 1 AS id"));
                assertSqlError(SQLException.class, "", () -> sql.execute("DROP TABLE " + quoted));
                assertSqlError(SQLException.class, "", () -> sql.execute("DROP TABLE IF EXISTS " + quoted));
                assertSqlError(SQLException.class, "", () -> sql.execute("DESCRIBE " + quoted));
                assertSqlError(SQLException.class, "", () -> query(sql, "SELECT * FROM " + quoted));
                assertSqlError(
                        SQLException.class,
                        "",
                        () -> query(sql, "SELECT * FROM " + quoted + " FOR SYSTEM_VERSION AS OF 1"));
                assertSqlError(
                        SQLException.class,
                        "",
                        () -> query(sql, "SELECT * FROM TABLE(table_version('" + name.replace("'", "''") + "', 1))"));
            }
            assertEquals(List.of(), query(sql, "SHOW TABLES"));
        }
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> files = all.toList();
            assertEquals(List.of(dir, dir.resolve("warehouse")), files, "nothing created anywhere");
        }
        assertTrue(Files.notExists(dir.resolve("x")) && Files.notExists(Path.of("/tmp/abs")));
    }
}

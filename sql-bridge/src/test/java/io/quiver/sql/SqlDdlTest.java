package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.assertSqlError;
import static io.quiver.sql.SqlTestSupport.column;
import static io.quiver.sql.SqlTestSupport.describedRows;
import static io.quiver.sql.SqlTestSupport.query;
import static io.quiver.sql.SqlTestSupport.state;
import static io.quiver.sql.SqlTestSupport.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CREATE, DROP, SHOW TABLES, DESCRIBE and ALTER, and bad DDL that must change nothing. */
class SqlDdlTest {
    @TempDir
    Path dir;

    @Test
    void createShowDescribeDrop() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            assertEquals(List.of(), column(sql, "SHOW TABLES"));
            sql.execute("CREATE TABLE Images (id BIGINT PRIMARY KEY, caption VARCHAR, embedding VECTOR(4), image BLOB)"
                    + " USING QUIVER");
            sql.execute("CREATE TABLE plain (a INTEGER NOT NULL, d DECIMAL(10, 2), PRIMARY KEY (a))");
            assertEquals(List.of("images", "plain"), column(sql, "SHOW TABLES"), "unquoted names fold to lower case");
            assertEquals(
                    List.of(
                            List.of("id", "column", "BIGINT", false, "PRIMARY KEY"),
                            List.of("caption", "column", "VARCHAR", true, ""),
                            List.of("embedding", "column", "VECTOR(4)", true, ""),
                            List.of("image", "column", "BLOB", true, "")),
                    query(sql, "DESCRIBE images").subList(0, 4));
            List<Object> table = query(sql, "DESCRIBE images").getLast();
            assertEquals(List.of("images", "table", "QUIVER", false), table.subList(0, 4));
            assertEquals("DECIMAL(10, 2)", query(sql, "DESCRIBE plain").get(1).get(2));
            assertEquals("PRIMARY KEY", query(sql, "DESCRIBE plain").get(0).get(4), "a table-level key");

            long created = version(sql, "images");
            sql.execute("INSERT INTO images (id, caption) VALUES (1, 'a'), (2, 'b')");
            assertEquals(created + 1, version(sql, "images"));
            assertEquals(2, describedRows(sql, "images"));

            assertEquals(
                    "CREATE TABLE (already exists)",
                    sql.execute("CREATE TABLE IF NOT EXISTS images (x INT)").message());
            assertEquals(2, describedRows(sql, "images"), "IF NOT EXISTS leaves the table alone");
            assertSqlError(
                    SQLSyntaxErrorException.class, "already exists", () -> sql.execute("CREATE TABLE images (x INT)"));

            sql.execute("DROP TABLE images");
            assertEquals(List.of("plain"), column(sql, "SHOW TABLES"));
            assertSqlError(SQLSyntaxErrorException.class, "does not exist", () -> sql.execute("DROP TABLE images"));
            assertEquals(
                    "DROP TABLE (did not exist)",
                    sql.execute("DROP TABLE IF EXISTS images").message());
            assertSqlError(SQLSyntaxErrorException.class, "images", () -> sql.execute("SELECT * FROM images"));
            sql.execute("CREATE TABLE images (id BIGINT)");
            assertEquals(List.of(), query(sql, "SELECT * FROM images"), "a re-created table starts empty");
        }
    }

    @Test
    void createAsSelect() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE src (id BIGINT PRIMARY KEY, k INTEGER, s VARCHAR)");
            sql.execute("INSERT INTO src VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 30, NULL)");
            sql.execute("CREATE TABLE dst AS SELECT id, k * 2 AS k2, s FROM src WHERE k > ?", 10);
            assertEquals(
                    List.of(List.of(2L, 40L, "b"), java.util.Arrays.asList(3L, 60L, null)),
                    query(sql, "SELECT * FROM dst ORDER BY id"));
            assertEquals(
                    List.of("id", "k2", "s"),
                    query(sql, "DESCRIBE dst").stream()
                            .limit(3)
                            .map(List::getFirst)
                            .toList());
        }
    }

    @Test
    void addAndDropColumnsAndIndexes() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v VECTOR(2))");
            sql.execute("INSERT INTO t VALUES (1, ARRAY[1, 0]), (2, ARRAY[0, 1])");
            sql.execute("ALTER TABLE t ADD COLUMN note VARCHAR");
            sql.execute("ALTER TABLE t ADD n INTEGER");
            assertEquals(
                    List.of(java.util.Arrays.asList(1L, null, null)),
                    query(sql, "SELECT id, note, n FROM t WHERE id = 1"));
            sql.execute("UPDATE t SET note = 'x', n = 5 WHERE id = 2");
            assertEquals(List.of(List.of(2L, "x", 5L)), query(sql, "SELECT id, note, n FROM t WHERE n = 5"));
            sql.execute("ALTER TABLE t DROP COLUMN note");
            assertEquals(
                    List.of("id", "v", "n"),
                    query(sql, "DESCRIBE t").stream()
                            .limit(3)
                            .map(List::getFirst)
                            .toList());
            assertSqlError(SQLSyntaxErrorException.class, "note", () -> sql.execute("SELECT note FROM t"));

            sql.execute(
                    "ALTER TABLE t ADD VECTOR INDEX v_idx ON v USING HNSW WITH (metric = 'cosine', m = 8, ef_construction = 50)");
            List<Object> index = query(sql, "DESCRIBE t").stream()
                    .filter(r -> r.get(1).equals("index"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(List.of("v_idx", "index", "HNSW"), index.subList(0, 3));
            String detail = (String) index.get(4);
            assertTrue(
                    detail.contains("on v")
                            && detail.contains("metric cosine")
                            && detail.contains("m 8")
                            && detail.contains("ef_construction 50")
                            && detail.contains("2 rows indexed"),
                    detail);
            sql.execute("ALTER TABLE t DROP INDEX v_idx");
            assertTrue(query(sql, "DESCRIBE t").stream().noneMatch(r -> r.get(1).equals("index")));
            assertSqlError(SQLDataException.class, "v_idx", () -> sql.execute("ALTER TABLE t DROP INDEX v_idx"));
        }
    }

    @Test
    void badDdlIsATypedErrorAndChangesNothing() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, s VARCHAR, v VECTOR(2))");
            sql.execute("INSERT INTO t VALUES (1, 'a', ARRAY[1, 2])");
            String before = state(sql, "t");
            List<String> files = files();
            record Bad(String sql, Class<? extends SQLException> type, String fragment) {}
            List<Bad> bad = List.of(
                    new Bad("CREATE TABLE u (id FOO)", SQLDataException.class, "unknown type FOO"),
                    new Bad("CREATE TABLE u (v VECTOR)", SQLDataException.class, "VECTOR needs a dimension"),
                    new Bad("CREATE TABLE u (v VECTOR(0))", SQLDataException.class, "VECTOR needs a dimension"),
                    new Bad("CREATE TABLE u (a INT, a INT)", SQLDataException.class, "duplicate column"),
                    new Bad(
                            "CREATE TABLE u (a INT PRIMARY KEY, b INT PRIMARY KEY)",
                            SQLSyntaxErrorException.class,
                            "more than one PRIMARY KEY"),
                    new Bad(
                            "CREATE TABLE u (a INT, PRIMARY KEY (a), PRIMARY KEY (a))",
                            SQLSyntaxErrorException.class,
                            "only one PRIMARY KEY"),
                    new Bad("CREATE TABLE u (a INT, PRIMARY KEY (zz))", SQLDataException.class, "zz"),
                    new Bad(
                            "CREATE TABLE u (a INT) WITH (foo = 1)",
                            SQLSyntaxErrorException.class,
                            "unknown table option 'foo'"),
                    new Bad("CREATE TABLE u (a INT) USING LANCE", SQLFeatureNotSupportedException.class, "USING LANCE"),
                    new Bad(
                            "CREATE TABLE u (a INT) USING PARQUET",
                            SQLSyntaxErrorException.class,
                            "unknown table format PARQUET"),
                    new Bad("CREATE TABLE u (a DECIMAL)", SQLDataException.class, "DECIMAL needs"),
                    new Bad("CREATE TABLE u (a INT(3))", SQLSyntaxErrorException.class, "column 22"),
                    new Bad("CREATE TABLE u ()", SQLSyntaxErrorException.class, "column"),
                    new Bad("ALTER TABLE t ADD COLUMN s INTEGER", SQLDataException.class, "duplicate column"),
                    new Bad("ALTER TABLE t ADD COLUMN w FOO", SQLDataException.class, "unknown type"),
                    new Bad(
                            "ALTER TABLE t ADD COLUMN w INTEGER NOT NULL",
                            SQLFeatureNotSupportedException.class,
                            "NOT NULL"),
                    new Bad("ALTER TABLE t DROP COLUMN nope", SQLDataException.class, "nope"),
                    new Bad("ALTER TABLE t DROP COLUMN id", SQLDataException.class, "primary key"),
                    new Bad("ALTER TABLE nope ADD COLUMN w INTEGER", SQLSyntaxErrorException.class, "does not exist"),
                    new Bad(
                            "ALTER TABLE t ADD VECTOR INDEX ON v WITH (metric = 'foo')",
                            SQLDataException.class,
                            "metric"),
                    new Bad(
                            "ALTER TABLE t ADD VECTOR INDEX ON v WITH (bar = 1)",
                            SQLSyntaxErrorException.class,
                            "unknown index option 'bar'"),
                    new Bad(
                            "ALTER TABLE t ADD VECTOR INDEX ON v WITH (m = 0)",
                            SQLSyntaxErrorException.class,
                            "positive"),
                    new Bad(
                            "ALTER TABLE t ADD VECTOR INDEX ON v USING IVF",
                            SQLFeatureNotSupportedException.class,
                            "IVF"),
                    new Bad("ALTER TABLE t ADD VECTOR INDEX ON s", SQLDataException.class, "VECTOR"),
                    new Bad("ALTER TABLE t DROP INDEX nope", SQLDataException.class, "nope"),
                    new Bad("ALTER TABLE t RENAME TO u", SQLSyntaxErrorException.class, "ADD or DROP"));
            for (Bad b : bad) {
                assertSqlError(b.type(), b.fragment(), () -> sql.execute(b.sql()));
                assertEquals(before, state(sql, "t"), b.sql());
                assertEquals(List.of("t"), column(sql, "SHOW TABLES"), b.sql());
            }
            assertEquals(files, files(), "no table folder left behind by a failed statement");
        }
    }

    private List<String> files() throws Exception {
        try (Stream<Path> all = Files.list(dir)) {
            return all.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}

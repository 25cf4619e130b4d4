package io.quiver.lance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DELETE, and the statements Lance cannot run: each a typed SQL error that changes nothing. */
class LanceUnsupportedTest {
    @TempDir
    Path warehouse;

    @Test
    void deleteByRenderedFilter() throws Exception {
        try (LanceSql s = new LanceSql(warehouse)) {
            s.run("CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR) USING LANCE");
            s.run("INSERT INTO t VALUES (1, 'a'), (2, 'it''s'), (3, NULL), (4, 'b')");
            assertEquals(1, s.count("DELETE FROM t WHERE name = 'it''s'"));
            assertEquals(1, s.count("DELETE FROM t WHERE id = ? OR name IS NULL AND id > 10", 4L));
            LanceSql.fails(
                    SQLFeatureNotSupportedException.class,
                    "DELETE on LANCE table t",
                    () -> s.run("DELETE FROM t WHERE id % 2 = 1"));
            assertEquals(List.of(List.of(1L), List.of(3L)), s.rows("SELECT id FROM t ORDER BY id"));
            assertEquals(2, s.count("DELETE FROM t"));
            assertEquals(List.of(), s.rows("SELECT id FROM t"));
        }
    }

    @Test
    void statementsLanceCannotRunChangeNothing() throws Exception {
        try (LanceSql s = new LanceSql(warehouse)) {
            s.run("CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR, v VECTOR(2)) USING LANCE");
            s.run("INSERT INTO t VALUES (1, 'a', ARRAY[1, 2])");
            List<List<Object>> before = s.rows("SELECT * FROM t");
            Class<SQLFeatureNotSupportedException> unsupported = SQLFeatureNotSupportedException.class;
            LanceSql.fails(unsupported, "QUIVER tables only", () -> s.run("UPDATE t SET name = 'x'"));
            LanceSql.fails(unsupported, "UPSERT is not supported", () -> s.run("UPSERT INTO t VALUES (1, 'b', NULL)"));
            LanceSql.fails(
                    unsupported,
                    "ON CONFLICT is not supported",
                    () -> s.run("INSERT INTO t VALUES (1, 'b', NULL) ON CONFLICT DO NOTHING"));
            LanceSql.fails(unsupported, "QUIVER tables only", () -> s.run("ALTER TABLE t ADD COLUMN x INTEGER"));
            LanceSql.fails(unsupported, "QUIVER tables only", () -> s.run("OPTIMIZE t"));
            LanceSql.fails(
                    unsupported, "QUIVER tables only", () -> s.run("SELECT * FROM t FOR SYSTEM_VERSION AS OF 1"));
            LanceSql.fails(
                    unsupported,
                    "unknown index method",
                    () -> s.run("ALTER TABLE t ADD VECTOR INDEX ON v USING BTREE"));
            LanceSql.fails(
                    SQLSyntaxErrorException.class,
                    "unknown index option",
                    () -> s.run("ALTER TABLE t ADD VECTOR INDEX ON v WITH (lists = 3)"));
            LanceSql.fails(
                    SQLSyntaxErrorException.class,
                    "takes no table options",
                    () -> s.run("CREATE TABLE u (id BIGINT) USING LANCE WITH (buckets = 4)"));
            LanceSql.fails(
                    SQLSyntaxErrorException.class,
                    "unknown table format",
                    () -> s.run("CREATE TABLE u (id BIGINT) USING PARQUET"));
            LanceSql.fails(
                    SQLSyntaxErrorException.class,
                    "already exists",
                    () -> s.run("CREATE TABLE t (id BIGINT) USING QUIVER"));
            LanceSql.fails(
                    java.sql.SQLDataException.class,
                    "invalid table name",
                    () -> s.run("CREATE EXTERNAL TABLE \"../x\" USING LANCE LOCATION '" + warehouse + "'"));
            assertEquals(before, s.rows("SELECT * FROM t"));
            assertEquals(List.of(List.of("t")), s.rows("SHOW TABLES"));
        }
    }
}

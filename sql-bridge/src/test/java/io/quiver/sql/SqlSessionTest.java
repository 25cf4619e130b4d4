package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.assertSqlError;
import static io.quiver.sql.SqlTestSupport.column;
import static io.quiver.sql.SqlTestSupport.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLSyntaxErrorException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a session promises beyond single statements: open results, other sessions' commits, blobs kept, no leaks. */
class SqlSessionTest {
    @TempDir
    Path dir;

    @Test
    void theSameQueryTwiceGivesTwoReadableResults() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY)");
            sql.execute("INSERT INTO t VALUES (1), (2)");
            try (ResultSet a = sql.execute("SELECT id FROM t ORDER BY id").rows();
                    ResultSet b = sql.execute("SELECT id FROM t ORDER BY id").rows()) {
                assertTrue(b.next() && a.next(), "both results readable");
                assertEquals(1L, a.getLong(1));
                assertEquals(1L, b.getLong(1));
            }
            assertEquals(
                    List.of(1L, 2L),
                    column(sql, "SELECT id FROM t ORDER BY id"),
                    "and the plan is still cached and usable");
        }
    }

    @Test
    void sessionsSeeEachOthersCommits() throws Exception {
        try (QuiverSql one = QuiverSql.open(dir);
                QuiverSql two = QuiverSql.open(dir)) {
            one.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, s VARCHAR)");
            one.execute("INSERT INTO t VALUES (1, 'a')");
            assertEquals(List.of(1L), column(two, "SELECT id FROM t"));
            two.execute("INSERT INTO t VALUES (2, 'b')");
            two.execute("UPDATE t SET s = 'A' WHERE id = 1");
            assertEquals(List.of(List.of(1L, "A"), List.of(2L, "b")), query(one, "SELECT * FROM t ORDER BY id"));
            assertEquals(List.of("t"), column(two, "SHOW TABLES"));
            one.execute("DROP TABLE t");
            assertSqlError(SQLSyntaxErrorException.class, "'t' not found", () -> two.execute("SELECT * FROM t"));
        }
    }

    @Test
    void blobsSurviveChangesToOtherColumns() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, s VARCHAR, v VECTOR(2), bl BLOB)");
            byte[] big = new byte[200_000];
            new java.util.Random(7).nextBytes(big);
            sql.execute("INSERT INTO t VALUES (1, 'a', ARRAY[1, 0], ?), (2, 'b', ARRAY[0, 1], X'03')", big);
            sql.execute("UPDATE t SET s = 'A' WHERE id = 1");
            sql.execute(
                    "INSERT INTO t (id, s, v) VALUES (2, 'B', ARRAY[5, 5]) ON CONFLICT DO UPDATE SET s = EXCLUDED.s");
            sql.execute("OPTIMIZE t");
            List<List<Object>> rows = query(sql, "SELECT * FROM t ORDER BY id");
            assertEquals(Arrays.asList(1L, "A", List.of(1f, 0f), ByteBuffer.wrap(big)), rows.get(0));
            assertEquals(Arrays.asList(2L, "B", List.of(0f, 1f), ByteBuffer.wrap(new byte[] {3})), rows.get(1));
            try (ResultSet rs = sql.execute("SELECT bl FROM t WHERE id = 1").rows()) {
                assertTrue(rs.next());
                assertEquals(big.length, rs.getBlob(1).length());
                assertTrue(Arrays.equals(big, rs.getBytes(1)));
            }
        }
    }

    @Test
    void queriesCombineTablesVersionsAndSubqueries() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, g INTEGER, s VARCHAR)");
            sql.execute("INSERT INTO t VALUES (1, 1, 'a'), (2, 1, 'b'), (3, 2, 'c')");
            long v = SqlTestSupport.version(sql, "t");
            sql.execute("UPDATE t SET s = upper(s) WHERE g = 1");
            sql.execute("DELETE FROM t WHERE id = 3");
            assertEquals(
                    List.of(List.of(1L, "A", "a"), List.of(2L, "B", "b")),
                    query(
                            sql,
                            "SELECT n.id, n.s, o.s FROM t n JOIN t FOR SYSTEM_VERSION AS OF " + v
                                    + " o ON n.id = o.id ORDER BY n.id"));
            assertEquals(
                    List.of(List.of(1L, 2L), List.of(2L, 1L)),
                    query(sql, "SELECT g, count(*) FROM t FOR SYSTEM_VERSION AS OF " + v + " GROUP BY g ORDER BY g"));
            assertEquals(
                    List.of(3L),
                    column(
                            sql,
                            "SELECT id FROM t FOR SYSTEM_VERSION AS OF " + v + " WHERE id NOT IN (SELECT id FROM t)"));
        }
    }

    @Test
    void queriesFailingAsTheyStartReleaseTheirScans() throws Exception {
        // The session's allocator fails its close when buffers leak.
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, s VARCHAR)");
            sql.execute("INSERT INTO t VALUES (1, 'x'), (2, 'y')");
            for (int i = 0; i < 3; i++) {
                assertSqlError(SQLDataException.class, "x", () -> sql.execute("SELECT id FROM t WHERE s = 1"));
                assertSqlError(
                        SQLDataException.class,
                        "x",
                        () -> sql.execute("SELECT id, s FROM t WHERE CAST(s AS INTEGER) > 0"));
                assertSqlError(
                        SQLDataException.class,
                        "x",
                        () -> sql.execute("INSERT INTO t SELECT id + 10, s FROM t WHERE s > 1"));
                assertSqlError(SQLDataException.class, "x", () -> sql.execute("UPDATE t SET s = 'z' WHERE s = 1"));
            }
        }
    }
}

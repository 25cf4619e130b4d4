package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.assertSqlError;
import static io.quiver.sql.SqlTestSupport.explain;
import static io.quiver.sql.SqlTestSupport.query;
import static io.quiver.sql.SqlTestSupport.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UPDATE and DELETE are planned by Calcite into table modifications the engine runs: EXPLAIN
 * shows them, prepared statements take parameters in SET and WHERE and run many times, and the
 * SET list's errors keep their SQLSTATEs.
 */
class SqlModifyPlanTest {
    @TempDir
    Path dir;

    private static QuiverSql open(Path dir) throws SQLException {
        QuiverSql sql = QuiverSql.open(dir);
        sql.execute("CREATE TABLE c (id BIGINT PRIMARY KEY, n INTEGER, s VARCHAR)");
        sql.execute("INSERT INTO c VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 30, NULL)");
        sql.execute("CREATE TABLE bag (a INTEGER, s VARCHAR)");
        sql.execute("INSERT INTO bag VALUES (1, 'x'), (2, 'y'), (2, NULL)");
        return sql;
    }

    @Test
    void explainShowsTheModificationOverWhatTheEngineReads() throws Exception {
        try (QuiverSql sql = open(dir)) {
            long c = version(sql, "c");
            long bag = version(sql, "bag");

            String keyed = explain(sql, "UPDATE c SET n = n + 1 WHERE id = ?", 1L);
            assertTrue(keyed.startsWith("EnumerableQuiverModify(table=[[quiver, c]], operation=[UPDATE]"), keyed);
            assertTrue(keyed.contains("updateColumnList=[[n]]"), keyed);
            assertTrue(keyed.contains("EnumerableQuiverScan(table=[[quiver, c]]"), keyed);
            assertTrue(keyed.contains("lookup=[[?0]], rowAddresses=[true]"), keyed);

            String keyedDelete = explain(sql, "DELETE FROM c WHERE n > 15");
            assertTrue(
                    keyedDelete.startsWith("EnumerableQuiverModify(table=[[quiver, c]], operation=[DELETE]"),
                    keyedDelete);
            assertTrue(keyedDelete.contains("filter=[n > 15]"), keyedDelete);

            // A keyless table's DELETE whose WHERE the engine evaluates reads no rows at all.
            String pushed = explain(sql, "DELETE FROM bag WHERE a = 2 OR s IS NULL");
            assertEquals(
                    "EnumerableQuiverDelete(table=[[quiver, bag]], operation=[DELETE], filter=[(a = 2) OR (s IS NULL)])",
                    pushed);
            assertEquals(
                    "EnumerableQuiverDelete(table=[[quiver, bag]], operation=[DELETE])",
                    explain(sql, "DELETE FROM bag"));

            // One the engine cannot evaluate reads the rows with their addresses.
            String computed = explain(sql, "DELETE FROM bag WHERE a * 2 = 4");
            assertTrue(
                    computed.startsWith("EnumerableQuiverModify(table=[[quiver, bag]], operation=[DELETE]"), computed);
            assertTrue(
                    computed.contains(
                            "EnumerableQuiverScan(table=[[quiver, bag]], columns=[[a, s]], rowAddresses=[true])"),
                    computed);

            String subquery = explain(
                    sql,
                    "UPDATE c AS x SET n = (SELECT max(a) FROM bag WHERE bag.a = x.id) WHERE x.id IN (SELECT a FROM bag)");
            assertTrue(subquery.startsWith("EnumerableQuiverModify(table=[[quiver, c]], operation=[UPDATE]"), subquery);
            assertTrue(subquery.contains("EnumerableQuiverScan(table=[[quiver, bag]]"), subquery);

            assertEquals(c, version(sql, "c"), "EXPLAIN changes nothing");
            assertEquals(bag, version(sql, "bag"), "EXPLAIN changes nothing");
            assertEquals(
                    List.of(List.of(1L, 10L, "a"), List.of(2L, 20L, "b"), Arrays.asList(3L, 30L, null)),
                    query(sql, "SELECT * FROM c ORDER BY id"));
        }
    }

    @Test
    void preparedStatementsTakeParametersInSetAndWhere() throws Exception {
        try (QuiverSql sql = open(dir);
                PreparedSql add = sql.prepare("UPDATE c SET n = n + ?, s = ? WHERE id = ?");
                PreparedSql drop = sql.prepare("DELETE FROM bag WHERE a = ? AND s = ?")) {
            assertEquals(3, add.parameterCount());
            assertFalse(add.returnsRows());
            for (int i = 0; i < 5; i++) {
                assertEquals(1, add.execute(List.of(i, "s" + i, 1L + i % 2)).updateCount());
            }
            assertEquals(0, add.execute(Arrays.asList(1, "none", 99L)).updateCount(), "no such key");
            assertEquals(
                    List.of(List.of(1L, 16L, "s4"), List.of(2L, 24L, "s3")),
                    query(sql, "SELECT id, n, s FROM c WHERE id < 3 ORDER BY id"));
            assertEquals(0, drop.execute(Arrays.asList(2, null)).updateCount(), "s = NULL holds for no row");
            assertEquals(1, drop.execute(List.of(2, "y")).updateCount());
            assertEquals(0, drop.execute(List.of(2, "y")).updateCount());
            assertEquals(
                    List.of(List.of(1L, "x"), Arrays.asList(2L, null)), query(sql, "SELECT * FROM bag ORDER BY a"));
        }
    }

    @Test
    void theSetListIsCheckedWithPostgresqlsErrors() throws Exception {
        try (QuiverSql sql = open(dir)) {
            String before = SqlTestSupport.state(sql, "c");
            record Bad(String sql, Class<? extends SQLException> type, String state, String fragment) {}
            for (Bad b : List.of(
                    new Bad("UPDATE c SET nope = 1", SQLSyntaxErrorException.class, "42703", "nope"),
                    new Bad("UPDATE c SET _rowaddr = 1", SQLSyntaxErrorException.class, "42703", "_rowaddr"),
                    new Bad("UPDATE c SET n = 1, s = 'x', n = 2", SQLSyntaxErrorException.class, "42701", "twice"),
                    new Bad(
                            "UPDATE c SET id = 9 WHERE id = 1",
                            SQLFeatureNotSupportedException.class,
                            "0A000",
                            "key column"),
                    new Bad("UPDATE nope SET n = 1", SQLSyntaxErrorException.class, "42P01", "nope"),
                    new Bad("DELETE FROM nope", SQLSyntaxErrorException.class, "42P01", "nope"),
                    new Bad(
                            "UPDATE c EXTEND (x INTEGER) SET n = 1",
                            SQLSyntaxErrorException.class,
                            "42601",
                            "table only"))) {
                SQLException e = assertSqlError(b.type(), b.fragment(), () -> sql.execute(b.sql()));
                assertEquals(b.state(), e.getSQLState(), b.sql());
            }
            assertEquals(before, SqlTestSupport.state(sql, "c"));
        }
    }
}

package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.column;
import static io.quiver.sql.SqlTestSupport.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aggregates whose answer does not depend on the order rows arrive in, at the edges of their
 * types: regressions found by the DuckDB oracle (SqlOracleTest).
 */
class SqlAggregatesTest {
    @TempDir
    Path dir;

    @Test
    void floatSumsKeepSmallTermsBetweenHugeOnes() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE f (id BIGINT PRIMARY KEY, g INTEGER, r REAL, d DOUBLE)");
            sql.execute("INSERT INTO f VALUES (1, 1, CAST(3.4028235E38 AS REAL), 1.7976931348623157E308),"
                    + " (2, 1, 20.5, NULL), (3, 1, CAST(-3.4028235E38 AS REAL), NULL), (4, 2, 1.5, -8.0)");
            assertEquals(List.of(22.0), column(sql, "SELECT SUM(r) FROM f"));
            assertEquals(
                    List.of(List.of(20.5, 0.0), List.of(1.5, 0.0)),
                    query(sql, "SELECT SUM(r), VAR_POP(d) FROM f GROUP BY g ORDER BY g"));
            assertEquals(List.of(20.5 / 3), column(sql, "SELECT AVG(r) FROM f WHERE g = 1"));
        }
    }

    @Test
    void bigintSumsAreExactUntilTheTotalOverflows() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE s (id BIGINT PRIMARY KEY, b BIGINT)");
            sql.execute("INSERT INTO s VALUES (1, 9000000000000000000), (2, 9000000000000000000),"
                    + " (3, -9000000000000000000), (4, NULL)");
            assertEquals(List.of(9_000_000_000_000_000_000L), column(sql, "SELECT SUM(b) FROM s"));
            assertEquals(List.of(3_000_000_000_000_000_000.0), column(sql, "SELECT AVG(b) FROM s"));
            SQLException e = assertThrows(SQLException.class, () -> column(sql, "SELECT SUM(b) FROM s WHERE id < 3"));
            assertEquals("22003", e.getSQLState());
        }
    }

    @Test
    void varianceOfIntegersIsFractional() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE v (id BIGINT PRIMARY KEY, g INTEGER)");
            sql.execute("INSERT INTO v VALUES (1, 1), (2, 1), (3, 2)");
            List<Object> row =
                    query(sql, "SELECT VAR_POP(g), VAR_SAMP(g), AVG(g) FROM v").getFirst();
            assertEquals(2.0 / 9, (Double) row.get(0), 1e-12);
            assertEquals(1.0 / 3, (Double) row.get(1), 1e-12);
            assertEquals(4.0 / 3, (Double) row.get(2), 1e-12);
        }
    }

    @Test
    void windowedMeansAndMomentsOfExactNumbers() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE w (id BIGINT PRIMARY KEY, g INTEGER, i INTEGER, m DECIMAL(10, 2))");
            sql.execute("INSERT INTO w VALUES (1, 1, 1, 1.25), (2, 1, 2, -2.75), (3, 2, 3, 3.00)");
            assertEquals(
                    List.of(List.of(1.5, 2.0 / 3, 0.5), List.of(1.5, 2.0 / 3, 0.5), List.of(3.0, 2.0 / 3, 0.5)),
                    query(
                            sql,
                            "SELECT AVG(i) OVER (PARTITION BY g), VAR_POP(i) OVER (), AVG(m) OVER () FROM w ORDER BY id"));
        }
    }

    @Test
    void floatSumsThatOverflowRaise() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE o (id BIGINT PRIMARY KEY, d DOUBLE)");
            sql.execute("INSERT INTO o VALUES (1, 1e308), (2, 1e308), (3, -1e308)");
            SQLException e = assertThrows(SQLException.class, () -> column(sql, "SELECT SUM(d) FROM o"));
            assertEquals("22003", e.getSQLState());
        }
    }

    @Test
    void divisionByZeroIs22012() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE z (id BIGINT PRIMARY KEY, i INTEGER, d DOUBLE, m DECIMAL(5, 2))");
            sql.execute("INSERT INTO z VALUES (1, 0, 0.0, 0.00)");
            for (String q : List.of("SELECT 1 / i FROM z", "SELECT 1.5 / d FROM z", "SELECT 1 / m FROM z")) {
                SQLException e = assertThrows(SQLException.class, () -> column(sql, q), q);
                assertEquals("22012", e.getSQLState(), q);
            }
        }
    }
}

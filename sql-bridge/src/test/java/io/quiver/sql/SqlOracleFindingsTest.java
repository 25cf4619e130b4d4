package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.column;
import static io.quiver.sql.SqlTestSupport.query;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Minimal repros of the mismatches the DuckDB oracle ({@code io.quiver.sql.oracle.SqlOracleTest})
 * found beyond the known bugs of {@link SqlStandardSemanticsTest}, each asserting what the SQL
 * standard (PostgreSQL where it is silent) answers. They fail until the bugs are fixed.
 */
class SqlOracleFindingsTest {
    @TempDir
    Path dir;

    private static void assertState(String state, QuiverSql sql, String statement) {
        try {
            List<List<Object>> rows = query(sql, statement);
            fail(statement + ": expected SQLSTATE " + state + ", got rows " + rows);
        } catch (SQLException e) {
            assertEquals(state, e.getSQLState(), () -> statement + ": " + e);
        }
    }

    /** A new row of INSERT ... ON CONFLICT DO UPDATE kept the VARBINARY of the conflicting row before it. */
    @Test
    void onConflictDoUpdateKeepsTheBytesOfNewRows() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE u (id BIGINT PRIMARY KEY, k INTEGER, vb VARBINARY)");
            sql.execute("INSERT INTO u VALUES (2, 2, X'02')");
            sql.execute(
                    "INSERT INTO u VALUES (2, 8, X''), (5, 9, X'BB') ON CONFLICT (id) DO UPDATE SET k = EXCLUDED.k");
            assertEquals(
                    List.of(
                            List.of(2L, 8L, ByteBuffer.wrap(new byte[] {2})),
                            List.of(5L, 9L, ByteBuffer.wrap(new byte[] {(byte) 0xBB}))),
                    query(sql, "SELECT id, k, vb FROM u ORDER BY id"));
        }
    }

    /** Proleptic Gregorian, as PostgreSQL and DuckDB: no Julian shift before 1582-10-15. */
    @Test
    void oldDatesAndTimestampsKeepTheirDay() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE hist (id BIGINT PRIMARY KEY, dt DATE, ts TIMESTAMP)");
            sql.execute("INSERT INTO hist VALUES (1, DATE '0001-01-01', TIMESTAMP '0001-01-01 00:00:00'), "
                    + "(2, DATE '1582-10-04', TIMESTAMP '1582-10-04 12:00:00')");
            sql.execute("INSERT INTO hist (id, dt) VALUES (3, ?)", LocalDate.of(1582, 10, 4));
            sql.execute("INSERT INTO hist SELECT id + 10, dt, ts FROM hist");
            assertAll(
                    () -> assertEquals(
                            List.of("0001-01-01 00:00:00", "1582-10-04 12:00:00"),
                            column(sql, "SELECT CAST(ts AS VARCHAR) FROM hist WHERE id < 3 ORDER BY id")),
                    () -> assertEquals(
                            List.of("1582-10-04"), column(sql, "SELECT CAST(dt AS VARCHAR) FROM hist WHERE id = 3")),
                    () -> assertEquals(
                            column(sql, "SELECT ts FROM hist WHERE id < 10 ORDER BY id"),
                            column(sql, "SELECT ts FROM hist WHERE id > 10 ORDER BY id")),
                    () -> assertEquals(
                            List.of(LocalDate.of(1, 1, 1), LocalDate.of(1582, 10, 4), LocalDate.of(1582, 10, 4)),
                            column(sql, "SELECT dt FROM hist WHERE id > 10 ORDER BY id")));
        }
    }

    /**
     * The ten days Pope Gregory dropped exist in the proleptic calendar (PostgreSQL accepts them),
     * in literals, JDBC escapes, stored values and results read as java.time; a Julian leap day
     * such as 1500-02-29 does not exist there (PostgreSQL: 22008), nor does a 13th month.
     */
    @Test
    void datesInTheGregorianGapAreValid() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE gap (id BIGINT PRIMARY KEY, dt DATE, ts TIMESTAMP)");
            sql.execute("INSERT INTO gap VALUES (1, DATE '1582-10-10', TIMESTAMP '1582-10-05 01:02:03.456')");
            sql.execute("INSERT INTO gap SELECT 2, DATE '1582-10-14', {ts '1582-10-14 23:59:59'}");
            assertAll(
                    () -> assertEquals(List.of("1582-10-10"), column(sql, "SELECT CAST(DATE '1582-10-10' AS VARCHAR)")),
                    () -> assertEquals(
                            List.of("1582-10-10 00:00:00"),
                            column(sql, "SELECT CAST(TIMESTAMP '1582-10-10 00:00:00' AS VARCHAR)")),
                    () -> assertEquals(
                            List.of(LocalDate.of(1582, 10, 10), LocalDate.of(1582, 10, 14)),
                            column(sql, "SELECT dt FROM gap ORDER BY id")),
                    () -> assertEquals(
                            List.of(
                                    LocalDateTime.of(1582, 10, 5, 1, 2, 3, 456_000_000),
                                    LocalDateTime.of(1582, 10, 14, 23, 59, 59)),
                            column(sql, "SELECT ts FROM gap ORDER BY id")),
                    () -> assertEquals(List.of(2L), column(sql, "SELECT id FROM gap WHERE dt > {d '1582-10-10'}")),
                    () -> assertEquals(
                            List.of(LocalDate.of(1582, 10, 15)),
                            column(sql, "SELECT dt + INTERVAL '1' DAY FROM gap WHERE id = 2")),
                    () -> assertState("22008", sql, "SELECT DATE '1500-02-29'"),
                    () -> assertState("22008", sql, "SELECT TIMESTAMP '1500-02-29 00:00:00'"),
                    () -> assertState("22008", sql, "SELECT DATE '2024-13-01'"),
                    () -> assertState("22007", sql, "SELECT DATE 'yesterday'"));
        }
    }

    /**
     * Row comparisons are decided by the first unequal pair of fields; a NULL in it makes the
     * answer unknown, and strings compare by code point (Calcite compared the rows as Java lists).
     */
    @Test
    void rowComparisonsFollowTheStandard() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE r (id BIGINT PRIMARY KEY, a VARCHAR, b INTEGER)");
            sql.execute("INSERT INTO r VALUES (1, '😀', 1), (2, 'ＦＵＬＬ', NULL), (3, 'a', 3)");
            assertAll(
                    () -> assertEquals(
                            List.of(1L, 2L), column(sql, "SELECT id FROM r WHERE (a, id) > ('ＦＵＬＬ', 0) ORDER BY id")),
                    () -> assertEquals(
                            List.of(1L, 3L), column(sql, "SELECT id FROM r WHERE (b, id) > (0, 0) ORDER BY id")),
                    () -> assertEquals(
                            List.of(1L), column(sql, "SELECT id FROM r WHERE (b, id) <= (1, 1) ORDER BY id")),
                    () -> assertEquals(List.of(3L), column(sql, "SELECT id FROM r WHERE (b, a, id) >= (3, 'a', 3)")),
                    () -> assertEquals(
                            java.util.Arrays.asList(true, null, true),
                            column(sql, "SELECT (b, id) > (0, 0) FROM r ORDER BY id")));
        }
    }

    /** An aggregate's WITHIN GROUP order is code point order too; DOW counts Sunday as 0. */
    @Test
    void orderedAggregatesAndDayOfWeekFollowPostgres() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE w (id BIGINT PRIMARY KEY, s VARCHAR, d DATE)");
            sql.execute(
                    "INSERT INTO w VALUES (1, '😀', DATE '2024-01-07'), (2, 'ＦＵＬＬ', DATE '2024-01-13'), (3, 'a', NULL)");
            assertAll(
                    () -> assertEquals(
                            List.of("a,ＦＵＬＬ,😀"),
                            column(sql, "SELECT LISTAGG(s, ',') WITHIN GROUP (ORDER BY s) FROM w")),
                    () -> assertEquals(
                            List.of("😀,ＦＵＬＬ,a"),
                            column(sql, "SELECT LISTAGG(s, ',') WITHIN GROUP (ORDER BY s DESC) FROM w")),
                    () -> assertEquals(
                            java.util.Arrays.asList(0L, 6L, null),
                            column(sql, "SELECT EXTRACT(DOW FROM d) FROM w ORDER BY id")),
                    () -> assertEquals(List.of(7L), column(sql, "SELECT EXTRACT(ISODOW FROM d) FROM w WHERE id = 1")));
        }
    }

    /** Every integer width and the floating types raise 22003 on overflow (PostgreSQL does). */
    @Test
    void overflowRaises22003ForEveryNumericType() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE n (id BIGINT PRIMARY KEY, ti TINYINT, si SMALLINT, bi BIGINT, r REAL, d DOUBLE)");
            sql.execute(
                    "INSERT INTO n VALUES (1, -128, -32768, 9223372036854775807, CAST(3.4028235E38 AS REAL), 1.7976931348623157E308)");
            assertAll(
                    () -> assertState("22003", sql, "SELECT ti + ti FROM n"),
                    () -> assertState("22003", sql, "SELECT si * si FROM n"),
                    () -> assertState("22003", sql, "SELECT bi * 2 FROM n"),
                    () -> assertState("22003", sql, "SELECT r * 2 FROM n"),
                    () -> assertState("22003", sql, "SELECT d * 2 FROM n"),
                    () -> assertState("22003", sql, "SELECT CAST(d AS REAL) FROM n"));
        }
    }

    /** SUM widens (PostgreSQL: bigint for small integers, numeric for numeric); VAR/STDDEV are fractional. */
    @Test
    void aggregatesWidenTheirResultType() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE w (id BIGINT PRIMARY KEY, ti TINYINT, m DECIMAL(10, 2), g INTEGER)");
            sql.execute("INSERT INTO w VALUES (1, 100, 99999999.99, 1), (2, 100, 99999999.99, 1), (3, 1, 1.00, 2)");
            assertAll(
                    () -> assertEquals(List.of(201L), column(sql, "SELECT SUM(ti) FROM w")),
                    () -> assertEquals(List.of(new BigDecimal("200000000.98")), column(sql, "SELECT SUM(m) FROM w")),
                    () -> assertEquals(
                            66666666.99,
                            ((Number) column(sql, "SELECT AVG(m) FROM w").getFirst()).doubleValue(),
                            0.01),
                    () -> assertEquals(
                            0.2222222,
                            ((Number) column(sql, "SELECT VAR_POP(g) FROM w").getFirst()).doubleValue(),
                            1e-6),
                    () -> assertEquals(
                            0.5773503,
                            ((Number) column(sql, "SELECT STDDEV_SAMP(g) FROM w")
                                            .getFirst())
                                    .doubleValue(),
                            1e-6));
        }
    }

    /** A BIGINT compares with any numeric literal by value, whatever its magnitude. */
    @Test
    void bigintComparesWithFractionalLiteralsByValue() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE c (id BIGINT PRIMARY KEY, bi BIGINT, r REAL)");
            sql.execute(
                    "INSERT INTO c VALUES (1, 9223372036854775807, CAST(-3.4028235E38 AS REAL)), (2, 1, CAST(1.5 AS REAL))");
            assertAll(
                    () -> assertEquals(List.of(1L, 2L), column(sql, "SELECT id FROM c WHERE bi <> 1.5 ORDER BY id")),
                    () -> assertEquals(List.of(), column(sql, "SELECT id FROM c WHERE bi > 9223372036854775807.5")),
                    () -> assertEquals(
                            List.of(1L), column(sql, "SELECT id FROM c WHERE r = CAST(-3.4028235E38 AS REAL)")));
        }
    }

    /** CAST of REAL/DOUBLE to INTEGER rounds (PostgreSQL: to nearest, ties to even); VARCHAR(n) counts code points. */
    @Test
    void castsRoundAndCountCodePoints() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE f (id BIGINT PRIMARY KEY, r REAL, d DOUBLE, s VARCHAR)");
            sql.execute("INSERT INTO f VALUES (1, CAST(50.625 AS REAL), -7.75E0, '𝔸𝔸')");
            assertAll(
                    () -> assertEquals(
                            List.of(List.of(51L, -8L)),
                            query(sql, "SELECT CAST(r AS INTEGER), CAST(d AS INTEGER) FROM f")),
                    () -> assertEquals(
                            List.of(List.of(4L, 2L, -8L)),
                            query(
                                    sql,
                                    "SELECT CAST(3.5E0 AS INTEGER), CAST(2.5E0 AS INTEGER), CAST(-7.75E0 AS BIGINT)")),
                    () -> assertEquals(List.of("𝔸"), column(sql, "SELECT CAST(s AS VARCHAR(1)) FROM f")),
                    () -> assertEquals(List.of("𝔸"), column(sql, "SELECT SUBSTRING(s FROM 2) FROM f")));
        }
    }

    /** Literal rows inserted convert as CAST does: floats round ties to even, and overflow raises. */
    @Test
    void insertedFloatLiteralsConvertAsCastsDo() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE l (id BIGINT PRIMARY KEY, i INTEGER, r REAL)");
            sql.execute("INSERT INTO l (id, i) VALUES (1, 2.5E0), (2, -3.5E0), (3, 2.5)");
            assertEquals(List.of(2L, -4L, 3L), column(sql, "SELECT i FROM l ORDER BY id"));
            assertState("22003", sql, "INSERT INTO l (id, r) VALUES (4, 1e40)");
            assertEquals(List.of(3L), column(sql, "SELECT count(*) FROM l"));
        }
    }

    /** A date parameter where a string is expected is the date's text, not Calcite's day number. */
    @Test
    void dateParametersReadAsTextWhereTextIsExpected() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            assertEquals(List.of("2020-10-02"), column(sql, "SELECT CAST(? AS VARCHAR)", LocalDate.of(2020, 10, 2)));
            assertEquals(
                    List.of("2020-10-02 18:43:47.839"),
                    column(
                            sql,
                            "SELECT CAST(? AS VARCHAR)",
                            java.time.LocalDateTime.of(2020, 10, 2, 18, 43, 47, 839_000_000)));
        }
    }

    /** Strings of different lengths brought together are VARCHAR, never blank-padded CHAR. */
    @Test
    void raggedStringsAreNotPadded() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE p (id BIGINT PRIMARY KEY, s VARCHAR)");
            sql.execute("INSERT INTO p VALUES (1, '😀'), (3, 'a')");
            assertAll(
                    () -> assertEquals(
                            List.of(1L, 3L),
                            column(sql, "SELECT id FROM p WHERE s IN (VALUES ('😀'), ('a')) ORDER BY id")),
                    () -> assertEquals(
                            List.of(3L),
                            column(sql, "SELECT id FROM p WHERE s = CASE WHEN id > 0 THEN 'a' ELSE 'abc' END")),
                    () -> assertEquals(
                            List.of("abd"),
                            column(sql, "SELECT 'a' || CASE WHEN 1 = 1 THEN 'b' ELSE 'ccc' END || 'd'")));
        }
    }

    /** Casts of constants answer as casts of columns do: Calcite folds constants before Quiver's casts apply. */
    @Test
    void castsOfConstantsMatchCastsOfColumns() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            assertEquals(
                    List.of(List.of("2020-10-02 18:43:47.839", "0.5", "-0.01", "𝔸")),
                    query(
                            sql,
                            "SELECT CAST(TIMESTAMP '2020-10-02 18:43:47.839' AS VARCHAR), CAST(0.5 AS VARCHAR),"
                                    + " CAST(-0.01 AS VARCHAR), CAST('𝔸𝔸' AS VARCHAR(1))"));
            assertState("22003", sql, "SELECT CAST(1e300 AS REAL)");
        }
    }
}

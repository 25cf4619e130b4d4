package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.assertSqlError;
import static io.quiver.sql.SqlTestSupport.column;
import static io.quiver.sql.SqlTestSupport.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation on TIMESTAMPs that reads inside the value, computed on microseconds (Calcite's
 * own code reads milliseconds): casts, EXTRACT, interval arithmetic, TIMESTAMPADD and
 * TIMESTAMPDIFF, FLOOR and CEIL, the clock; on table values (run by the generated code) and on
 * constants (folded while planning), before 1970, where flooring and truncating differ. What is
 * not converted yet is refused with SQLSTATE 0A000, never answered wrongly.
 */
class SqlTimestampFunctionsTest {
    private static final LocalDateTime BEFORE_1970 = LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000);
    private static final LocalDateTime YEAR_ONE = LocalDateTime.of(1, 1, 1, 0, 0, 0, 1_000);
    private static final LocalDateTime LEAP = LocalDateTime.of(2024, 1, 31, 10, 0, 0, 500_000);

    @TempDir
    Path dir;

    /** t (id, ts) with the three timestamps above at ids 1, 2, 3. */
    private QuiverSql open() throws SQLException {
        QuiverSql sql = QuiverSql.open(dir);
        sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, ts TIMESTAMP)");
        sql.execute("INSERT INTO t VALUES (?, ?), (?, ?), (?, ?)", 1L, BEFORE_1970, 2L, YEAR_ONE, 3L, LEAP);
        return sql;
    }

    /** The value of {@code expression} over {@code ts} for each row, and the same over a constant (folded while planning). */
    private static List<Object> each(QuiverSql sql, String expression) throws SQLException {
        List<Object> rows = column(sql, "SELECT " + expression + " FROM t ORDER BY id");
        List<Object> constants = List.of(
                column(sql, "SELECT " + expression.replace("ts", "TIMESTAMP '1969-12-31 23:59:59.999999'"))
                        .getFirst(),
                column(sql, "SELECT " + expression.replace("ts", "TIMESTAMP '0001-01-01 00:00:00.000001'"))
                        .getFirst(),
                column(sql, "SELECT " + expression.replace("ts", "TIMESTAMP '2024-01-31 10:00:00.0005'"))
                        .getFirst());
        assertEquals(rows, constants, expression + " on constants");
        return rows;
    }

    private static LocalDateTime at(String text) {
        return LocalDateTime.parse(text);
    }

    @Test
    void castsKeepOrRoundTheFraction() throws Exception {
        try (QuiverSql sql = open()) {
            assertEquals(
                    List.of("1969-12-31 23:59:59.999999", "0001-01-01 00:00:00.000001", "2024-01-31 10:00:00.0005"),
                    each(sql, "CAST(ts AS VARCHAR)"));
            assertEquals(List.of("1969-12-31", "0001-01-01", "2024-01-31"), each(sql, "CAST(ts AS VARCHAR(10))"));
            assertEquals(
                    List.of(LocalDate.of(1969, 12, 31), LocalDate.of(1, 1, 1), LocalDate.of(2024, 1, 31)),
                    each(sql, "CAST(ts AS DATE)"),
                    "the day is floored: 1969-12-31, not 1970-01-01");
            assertEquals(
                    List.of(at("1970-01-01T00:00"), at("0001-01-01T00:00"), at("2024-01-31T10:00:00.001")),
                    each(sql, "CAST(ts AS TIMESTAMP(3))"),
                    "fewer digits round half up");
            assertEquals(
                    List.of(at("1970-01-01T00:00"), at("0001-01-01T00:00"), at("2024-01-31T10:00")),
                    each(sql, "CAST(ts AS TIMESTAMP(0))"));
            assertEquals(
                    List.of("23:59:59", "00:00", "10:00"),
                    each(sql, "CAST(ts AS TIME)").stream()
                            .map(t -> ((java.sql.Time) t).toLocalTime().toString())
                            .toList());
            assertEquals(List.of(BEFORE_1970, YEAR_ONE, LEAP), each(sql, "CAST(CAST(ts AS VARCHAR) AS TIMESTAMP)"));
            assertEquals(
                    List.of(
                            "1969-12-31 23:59:59.999999+00",
                            "0001-01-01 00:00:00.000001+00",
                            "2024-01-31 10:00:00.0005+00"),
                    each(sql, "CAST(CAST(ts AS TIMESTAMP WITH LOCAL TIME ZONE) AS VARCHAR)"));
            assertEquals(
                    List.of(at("2020-01-01T10:00:00.123457"), at("2020-01-01T10:00"), at("1969-12-31T00:00")),
                    List.of(
                            column(sql, "SELECT CAST('2020-01-01 10:00:00.1234565' AS TIMESTAMP)")
                                    .getFirst(),
                            column(sql, "SELECT CAST('2020-01-01T10:00' AS TIMESTAMP)")
                                    .getFirst(),
                            column(sql, "SELECT CAST(DATE '1969-12-31' AS TIMESTAMP)")
                                    .getFirst()));
            assertEquals(
                    "22007",
                    assertSqlError(
                                    SQLDataException.class,
                                    "TIMESTAMP",
                                    () -> column(sql, "SELECT CAST('yesterday' AS TIMESTAMP)"))
                            .getSQLState());
            assertEquals(
                    "22008",
                    assertSqlError(
                                    SQLDataException.class,
                                    "out of range",
                                    () -> column(
                                            sql, "SELECT CAST(s AS TIMESTAMP) FROM (VALUES ('2024-13-01')) AS v(s)"))
                            .getSQLState());
        }
    }

    @Test
    void extractFloorsEveryField() throws Exception {
        try (QuiverSql sql = open()) {
            assertEquals(List.of(1969L, 1L, 2024L), each(sql, "EXTRACT(YEAR FROM ts)"));
            assertEquals(List.of(12L, 1L, 1L), each(sql, "EXTRACT(MONTH FROM ts)"));
            assertEquals(List.of(4L, 1L, 1L), each(sql, "EXTRACT(QUARTER FROM ts)"));
            assertEquals(List.of(31L, 1L, 31L), each(sql, "EXTRACT(DAY FROM ts)"));
            assertEquals(List.of(365L, 1L, 31L), each(sql, "EXTRACT(DOY FROM ts)"));
            assertEquals(List.of(3L, 1L, 3L), each(sql, "EXTRACT(DOW FROM ts)"), "Wednesday, Monday, Wednesday");
            assertEquals(List.of(23L, 0L, 10L), each(sql, "EXTRACT(HOUR FROM ts)"));
            assertEquals(List.of(59L, 0L, 0L), each(sql, "EXTRACT(MINUTE FROM ts)"));
            assertEquals(List.of(59L, 0L, 0L), each(sql, "EXTRACT(SECOND FROM ts)"));
            assertEquals(List.of(59_999L, 0L, 0L), each(sql, "EXTRACT(MILLISECOND FROM ts)"));
            assertEquals(List.of(59_999_999L, 1L, 500L), each(sql, "EXTRACT(MICROSECOND FROM ts)"));
            assertEquals(
                    List.of(-1L, -62_135_596_800L, 1_706_695_200L),
                    each(sql, "EXTRACT(EPOCH FROM ts)"),
                    "whole seconds, floored");
        }
    }

    @Test
    void arithmeticCountsMicroseconds() throws Exception {
        try (QuiverSql sql = open()) {
            assertEquals(
                    List.of(at("1970-01-01T00:00"), at("0001-01-01T00:00:00.000002"), at("2024-01-31T10:00:00.000501")),
                    each(sql, "ts + INTERVAL '0.000001' SECOND"));
            assertEquals(
                    List.of(at("1970-01-01T01:30"), at("0001-01-01T01:30:00.000002"), at("2024-01-31T11:30:00.000501")),
                    each(sql, "INTERVAL '1:30:00.000001' HOUR TO SECOND + ts"));
            assertEquals(
                    List.of(at("1969-12-31T22:29:59.999998"), at("2024-01-31T08:30:00.000499")),
                    column(
                            sql,
                            "SELECT ts - INTERVAL '1:30:00.000001' HOUR TO SECOND FROM t WHERE id <> 2 ORDER BY id"));
            assertEquals(
                    List.of(
                            at("1970-01-31T23:59:59.999999"),
                            at("0001-02-01T00:00:00.000001"),
                            at("2024-02-29T10:00:00.0005")),
                    each(sql, "ts + INTERVAL '1' MONTH"),
                    "the last day of a shorter month");
            assertEquals(
                    List.of(at("0001-01-01T23:00:00.000001"), at("1969-12-31T22:59:59.999999")),
                    column(
                            sql,
                            "SELECT ts - INTERVAL '1' HOUR FROM t WHERE id = 1 UNION ALL"
                                    + " SELECT ts + INTERVAL '23' HOUR FROM t WHERE id = 2 ORDER BY 1"));
            assertEquals(
                    List.of(at("1970-01-01T00:00"), at("0001-01-01T00:00:00.000002"), at("2024-01-31T10:00:00.000501")),
                    each(sql, "TIMESTAMPADD(MICROSECOND, 1, ts)"));
            assertEquals(
                    List.of(at("1970-01-01T00:00"), at("0001-01-01T00:00:00.000002"), at("2024-01-31T10:00:00.000501")),
                    each(sql, "TIMESTAMPADD(NANOSECOND, 1999, ts)"),
                    "whole microseconds of nanoseconds, floored");
            assertEquals(
                    List.of(
                            at("1970-02-28T23:59:59.999999"),
                            at("0001-03-01T00:00:00.000001"),
                            at("2024-03-31T10:00:00.0005")),
                    each(sql, "TIMESTAMPADD(MONTH, 2, ts)"));
            assertEquals(
                    List.of(1L, 1L, 1L), each(sql, "TIMESTAMPDIFF(MICROSECOND, ts, ts + INTERVAL '0.000001' SECOND)"));
            assertEquals(
                    List.of(List.of(0L, -1L, 1000L, 1_000_000L)),
                    query(
                            sql,
                            "SELECT TIMESTAMPDIFF(SECOND, TIMESTAMP '1969-12-31 23:59:59.5', TIMESTAMP '1970-01-01 00:00:00.4'),"
                                    + " TIMESTAMPDIFF(MONTH, TIMESTAMP '2024-02-01 12:00:00', TIMESTAMP '2024-01-01 10:00:00'),"
                                    + " TIMESTAMPDIFF(NANOSECOND, TIMESTAMP '1969-12-31 23:59:59.999999', TIMESTAMP '1970-01-01 00:00:00'),"
                                    + " TIMESTAMPDIFF(MICROSECOND, TIMESTAMP '1969-12-31 23:59:59.5', TIMESTAMP '1970-01-01 00:00:00.5')"),
                    "counted toward zero; a month back from Feb 1 noon is -1, not -2");
            assertEquals(
                    "22003",
                    assertSqlError(
                                    SQLDataException.class,
                                    "out of range",
                                    () -> column(
                                            sql,
                                            "SELECT TIMESTAMPDIFF(MICROSECOND, TIMESTAMP '0001-01-01 00:00:00', ts) FROM t"))
                            .getSQLState());
            assertEquals(
                    "22008",
                    assertSqlError(
                                    SQLDataException.class,
                                    "out of range",
                                    () -> column(
                                            sql,
                                            "SELECT TIMESTAMP '9999-12-31 23:59:59.999999' + INTERVAL '0.000001' SECOND"))
                            .getSQLState());
        }
    }

    @Test
    void differencesAreIntervalsWhenMillisecondsHoldThem() throws Exception {
        try (QuiverSql sql = open()) {
            assertEquals(
                    List.of(true),
                    column(
                            sql,
                            "SELECT (ts - TIMESTAMP '1969-12-31 23:59:58.499999') SECOND = INTERVAL '1.5' SECOND"
                                    + " FROM t WHERE id = 1"));
            assertEquals(
                    List.of(true),
                    column(
                            sql,
                            "SELECT (TIMESTAMP '2024-03-31 10:00:00' - ts) MONTH = INTERVAL '1' MONTH FROM t WHERE id = 3"),
                    "Jan 31 10:00:00.0005 to Mar 31 10:00:00 is one whole month, half a millisecond short of two");
            SQLException e = assertSqlError(
                    SQLFeatureNotSupportedException.class,
                    "fraction of a millisecond",
                    () -> column(sql, "SELECT (ts - TIMESTAMP '2000-01-01 00:00:00') SECOND FROM t WHERE id = 3"));
            assertEquals("0A000", e.getSQLState());
        }
    }

    @Test
    void floorAndCeilOnMicroseconds() throws Exception {
        try (QuiverSql sql = open()) {
            assertEquals(
                    List.of(at("1969-12-31T23:59:59"), at("0001-01-01T00:00"), at("2024-01-31T10:00")),
                    each(sql, "FLOOR(ts TO SECOND)"));
            assertEquals(
                    List.of(at("1969-12-31T23:59:59.999"), at("0001-01-01T00:00"), at("2024-01-31T10:00")),
                    each(sql, "FLOOR(ts TO MILLISECOND)"));
            assertEquals(
                    List.of(at("1970-01-01T00:00"), at("0001-01-01T00:00:01"), at("2024-01-31T10:00:01")),
                    each(sql, "CEIL(ts TO SECOND)"));
            assertEquals(
                    List.of(at("1969-12-01T00:00"), at("0001-01-01T00:00"), at("2024-01-01T00:00")),
                    each(sql, "FLOOR(ts TO MONTH)"));
            assertEquals(
                    List.of(at("1970-01-01T00:00"), at("0001-02-01T00:00"), at("2024-02-01T00:00")),
                    each(sql, "CEIL(ts TO MONTH)"));
        }
    }

    @Test
    void theClockIsOneInstantPerStatement() throws Exception {
        try (QuiverSql sql = open()) {
            List<Object> row = query(
                            sql, "SELECT CURRENT_TIMESTAMP, LOCALTIMESTAMP, CURRENT_TIMESTAMP = CURRENT_TIMESTAMP")
                    .getFirst();
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
            LocalDateTime clock = (LocalDateTime) row.get(0);
            assertTrue(Duration.between(clock, now).abs().getSeconds() < 60, clock + " is not now, " + now);
            assertEquals(clock, row.get(1), "the session's zone is UTC");
            assertEquals(true, row.get(2));
            assertEquals(
                    List.of(3L),
                    column(sql, "SELECT COUNT(*) FROM t WHERE ts < CURRENT_TIMESTAMP AND ts < LOCALTIMESTAMP"));
        }
    }

    @Test
    void byValueTimestampsMoveAndCompareWhole() throws Exception {
        try (QuiverSql sql = open()) {
            sql.execute(
                    "INSERT INTO t VALUES (4, TIMESTAMP '1970-01-01 00:00:00'), (5, TIMESTAMP '1970-01-01 00:00:00.000001')");
            assertEquals(
                    List.of(List.of(YEAR_ONE, LEAP, 5L)),
                    query(sql, "SELECT MIN(ts), MAX(ts), COUNT(DISTINCT ts) FROM t"));
            assertEquals(
                    List.of(1L, 1L, 1L, 1L, 1L),
                    column(sql, "SELECT COUNT(*) FROM t GROUP BY ts ORDER BY ts"),
                    "a microsecond apart is another group");
            assertEquals(List.of(2L, 1L, 4L, 5L, 3L), column(sql, "SELECT id FROM t ORDER BY ts"));
            assertEquals(
                    List.of(YEAR_ONE, BEFORE_1970, at("1970-01-01T00:00"), at("1970-01-01T00:00:00.000001")),
                    column(sql, "SELECT LAG(ts) OVER (ORDER BY ts) FROM t ORDER BY ts")
                            .subList(1, 5));
            assertEquals(
                    List.of(at("1970-01-01T00:00"), at("1970-01-01T00:00:00.000001")),
                    column(
                            sql,
                            "SELECT ts FROM t WHERE id IN (4, 5) UNION SELECT TIMESTAMP '1970-01-01 00:00:00'"
                                    + " ORDER BY 1"));
            assertEquals(
                    List.of(4L, 5L),
                    column(
                            sql,
                            "SELECT a.id FROM t a JOIN t b ON a.ts = b.ts + INTERVAL '0.000001' SECOND ORDER BY 1"));
            assertEquals(List.of(3L), column(sql, "SELECT id FROM t WHERE ts IN (SELECT MAX(ts) FROM t)"));
            assertEquals(
                    List.of(BEFORE_1970),
                    column(
                            sql,
                            "SELECT COALESCE(CASE WHEN id = 1 THEN ts END, TIMESTAMP '2000-01-01 00:00:00') FROM t"
                                    + " WHERE id = 1"));
        }
    }

    @Test
    void whatIsNotConvertedYetIsRefusedNeverWrong() throws Exception {
        try (QuiverSql sql = open()) {
            for (String refused : List.of(
                    "SELECT JSON_OBJECT('at' VALUE ts) FROM t",
                    "SELECT ARRAY[ts] FROM t",
                    "SELECT CAST(ts AS BIGINT) FROM t",
                    "SELECT COUNT(*) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) FROM t")) {
                SQLException e = assertSqlError(
                        SQLFeatureNotSupportedException.class,
                        "on TIMESTAMP is not supported yet",
                        () -> column(sql, refused));
                assertEquals("0A000", e.getSQLState(), refused);
            }
            assertEquals(
                    List.of(3L),
                    column(sql, "SELECT COUNT(*) OVER (ORDER BY ts ROWS 2 PRECEDING) FROM t ORDER BY ts DESC LIMIT 1"));
        }
    }
}

package io.quiver.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DATE and TIMESTAMP values read back as they were written whatever the JVM's time zone (a Tokyo
 * JVM read TIMESTAMPs nine hours off), through parameters, literals and INSERT ... SELECT, before
 * 1582 too.
 */
class SqlTimeZonesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Asia/Tokyo", "America/New_York", "Pacific/Kiritimati"})
    void datesAndTimestampsReadBackInEveryZone(String zone) throws Exception {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, dt DATE, ts TIMESTAMP)");
            List<LocalDate> days =
                    List.of(LocalDate.of(2020, 10, 4), LocalDate.of(1582, 10, 4), LocalDate.of(1000, 3, 1));
            List<LocalDateTime> times = List.of(
                    LocalDateTime.of(2020, 1, 1, 0, 0, 0, 123_000_000),
                    LocalDateTime.of(1582, 10, 4, 12, 0),
                    LocalDateTime.of(1000, 3, 1, 23, 59, 59));
            for (int i = 0; i < days.size(); i++) {
                sql.execute("INSERT INTO t VALUES (?, ?, ?)", (long) i, days.get(i), times.get(i));
                sql.execute("INSERT INTO t VALUES (" + (i + 10) + ", DATE '" + days.get(i) + "', TIMESTAMP '"
                        + times.get(i).toLocalDate() + " " + times.get(i).toLocalTime() + "')");
            }
            sql.execute("INSERT INTO t SELECT id + 100, dt, ts FROM t");
            List<LocalDate> expectedDays = new ArrayList<>();
            List<LocalDateTime> expectedTimes = new ArrayList<>();
            for (int copy = 0; copy < 4; copy++) {
                expectedDays.addAll(days);
                expectedTimes.addAll(times);
            }
            List<LocalDate> readDays = new ArrayList<>();
            List<LocalDateTime> readTimes = new ArrayList<>();
            try (ResultSet rs = sql.execute("SELECT dt, ts FROM t ORDER BY id").rows()) {
                while (rs.next()) {
                    readDays.add(rs.getDate(1).toLocalDate());
                    readTimes.add(((java.sql.Timestamp) rs.getObject(2)).toLocalDateTime());
                }
            }
            assertEquals(expectedDays, readDays, zone);
            assertEquals(expectedTimes, readTimes, zone);
            assertEquals(
                    List.of(4L),
                    SqlTestSupport.column(
                            sql, "SELECT count(*) FROM t WHERE ts = ? AND dt = ?", times.get(1), days.get(1)),
                    zone);
        } finally {
            TimeZone.setDefault(before);
        }
    }
}

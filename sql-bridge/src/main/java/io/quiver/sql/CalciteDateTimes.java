package io.quiver.sql;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * DATE and TIMESTAMP results across Calcite's JDBC boundary. Calcite holds them as days and
 * milliseconds of the proleptic Gregorian calendar (what the engine stores); Avatica's own
 * java.sql values shift by the JVM's zone and, before 1582-10-15, by the Julian calendar (a
 * TIMESTAMP read in Tokyo came back nine hours off). Users read a java.sql value's fields in the
 * JVM's zone (toString, toLocalDateTime), so results are made from Calcite's numbers with those
 * fields. (Parameters go in as those numbers too: {@link Parameters}.)
 */
final class CalciteDateTimes {
    private CalciteDateTimes() {}

    /**
     * Column {@code column} of the current row, a DATE or TIMESTAMP, as users read it: a java.sql
     * value whose fields in the JVM's zone are the value's. java.sql values count days in the
     * Julian calendar before 1582-10-15 and cannot hold 1582-10-05..14 (they become ten days
     * later); {@link #javaTime} holds every date.
     */
    static Object forUser(ResultSet rows, int column, int sqlType) throws SQLException {
        Object value = javaTime(rows, column, sqlType);
        return switch (value) {
            case null -> null;
            case LocalDate date -> Date.valueOf(date);
            default -> Timestamp.valueOf((LocalDateTime) value);
        };
    }

    /**
     * The column as {@code getObject(column, LocalDate.class)} or {@code LocalDateTime.class}
     * gives it, from the number Calcite holds, which Avatica hands out unconverted through getLong.
     */
    static Object javaTime(ResultSet rows, int column, int sqlType) throws SQLException {
        long raw = rows.getLong(column);
        if (rows.wasNull()) {
            return null;
        }
        if (sqlType == Types.DATE) {
            return LocalDate.ofEpochDay(raw);
        }
        return LocalDateTime.ofEpochSecond(
                Math.floorDiv(raw, 1000), Math.floorMod(raw, 1000) * 1_000_000, ZoneOffset.UTC);
    }
}

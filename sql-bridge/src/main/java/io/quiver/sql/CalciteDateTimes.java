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
     * value whose fields in the JVM's zone are the value's. Read as the number Calcite holds, which
     * Avatica hands out unconverted through getLong.
     */
    static Object forUser(ResultSet rows, int column, int sqlType) throws SQLException {
        long raw = rows.getLong(column);
        if (rows.wasNull()) {
            return null;
        }
        if (sqlType == Types.DATE) {
            return Date.valueOf(LocalDate.ofEpochDay(raw));
        }
        return Timestamp.valueOf(LocalDateTime.ofEpochSecond(
                Math.floorDiv(raw, 1000), Math.floorMod(raw, 1000) * 1_000_000, ZoneOffset.UTC));
    }
}

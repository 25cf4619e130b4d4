package io.quiver.sql.exec;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Values of a JDBC result as they are, dates and timestamps as java.time values (JDBC 4.2's
 * {@code getObject(column, LocalDate.class)}): a java.sql.Date counts days in the Julian calendar
 * before 1582-10-15 and cannot hold 1582-10-05..14, which it turns into ten days later.
 */
public final class ResultValues {
    private ResultValues() {}

    /** Column {@code column} (1-based) of the current row; a DATE is a LocalDate, a TIMESTAMP a LocalDateTime. */
    public static Object read(ResultSet rows, int column) throws SQLException {
        Object value = rows.getObject(column);
        try {
            return switch (value) {
                case java.sql.Date d -> rows.getObject(column, LocalDate.class);
                case Timestamp t -> rows.getObject(column, LocalDateTime.class);
                case null, default -> value;
            };
        } catch (SQLException e) {
            // A driver without JDBC 4.2's conversions (Avatica's own result sets): the java.sql value's fields.
            return value instanceof Timestamp t ? t.toLocalDateTime() : ((java.sql.Date) value).toLocalDate();
        }
    }
}

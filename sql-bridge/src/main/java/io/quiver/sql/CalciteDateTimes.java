package io.quiver.sql;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.GregorianCalendar;
import java.util.TimeZone;

/**
 * DATE and TIMESTAMP values across Calcite's JDBC boundary. Calcite holds them as days and
 * milliseconds of the proleptic Gregorian calendar (what the engine stores); Avatica turns them
 * into java.sql values and back through java.util calendars in UTC, the session's zone (Julian
 * before 1582-10-15). Users read a
 * java.sql value's fields in the JVM's zone (toString, toLocalDateTime), so without these
 * conversions a TIMESTAMP read in Tokyo came back nine hours late and one before 1582 days off.
 */
final class CalciteDateTimes {
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private CalciteDateTimes() {}

    /** A TIMESTAMP parameter as Avatica must be handed it to hold {@code t}: those fields in UTC. */
    static Timestamp parameter(LocalDateTime t) {
        GregorianCalendar fields = utcFields(t.toLocalDate());
        fields.set(GregorianCalendar.HOUR_OF_DAY, t.getHour());
        fields.set(GregorianCalendar.MINUTE, t.getMinute());
        fields.set(GregorianCalendar.SECOND, t.getSecond());
        Timestamp ts = new Timestamp(fields.getTimeInMillis());
        ts.setNanos(t.getNano());
        return ts;
    }

    /** A DATE parameter as Avatica must be handed it to hold {@code d}: those fields in UTC. */
    static Date parameter(LocalDate d) {
        return new Date(utcFields(d).getTimeInMillis());
    }

    private static GregorianCalendar utcFields(LocalDate d) {
        GregorianCalendar fields = new GregorianCalendar(UTC);
        fields.clear();
        if (d.getYear() <= 0) {
            fields.set(GregorianCalendar.ERA, GregorianCalendar.BC);
        }
        fields.set(GregorianCalendar.YEAR, d.getYear() <= 0 ? 1 - d.getYear() : d.getYear());
        fields.set(GregorianCalendar.MONTH, d.getMonthValue() - 1);
        fields.set(GregorianCalendar.DAY_OF_MONTH, d.getDayOfMonth());
        return fields;
    }

    private static int year(GregorianCalendar fields) {
        int year = fields.get(GregorianCalendar.YEAR);
        return fields.get(GregorianCalendar.ERA) == GregorianCalendar.BC ? 1 - year : year;
    }

    /** The wall-clock time a TIMESTAMP Avatica returned holds. */
    static LocalDateTime value(Timestamp calcite) {
        GregorianCalendar fields = new GregorianCalendar(UTC);
        fields.setTime(calcite);
        return LocalDateTime.of(
                year(fields),
                fields.get(GregorianCalendar.MONTH) + 1,
                fields.get(GregorianCalendar.DAY_OF_MONTH),
                fields.get(GregorianCalendar.HOUR_OF_DAY),
                fields.get(GregorianCalendar.MINUTE),
                fields.get(GregorianCalendar.SECOND),
                calcite.getNanos());
    }

    /** The day a DATE Avatica returned holds. */
    static LocalDate value(Date calcite) {
        GregorianCalendar fields = new GregorianCalendar(UTC);
        fields.setTime(calcite);
        return LocalDate.of(
                year(fields), fields.get(GregorianCalendar.MONTH) + 1, fields.get(GregorianCalendar.DAY_OF_MONTH));
    }

    /** A TIMESTAMP for the user: its fields in the JVM's zone are the value's. */
    static Timestamp forUser(Timestamp calcite) {
        return Timestamp.valueOf(value(calcite));
    }

    /** A DATE for the user: its fields in the JVM's zone are the value's. */
    static Date forUser(Date calcite) {
        return Date.valueOf(value(calcite));
    }
}

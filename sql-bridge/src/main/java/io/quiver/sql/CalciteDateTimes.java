package io.quiver.sql;

import io.quiver.sql.exec.MicrosTimestamps;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Set;

/**
 * DATE and TIMESTAMP results across Calcite's JDBC boundary. Calcite holds a DATE as days of the
 * proleptic Gregorian calendar and Quiver's plans hold a TIMESTAMP as microseconds (what the
 * engine stores; a TIMESTAMP WITH TIME ZONE of its instant, the session's zone being UTC), and
 * Avatica hands those numbers out unconverted through getLong. Its own conversions would read a
 * TIMESTAMP as milliseconds, shift it by the JVM's zone and, before 1582-10-15, by the Julian
 * calendar; so every accessor of such a column is answered here, from the number: a java.sql
 * value whose fields in the JVM's zone are the value's (a TIMESTAMP WITH TIME ZONE: of its
 * instant), java.time values through {@code getObject(column, type)}, text as {@code CAST(...
 * AS VARCHAR)} gives it. Numeric getters of a TIMESTAMP are refused rather than hand out the raw
 * number. (Parameters go in as those numbers too: {@link Parameters}.)
 */
final class CalciteDateTimes {
    /** What a column holds, for the accessors here. */
    enum Kind {
        DATE,
        TIMESTAMP,
        /** TIMESTAMP WITH TIME ZONE (Calcite's TIMESTAMP WITH LOCAL TIME ZONE): an instant. */
        INSTANT,
        OTHER
    }

    /** An accessor this class does not answer: the call goes to Calcite's result set. */
    static final Object NOT_HANDLED = new Object();

    private static final Set<String> NUMERIC_GETTERS =
            Set.of("getLong", "getInt", "getShort", "getByte", "getDouble", "getFloat", "getBigDecimal");

    private CalciteDateTimes() {}

    /** The kind of a column from its metadata's type name (TIMESTAMP WITH TIME ZONE shares TIMESTAMP's JDBC type). */
    static Kind kind(int sqlType, String typeName) {
        if (sqlType == java.sql.Types.DATE) {
            return Kind.DATE;
        }
        if (sqlType == java.sql.Types.TIMESTAMP || sqlType == java.sql.Types.TIMESTAMP_WITH_TIMEZONE) {
            return String.valueOf(typeName).startsWith("TIMESTAMP_WITH_LOCAL_TIME_ZONE")
                    ? Kind.INSTANT
                    : Kind.TIMESTAMP;
        }
        return Kind.OTHER;
    }

    /**
     * The answer of accessor {@code method} (with {@code args}, the first naming the column) for
     * column {@code column} of kind {@code kind}, or {@link #NOT_HANDLED}.
     */
    static Object access(ResultSet rows, int column, Kind kind, String method, Object[] args) throws SQLException {
        if (kind == Kind.DATE) {
            return date(rows, column, method, args);
        }
        if (NUMERIC_GETTERS.contains(method)) {
            throw new SQLDataException(
                    "column " + column + " is a TIMESTAMP, not a number: read it with getObject(" + column
                            + ", LocalDateTime.class) or getTimestamp",
                    "22018");
        }
        return switch (method) {
            case "getObject" ->
                args.length == 2 && args[1] instanceof Class<?> type
                        ? as(rows, column, kind, type)
                        : forUser(rows, column, kind);
            case "getTimestamp" -> timestamp(rows, column, kind, args.length == 2 ? (Calendar) args[1] : null);
            case "getDate" -> {
                LocalDateTime t = localDateTime(rows, column);
                yield t == null ? null : Date.valueOf(t.toLocalDate());
            }
            case "getTime" -> {
                LocalDateTime t = localDateTime(rows, column);
                yield t == null ? null : Time.valueOf(t.toLocalTime());
            }
            case "getString", "getNString" -> text(rows, column, kind);
            default -> NOT_HANDLED;
        };
    }

    /** DATE columns: their java.sql and java.time values from the day number; the rest is Calcite's. */
    private static Object date(ResultSet rows, int column, String method, Object[] args) throws SQLException {
        boolean asLocalDate = method.equals("getObject") && args.length == 2 && args[1] == LocalDate.class;
        boolean asSqlValue =
                method.equals("getDate") && args.length == 1 || method.equals("getObject") && args.length == 1;
        if (!asLocalDate && !asSqlValue) {
            return NOT_HANDLED;
        }
        long days = rows.getLong(column);
        if (rows.wasNull()) {
            return null;
        }
        LocalDate date = LocalDate.ofEpochDay(days);
        // A java.sql.Date counts days in the Julian calendar before 1582-10-15 and cannot hold
        // 1582-10-05..14 (they become ten days later); LocalDate holds every date.
        return asLocalDate ? date : Date.valueOf(date);
    }

    /** The column's microseconds, or null for NULL. */
    private static Long micros(ResultSet rows, int column) throws SQLException {
        long raw = rows.getLong(column);
        return rows.wasNull() ? null : raw;
    }

    /** The wall-clock time (a TIMESTAMP WITH TIME ZONE's: in UTC, the session's zone), or null. */
    private static LocalDateTime localDateTime(ResultSet rows, int column) throws SQLException {
        Long micros = micros(rows, column);
        return micros == null ? null : MicrosTimestamps.toLocalDateTime(micros);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    /**
     * The value as users read a java.sql one: a TIMESTAMP's fields in the JVM's zone are the
     * value's (a java.sql.Timestamp holds all six fractional digits), a TIMESTAMP WITH TIME ZONE
     * is its instant.
     */
    static Object forUser(ResultSet rows, int column, Kind kind) throws SQLException {
        return timestamp(rows, column, kind, null);
    }

    private static Timestamp timestamp(ResultSet rows, int column, Kind kind, Calendar calendar) throws SQLException {
        Long micros = micros(rows, column);
        if (micros == null) {
            return null;
        }
        if (kind == Kind.INSTANT) {
            return Timestamp.from(instant(micros));
        }
        LocalDateTime t = MicrosTimestamps.toLocalDateTime(micros);
        return calendar == null
                ? Timestamp.valueOf(t)
                : Timestamp.from(t.atZone(calendar.getTimeZone().toZoneId()).toInstant());
    }

    /** {@code CAST(column AS VARCHAR)}'s text: '2020-10-02 18:43:47.839' (WITH TIME ZONE: '... +00'). */
    private static String text(ResultSet rows, int column, Kind kind) throws SQLException {
        Long micros = micros(rows, column);
        return kind == Kind.INSTANT ? MicrosTimestamps.textWithZone(micros) : MicrosTimestamps.text(micros);
    }

    /** {@code getObject(column, type)} of a TIMESTAMP, in the java.time and java.sql types JDBC 4.2 names. */
    private static Object as(ResultSet rows, int column, Kind kind, Class<?> type) throws SQLException {
        Long micros = micros(rows, column);
        if (micros == null) {
            return null;
        }
        LocalDateTime t = MicrosTimestamps.toLocalDateTime(micros);
        Object value = switch (type.getName()) {
            case "java.time.LocalDateTime" -> t;
            case "java.time.LocalDate" -> t.toLocalDate();
            case "java.time.LocalTime" -> t.toLocalTime();
            case "java.time.Instant" -> instant(micros);
            case "java.time.OffsetDateTime" -> OffsetDateTime.of(t, ZoneOffset.UTC);
            case "java.time.ZonedDateTime" -> ZonedDateTime.of(t, ZoneOffset.UTC);
            case "java.sql.Timestamp", "java.util.Date", "java.lang.Object" -> forUser(rows, column, kind);
            case "java.lang.String" -> text(rows, column, kind);
            default -> null;
        };
        if (value == null) {
            throw new SQLDataException(
                    "column " + column + " is a TIMESTAMP, which cannot be read as " + type.getName(), "22018");
        }
        return value;
    }
}

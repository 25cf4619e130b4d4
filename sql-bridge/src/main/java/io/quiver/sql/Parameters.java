package io.quiver.sql;

import io.quiver.sql.exec.MicrosTimestamps;
import io.quiver.sql.schema.BlobValue;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds statement parameters to a Calcite statement, in the forms Quiver's plans take: a DATE as
 * its day number, a TIMESTAMP as its microseconds (see MicrosTimestamps; Avatica's own conversion
 * of a java.sql value makes milliseconds shifted by the JVM's zone).
 */
final class Parameters {
    private Parameters() {}

    static void bind(PreparedStatement statement, List<Object> params) throws SQLException {
        ParameterMetaData types = null;
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            if (isTemporal(value) || value instanceof String) {
                types = types == null ? statement.getParameterMetaData() : types;
                value = typed(value, types.getParameterType(i + 1), types.getParameterTypeName(i + 1));
            } else if (value instanceof byte[] bytes) {
                types = types == null ? statement.getParameterMetaData() : types;
                // A BLOB column's value (UPDATE ... SET blob = ?) is of the opaque Java type Calcite
                // plans BLOBs as (BlobValue), the only type Calcite reports to JDBC as OTHER.
                if (types.getParameterType(i + 1) == Types.OTHER) {
                    value = BlobValue.of(bytes);
                }
            }
            statement.setObject(i + 1, calciteValue(value));
        }
    }

    private static boolean isTemporal(Object value) {
        return value instanceof LocalDate
                || value instanceof LocalDateTime
                || value instanceof java.sql.Timestamp
                || value instanceof java.sql.Date
                || value instanceof Instant
                || value instanceof OffsetDateTime
                || value instanceof ZonedDateTime;
    }

    /**
     * A value for a parameter of {@code sqlType}. A TIMESTAMP takes any date or time as its
     * microseconds: a LocalDateTime or a java.sql.Timestamp's fields (as users read them, in the
     * JVM's zone) as the wall-clock time, an Instant or OffsetDateTime as its instant (a
     * TIMESTAMP's wall clock in UTC, the session's zone), text as {@code CAST(text AS TIMESTAMP)}
     * reads it; a TIMESTAMP WITH TIME ZONE takes a java.sql.Timestamp as its instant. A DATE takes
     * the date of a date or time; where a string is expected ({@code CAST(? AS VARCHAR)}) a date or
     * time is its text, as PostgreSQL reads an untyped date. Anything else is left as it is.
     */
    private static Object typed(Object value, int sqlType, String typeName) {
        boolean instant = String.valueOf(typeName).startsWith("TIMESTAMP_WITH_LOCAL_TIME_ZONE");
        return switch (sqlType) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
                switch (value) {
                    case String s -> instant ? MicrosTimestamps.parseWithZone(s) : MicrosTimestamps.parse(s);
                    case java.sql.Timestamp t when instant -> micros(t.toInstant());
                    default -> localDateTime(value) == null ? value : MicrosTimestamps.of(localDateTime(value));
                };
            case Types.DATE ->
                value instanceof String || localDateTime(value) == null
                        ? value
                        : localDateTime(value).toLocalDate();
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR -> text(value);
            default -> value;
        };
    }

    /** A date or time value's wall-clock time (an instant's in UTC), or null for another value. */
    private static LocalDateTime localDateTime(Object value) {
        return switch (value) {
            case LocalDateTime t -> t;
            case LocalDate d -> d.atStartOfDay();
            case java.sql.Timestamp t -> t.toLocalDateTime();
            case java.sql.Date d -> d.toLocalDate().atStartOfDay();
            case Instant i -> LocalDateTime.ofInstant(i, ZoneOffset.UTC);
            case OffsetDateTime o -> LocalDateTime.ofInstant(o.toInstant(), ZoneOffset.UTC);
            case ZonedDateTime z -> LocalDateTime.ofInstant(z.toInstant(), ZoneOffset.UTC);
            case null, default -> null;
        };
    }

    private static Object text(Object value) {
        return switch (value) {
            case LocalDate d -> d.toString();
            case java.sql.Date d -> d.toLocalDate().toString();
            case String s -> s;
            default -> {
                LocalDateTime t = localDateTime(value);
                yield t == null ? value : MicrosTimestamps.text(MicrosTimestamps.of(t));
            }
        };
    }

    private static long micros(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    }

    /**
     * Vectors arrive as float[], double[], Object[] or java.sql.Array; Calcite holds arrays as lists.
     * java.time and java.sql dates and timestamps become the numbers Quiver's plans hold: days of
     * the proleptic calendar, microseconds of a wall-clock time (a java.sql value's fields, as
     * users read them) or of an instant.
     */
    static Object calciteValue(Object value) throws SQLException {
        if (value instanceof java.sql.Array array) {
            return calciteValue(array.getArray());
        }
        if (value instanceof Object[] elements) {
            return java.util.Arrays.asList(elements);
        }
        if (value instanceof LocalDate d) {
            return (int) d.toEpochDay();
        }
        if (value instanceof java.sql.Date d) {
            return (int) d.toLocalDate().toEpochDay();
        }
        if (isTemporal(value)) {
            return MicrosTimestamps.of(localDateTime(value));
        }
        if (value instanceof float[] f) {
            List<Float> list = new ArrayList<>(f.length);
            for (float v : f) {
                list.add(v);
            }
            return list;
        }
        if (value instanceof double[] d) {
            List<Double> list = new ArrayList<>(d.length);
            for (double v : d) {
                list.add(v);
            }
            return list;
        }
        return value;
    }
}

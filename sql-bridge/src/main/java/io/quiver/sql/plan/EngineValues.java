package io.quiver.sql.plan;

import io.quiver.engine.expr.Literals;
import io.quiver.engine.schema.Column;
import io.quiver.sql.schema.BlobValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Converts values as Calcite holds them (literals, bound parameters: days for DATE, microseconds
 * for TIMESTAMP, ByteString for binary) into the Java values engine filters take for a column.
 * Returns null when the value cannot be compared with the column exactly, so the caller leaves
 * the comparison to Calcite rather than push down an inexact one.
 */
public final class EngineValues {
    private EngineValues() {}

    public static Object forColumn(Column column, Object value) {
        return switch (column.type().id()) {
            case INT8, INT16, INT32, INT64 -> Literals.integral(value);
            case FLOAT32, FLOAT64 -> value instanceof Number n ? (Object) n.doubleValue() : null;
            case DECIMAL128 ->
                value instanceof BigDecimal d
                        ? d
                        : value instanceof Long || value instanceof Integer
                                ? BigDecimal.valueOf(((Number) value).longValue())
                                : null;
            case BOOL -> value instanceof Boolean ? value : null;
            case UTF8 -> value instanceof String ? value : null;
            case BINARY -> bytes(value);
            case DATE32 ->
                value instanceof Integer days ? LocalDate.ofEpochDay(days) : value instanceof LocalDate ? value : null;
            case TIMESTAMP -> timestamp(column, value);
            default -> null;
        };
    }

    /**
     * A TIMESTAMP's microseconds as the instant engine filters take, when the column holds that
     * value exactly: a column of milliseconds or seconds equals only whole ones, and one of
     * nanoseconds is read into SQL cut to microseconds (CalciteValues), so filters on it stay with
     * Calcite, which compares what SQL sees.
     */
    private static Object timestamp(Column column, Object value) {
        if (value instanceof Instant) {
            return value;
        }
        if (!(value instanceof Long micros)) {
            return null;
        }
        long perUnit = switch (column.type().timeUnit()) {
            case SECOND -> 1_000_000L;
            case MILLISECOND -> 1_000L;
            case MICROSECOND -> 1L;
            default -> 0L;
        };
        if (perUnit == 0 || micros % perUnit != 0) {
            return null;
        }
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    /** Whether every microsecond TIMESTAMP has an exact value in the column (always, for a column of another type). */
    static boolean takesAnyTimestamp(Column column) {
        return column.type().id() != io.quiver.format.proto.TypeId.TIMESTAMP
                || column.type().timeUnit() == io.quiver.format.proto.TimeUnit.MICROSECOND;
    }

    /** A TIMESTAMP key value, as a filter or an SQL result holds it, in the column's own unit (the key index's form). */
    public static Object keyValue(Column column, Object value) {
        if (column.type().id() != io.quiver.format.proto.TypeId.TIMESTAMP) {
            return value;
        }
        Instant instant = switch (value) {
            case Instant i -> i;
            case Long micros ->
                Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
            case java.time.LocalDateTime t -> t.toInstant(java.time.ZoneOffset.UTC);
            case java.sql.Timestamp t
            when column.type().timezone() == null -> t.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
            case java.sql.Timestamp t -> t.toInstant();
            default -> null;
        };
        if (instant == null) {
            return value;
        }
        long seconds = instant.getEpochSecond();
        int nanos = instant.getNano();
        return switch (column.type().timeUnit()) {
            case SECOND -> seconds;
            case MILLISECOND -> Math.addExact(Math.multiplyExact(seconds, 1_000L), nanos / 1_000_000);
            case MICROSECOND -> Math.addExact(Math.multiplyExact(seconds, 1_000_000L), nanos / 1_000);
            default -> Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
        };
    }

    private static byte[] bytes(Object value) {
        return switch (value) {
            case ByteString b -> b.getBytes();
            case byte[] b -> b;
            default -> null;
        };
    }

    /** A query vector from a literal ARRAY or a bound parameter (a float[], double[], List or java.sql.Array). */
    public static float[] vector(Object value) {
        return switch (value) {
            case null -> null;
            case float[] f -> f.clone();
            case double[] d -> {
                float[] f = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    f[i] = (float) d[i];
                }
                yield f;
            }
            case List<?> list -> {
                float[] f = new float[list.size()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = number(list.get(i));
                }
                yield f;
            }
            case Object[] array -> vector(List.of(array));
            case Array array -> {
                try {
                    yield vector(array.getArray());
                } catch (SQLException e) {
                    throw new IllegalArgumentException("cannot read the query vector: " + e.getMessage(), e);
                }
            }
            default ->
                throw new IllegalArgumentException("a vector must be an array of numbers, not a "
                        + value.getClass().getSimpleName());
        };
    }

    private static float number(Object element) {
        if (!(element instanceof Number n)) {
            throw new IllegalArgumentException("a vector holds numbers only, not " + element);
        }
        return n.floatValue();
    }

    /** The bytes of a BLOB or binary value as SQL produces it (ByteString, byte[], Blob). */
    public static byte[] blobBytes(Object value) {
        try {
            return switch (value) {
                case BlobValue b -> b.bytes();
                case java.sql.Blob b -> b.getBytes(1, Math.toIntExact(b.length()));
                default -> {
                    byte[] b = bytes(value);
                    if (b == null) {
                        throw new IllegalArgumentException("expected binary data, not a "
                                + value.getClass().getSimpleName());
                    }
                    yield b;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}

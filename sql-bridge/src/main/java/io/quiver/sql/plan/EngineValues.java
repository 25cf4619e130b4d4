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
 * Converts values as Calcite holds them (literals, bound parameters: days for DATE, milliseconds
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
            case TIMESTAMP ->
                value instanceof Long millis ? Instant.ofEpochMilli(millis) : value instanceof Instant ? value : null;
            default -> null;
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

package io.quiver.engine.expr;

import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.StatsDomain;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Converts filter literals to a column's value domain (Long, Double, BigDecimal, byte[]) and
 * compares values within it. A literal that does not fit the column is a caller mistake.
 */
public final class Literals {
    private Literals() {}

    static Object normalize(Column column, Object value) {
        Object v = switch (column.type().id()) {
            case INT8, INT16, INT32, INT64 -> integral(value);
            case DATE32 -> value instanceof LocalDate d ? (Object) d.toEpochDay() : null;
            case TIMESTAMP -> timestamp(column, value);
            case FLOAT32, FLOAT64 ->
                value instanceof Number n && !(value instanceof BigDecimal) && !(value instanceof BigInteger)
                        ? (Object) n.doubleValue()
                        : null;
            case DECIMAL128 -> decimal(value);
            case BOOL -> value instanceof Boolean b ? (Object) (b ? 1L : 0L) : null;
            case UTF8 -> value instanceof CharSequence s ? s.toString().getBytes(StandardCharsets.UTF_8) : null;
            case BINARY -> value instanceof byte[] b ? b.clone() : null;
            default -> null;
        };
        if (v == null) {
            throw new IllegalArgumentException("cannot compare column " + column.name() + " of type " + column.type()
                    + " with " + describe(value));
        }
        return v;
    }

    private static String describe(Object value) {
        String text = value instanceof byte[] b ? Arrays.toString(b) : String.valueOf(value);
        return value.getClass().getSimpleName() + " " + (text.length() > 64 ? text.substring(0, 64) + "..." : text);
    }

    /**
     * An integer value of any Java integer or decimal type as a Long, when it is one exactly;
     * null otherwise (a fraction, out of range, not a number). The SQL bridge converts with it too.
     */
    public static Long integral(Object value) {
        return switch (value) {
            case Long l -> l;
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case BigInteger b when b.bitLength() < 64 -> b.longValue();
            case BigDecimal d -> {
                try {
                    yield d.longValueExact();
                } catch (ArithmeticException e) {
                    yield null;
                }
            }
            default -> null;
        };
    }

    private static Object decimal(Object value) {
        return switch (value) {
            case BigDecimal d -> d;
            case BigInteger b -> new BigDecimal(b);
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Double d when Double.isFinite(d) -> BigDecimal.valueOf(d);
            default -> null;
        };
    }

    private static Object timestamp(Column column, Object value) {
        Instant instant = switch (value) {
            case Instant i -> i;
            case LocalDateTime t -> t.toInstant(ZoneOffset.UTC);
            case Long raw -> null;
            default -> null;
        };
        if (value instanceof Long raw) {
            return raw;
        }
        if (instant == null) {
            return null;
        }
        BigInteger nanos = BigInteger.valueOf(instant.getEpochSecond())
                .multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(instant.getNano()));
        long perUnit = switch (column.type().timeUnit()) {
            case SECOND -> 1_000_000_000L;
            case MILLISECOND -> 1_000_000L;
            case MICROSECOND -> 1_000L;
            default -> 1L;
        };
        BigInteger[] qr = nanos.divideAndRemainder(BigInteger.valueOf(perUnit));
        if (qr[1].signum() != 0) {
            throw new IllegalArgumentException("timestamp " + instant + " is not a whole number of "
                    + column.type().timeUnit() + " for column " + column.name());
        }
        if (qr[0].bitLength() >= 64) {
            throw new IllegalArgumentException("timestamp " + instant + " is outside the range of column "
                    + column.name() + " (64-bit " + column.type().timeUnit() + ")");
        }
        return qr[0].longValue();
    }

    /** Compares two values of one domain (decimals as BigDecimal). */
    static int compare(StatsDomain domain, Object a, Object b) {
        return switch (domain) {
            case BOOL, LONG -> Long.compare((Long) a, (Long) b);
            case DOUBLE -> Double.compare((Double) a, (Double) b);
            case DECIMAL -> ((BigDecimal) a).compareTo((BigDecimal) b);
            case BYTES -> Arrays.compareUnsigned((byte[]) a, (byte[]) b);
            case NONE -> throw new IllegalStateException("no order");
        };
    }
}

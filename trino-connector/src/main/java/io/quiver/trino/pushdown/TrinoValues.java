package io.quiver.trino.pushdown;

import io.airlift.slice.Slice;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.BooleanType;
import io.trino.spi.type.DateTimeEncoding;
import io.trino.spi.type.DateType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.LongTimestamp;
import io.trino.spi.type.LongTimestampWithTimeZone;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.TimestampWithTimeZoneType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarbinaryType;
import io.trino.spi.type.VarcharType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Trino's Java values (of domains and constants) as the engine's filter literals: Long, Boolean,
 * BigDecimal, LocalDate, Instant, String, byte[].
 */
public final class TrinoValues {
    private TrinoValues() {}

    /** Whether a filter on a column of this Trino type can be pushed (the engine compares as Trino does). */
    public static boolean comparable(Type type) {
        return type instanceof BooleanType
                || type instanceof TinyintType
                || type instanceof SmallintType
                || type instanceof IntegerType
                || type instanceof BigintType
                || type instanceof DecimalType
                || type instanceof DateType
                || type instanceof TimestampType
                || type instanceof TimestampWithTimeZoneType
                || type instanceof VarcharType
                || type instanceof VarbinaryType;
    }

    public static Object toEngine(Type type, Object value) {
        return switch (type) {
            case BooleanType b -> value;
            case TinyintType t -> value;
            case SmallintType t -> value;
            case IntegerType t -> value;
            case BigintType t -> value;
            case DecimalType d ->
                value instanceof Int128 big
                        ? new BigDecimal(big.toBigInteger(), d.getScale())
                        : BigDecimal.valueOf((Long) value, d.getScale());
            case DateType d -> LocalDate.ofEpochDay((Long) value);
            case TimestampType t ->
                value instanceof LongTimestamp lt
                        ? microsToInstant(lt.getEpochMicros()).plusNanos(lt.getPicosOfMicro() / 1000)
                        : microsToInstant((Long) value);
            case TimestampWithTimeZoneType t ->
                value instanceof LongTimestampWithTimeZone lt
                        ? Instant.ofEpochMilli(lt.getEpochMillis()).plusNanos(lt.getPicosOfMilli() / 1000)
                        : Instant.ofEpochMilli(DateTimeEncoding.unpackMillisUtc((Long) value));
            case VarcharType v -> ((Slice) value).toStringUtf8();
            case VarbinaryType v -> ((Slice) value).getBytes();
            default -> throw new IllegalArgumentException("no engine literal for Trino type " + type);
        };
    }

    private static Instant microsToInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }
}

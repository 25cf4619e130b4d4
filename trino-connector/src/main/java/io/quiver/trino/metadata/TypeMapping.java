package io.quiver.trino.metadata;

import io.quiver.engine.schema.ColumnType;
import io.quiver.format.proto.TimeUnit;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.BooleanType;
import io.trino.spi.type.DateType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.RealType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TimeZoneKey;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.TimestampWithTimeZoneType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarbinaryType;
import io.trino.spi.type.VarcharType;

/**
 * The Trino type of each Quiver column type. VECTOR(n) is {@code array(real)} (Trino has no
 * fixed-size array), BLOB is {@code varbinary} (its bytes, read only when the column is asked
 * for), a TIMESTAMP keeps its unit as the precision: 0, 3, 6 or 9 digits, and a VARCHAR(n) column
 * is {@code varchar(n)}.
 */
public final class TypeMapping {
    /** What a vector column is in Trino. */
    public static final ArrayType VECTOR = new ArrayType(RealType.REAL);

    private TypeMapping() {}

    public static Type toTrino(ColumnType type) {
        return switch (type.id()) {
            case BOOL -> BooleanType.BOOLEAN;
            case INT8 -> TinyintType.TINYINT;
            case INT16 -> SmallintType.SMALLINT;
            case INT32 -> IntegerType.INTEGER;
            case INT64 -> BigintType.BIGINT;
            case FLOAT32 -> RealType.REAL;
            case FLOAT64 -> DoubleType.DOUBLE;
            case DECIMAL128 -> DecimalType.createDecimalType(type.precision(), type.scale());
            case DATE32 -> DateType.DATE;
            case TIMESTAMP ->
                type.timezone() == null
                        ? TimestampType.createTimestampType(precision(type.timeUnit()))
                        : TimestampWithTimeZoneType.createTimestampWithTimeZoneType(precision(type.timeUnit()));
            case UTF8 ->
                type.hasMaxLength() && type.maxLength() <= VarcharType.MAX_LENGTH
                        ? VarcharType.createVarcharType(type.maxLength())
                        : VarcharType.VARCHAR;
            case BINARY, BLOB -> VarbinaryType.VARBINARY;
            case VECTOR_F32 -> VECTOR;
            default -> throw new IllegalStateException("no Trino type for " + type);
        };
    }

    /** Digits of a second's fraction that a time unit holds. */
    public static int precision(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 0;
            case MILLISECOND -> 3;
            case MICROSECOND -> 6;
            case NANOSECOND -> 9;
            default -> throw new IllegalStateException("unknown time unit " + unit);
        };
    }

    /** Nanoseconds in one unit: 10^(9 - precision). */
    public static long nanosPerUnit(TimeUnit unit) {
        long nanos = 1;
        for (int digits = precision(unit); digits < 9; digits++) {
            nanos *= 10;
        }
        return nanos;
    }

    /**
     * The zone a zoned timestamp column's values carry in Trino: UTC, whatever zone the column
     * names (as Trino's own Iceberg connector does). The instants are the column's; only the zone
     * they are shown in is fixed. The column's own zone made answers wrong in two ways. In a
     * region's zone: Trino sends a zoned value to its clients as local time and zone name, which in
     * the hour a DST change repeats stands for two instants (4306-11-04 06:30Z in America/New_York
     * read back as 05:30Z). In any zone but UTC: Trino 483 compiles {@code x IN (a, b)} of fewer
     * than 8 constants to a switch over the raw packed longs (milliseconds and zone key) when these
     * fit in an int, so a value within 8.7 minutes of 1970 never equalled a constant written in
     * UTC (trinodb/trino#31079, fixed after 483; constants in other zones still miss).
     */
    public static TimeZoneKey zone(ColumnType type) {
        if (type.timezone() == null) {
            throw new IllegalArgumentException("not a zoned timestamp: " + type);
        }
        return TimeZoneKey.UTC_KEY;
    }
}

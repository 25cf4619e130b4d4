package io.quiver.trino.read;

import io.airlift.slice.Slices;
import io.quiver.engine.schema.ColumnType;
import io.quiver.format.proto.TimeUnit;
import io.quiver.trino.metadata.TypeMapping;
import io.trino.spi.StandardErrorCode;
import io.trino.spi.TrinoException;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.DateTimeEncoding;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.LongTimestamp;
import io.trino.spi.type.LongTimestampWithTimeZone;
import io.trino.spi.type.TimeZoneKey;
import io.trino.spi.type.Type;
import java.math.BigDecimal;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Copies the engine's Arrow vectors into Trino blocks, one converter per column type: fixed-width
 * columns in bulk ({@link FixedWidthBlocks}), the others value by value.
 */
public final class ArrowBlocks {
    /** Writes one non-null value of row {@code row} of the vector. */
    @FunctionalInterface
    private interface ValueWriter {
        void write(FieldVector vector, int row, BlockBuilder out);
    }

    /** Copies a whole vector at once. */
    @FunctionalInterface
    private interface BulkCopy {
        Block copy(FieldVector vector, int rows);
    }

    private final Type type;
    private final ValueWriter writer; // null when bulk copies
    private final BulkCopy bulk;

    private ArrowBlocks(Type type, ValueWriter writer, BulkCopy bulk) {
        this.type = type;
        this.writer = writer;
        this.bulk = bulk;
    }

    /** The converter for a column of this Quiver type; BLOB columns must hold the blobs' bytes. */
    public static ArrowBlocks of(ColumnType column) {
        Type type = TypeMapping.toTrino(column);
        BulkCopy bulk = switch (column.id()) {
            case INT8 -> FixedWidthBlocks::bytes;
            case INT16 -> FixedWidthBlocks::shorts;
            case INT32, FLOAT32, DATE32 -> FixedWidthBlocks::ints;
            case INT64, FLOAT64 -> FixedWidthBlocks::longs;
            // Microseconds are Trino's own unit for timestamp(6).
            case TIMESTAMP ->
                column.timezone() == null && column.timeUnit() == TimeUnit.MICROSECOND ? FixedWidthBlocks::longs : null;
            case VECTOR_F32 -> FixedWidthBlocks::vectors;
            default -> null;
        };
        if (bulk != null) {
            return new ArrowBlocks(type, null, bulk);
        }
        ValueWriter writer = switch (column.id()) {
            case BOOL -> (v, i, out) -> type.writeBoolean(out, ((BitVector) v).get(i) != 0);
            case DECIMAL128 -> decimal((DecimalType) type);
            case TIMESTAMP -> timestamp(column, type);
            case UTF8 -> (v, i, out) -> type.writeSlice(out, Slices.wrappedBuffer(((VarCharVector) v).get(i)));
            case BINARY, BLOB ->
                (v, i, out) -> type.writeSlice(out, Slices.wrappedBuffer(((VarBinaryVector) v).get(i)));
            default -> throw new IllegalStateException("no Trino block for " + column);
        };
        return new ArrowBlocks(type, writer, null);
    }

    /**
     * The first {@code rows} values as a block. A value Trino's type cannot hold (a timestamp
     * beyond its range: Trino counts microseconds, or milliseconds in 52 bits with a zone) fails
     * the read with a typed error rather than turning into another value.
     */
    public Block toBlock(FieldVector vector, int rows) {
        if (bulk != null) {
            return bulk.copy(vector, rows);
        }
        BlockBuilder out = type.createBlockBuilder(null, rows);
        for (int i = 0; i < rows; i++) {
            if (vector.isNull(i)) {
                out.appendNull();
            } else {
                try {
                    writer.write(vector, i, out);
                } catch (ArithmeticException e) {
                    throw new TrinoException(
                            StandardErrorCode.NUMERIC_VALUE_OUT_OF_RANGE,
                            "a value of column " + vector.getName() + " is outside the range of Trino's " + type,
                            e);
                }
            }
        }
        return out.build();
    }

    private static ValueWriter decimal(DecimalType type) {
        if (type.isShort()) {
            return (v, i, out) -> type.writeLong(
                    out, ((DecimalVector) v).getObject(i).unscaledValue().longValueExact());
        }
        return (v, i, out) -> {
            BigDecimal d = ((DecimalVector) v).getObject(i);
            type.writeObject(out, Int128.valueOf(d.unscaledValue()));
        };
    }

    private static ValueWriter timestamp(ColumnType column, Type type) {
        long nanosPerUnit = TypeMapping.nanosPerUnit(column.timeUnit());
        if (column.timezone() == null) {
            if (nanosPerUnit == 1) {
                return (v, i, out) -> {
                    long nanos = ((TimeStampVector) v).get(i);
                    type.writeObject(
                            out,
                            new LongTimestamp(Math.floorDiv(nanos, 1000L), (int) Math.floorMod(nanos, 1000L) * 1000));
                };
            }
            long microsPerUnit = nanosPerUnit / 1000;
            return (v, i, out) -> type.writeLong(out, Math.multiplyExact(((TimeStampVector) v).get(i), microsPerUnit));
        }
        TimeZoneKey zone = TypeMapping.zone(column);
        if (nanosPerUnit >= 1_000_000L) { // short: milliseconds packed with the zone
            long millisPerUnit = nanosPerUnit / 1_000_000L;
            return (v, i, out) -> type.writeLong(
                    out, packedWithZone(Math.multiplyExact(((TimeStampVector) v).get(i), millisPerUnit), zone));
        }
        long unitsPerMilli = 1_000_000L / nanosPerUnit;
        int picosPerUnit = (int) (nanosPerUnit * 1000);
        return (v, i, out) -> {
            long raw = ((TimeStampVector) v).get(i);
            type.writeObject(
                    out,
                    LongTimestampWithTimeZone.fromEpochMillisAndFraction(
                            Math.floorDiv(raw, unitsPerMilli),
                            (int) Math.floorMod(raw, unitsPerMilli) * picosPerUnit,
                            zone));
        };
    }

    /** Trino packs a zoned timestamp's milliseconds into 52 bits; ArithmeticException beyond. */
    private static long packedWithZone(long millis, TimeZoneKey zone) {
        if (millis < -(1L << 51) || millis >= 1L << 51) {
            throw new ArithmeticException("milliseconds " + millis + " beyond 52 bits");
        }
        return DateTimeEncoding.packDateTimeWithZone(millis, zone);
    }
}

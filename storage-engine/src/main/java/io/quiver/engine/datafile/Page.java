package io.quiver.engine.datafile;

import io.quiver.engine.schema.ColumnType;
import io.quiver.format.CorruptFileException;
import io.quiver.format.proto.TypeId;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A decoded (decompressed, checksum-checked) page: {@code rows} values of one column. The raw
 * layout (SPEC.md, "Pages") is the validity bitmap when the page has nulls, then either the
 * fixed-width values, the value bitmap of a BOOL column, or (UTF8, BINARY) n+1 u32 offsets
 * followed by the value bytes.
 */
public final class Page {
    static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    final ColumnType type;
    final int rows;
    final int nullCount;
    final MemorySegment raw;
    /** Where the values (or the offsets of a variable-width page) start. */
    final long valuesOffset;
    /** Variable-width pages: where the value bytes start. */
    final long dataOffset;

    private Page(ColumnType type, int rows, int nullCount, MemorySegment raw, long valuesOffset, long dataOffset) {
        this.type = type;
        this.rows = rows;
        this.nullCount = nullCount;
        this.raw = raw;
        this.valuesOffset = valuesOffset;
        this.dataOffset = dataOffset;
    }

    /** The raw length of a fixed-width page, or -1 for variable-width types. */
    static long fixedRawLength(ColumnType type, int rows, long nullCount) {
        int width = type.fixedWidth();
        if (width == 0) {
            return -1;
        }
        long validity = nullCount > 0 ? Bits.bytesFor(rows) : 0;
        return validity + (width < 0 ? Bits.bytesFor(rows) : (long) rows * width);
    }

    /** Checks the raw length against the layout (and offsets for variable width) and wraps it. */
    static Page parse(String file, ColumnType type, int rows, int nullCount, MemorySegment raw)
            throws CorruptFileException {
        if (nullCount < 0 || nullCount > rows) {
            throw new CorruptFileException(file, "page null count " + nullCount + " outside [0, " + rows + "]");
        }
        long validity = nullCount > 0 ? Bits.bytesFor(rows) : 0;
        if (raw.byteSize() < validity) {
            throw new CorruptFileException(file, "page of " + rows + " values is too short for its validity bitmap");
        }
        if (nullCount > 0 && Bits.countZeros(raw, rows) != nullCount) {
            throw new CorruptFileException(file, "page validity bitmap disagrees with its null count " + nullCount);
        }
        int width = type.fixedWidth();
        if (width != 0) {
            long valueBytes = width < 0 ? Bits.bytesFor(rows) : (long) rows * width;
            if (raw.byteSize() != validity + valueBytes) {
                throw new CorruptFileException(
                        file,
                        "page of " + rows + " " + type + " values has " + raw.byteSize() + " bytes, expected "
                                + (validity + valueBytes));
            }
            return new Page(type, rows, nullCount, raw, validity, -1);
        }
        long dataOffset = validity + 4L * (rows + 1);
        if (raw.byteSize() < dataOffset) {
            throw new CorruptFileException(
                    file, "page of " + rows + " " + type + " values is too short for its offsets");
        }
        int previous = 0;
        for (int i = 0; i <= rows; i++) {
            int o = raw.get(I32, validity + 4L * i);
            if (o < previous || (i == 0 && o != 0)) {
                throw new CorruptFileException(file, "page offsets are not non-decreasing from 0 at value " + i);
            }
            previous = o;
        }
        if (dataOffset + Integer.toUnsignedLong(previous) != raw.byteSize()) {
            throw new CorruptFileException(
                    file,
                    "page value bytes end at " + previous + " but the page holds " + (raw.byteSize() - dataOffset));
        }
        return new Page(type, rows, nullCount, raw, validity, dataOffset);
    }

    boolean isNull(int row) {
        return nullCount > 0 && !Bits.get(raw, row);
    }

    long longValue(int row) {
        long at = valuesOffset + (long) row * type.fixedWidth();
        return switch (type.id()) {
            case INT8 -> raw.get(ValueLayout.JAVA_BYTE, at);
            case INT16 -> raw.get(I16, at);
            case INT32, DATE32 -> raw.get(I32, at);
            case INT64, TIMESTAMP -> raw.get(I64, at);
            case BOOL -> Bits.get(raw, valuesOffset * 8 + row) ? 1 : 0;
            default -> throw new IllegalStateException(type + " is not held as a long");
        };
    }

    double doubleValue(int row) {
        long at = valuesOffset + (long) row * type.fixedWidth();
        return type.id() == TypeId.FLOAT32 ? raw.get(F32, at) : raw.get(F64, at);
    }

    /** The bytes of a variable-width value, or of a fixed-width one (e.g. a decimal). */
    MemorySegment bytesValue(int row) {
        if (type.isVariableWidth()) {
            int start = raw.get(I32, valuesOffset + 4L * row);
            int end = raw.get(I32, valuesOffset + 4L * (row + 1));
            return raw.asSlice(dataOffset + start, end - start);
        }
        int width = type.fixedWidth();
        return raw.asSlice(valuesOffset + (long) row * width, width);
    }

    int varStart(int row) {
        return raw.get(I32, valuesOffset + 4L * row);
    }
}

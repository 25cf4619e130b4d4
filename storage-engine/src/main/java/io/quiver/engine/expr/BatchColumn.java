package io.quiver.engine.expr;

import io.quiver.engine.datafile.ArrowMemory;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.StatsDomain;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * One column of a batch as a filter reads it: its Arrow buffers viewed as memory segments. Arrow's
 * getters check bounds and reference counts on every call, which cost a filter over a million
 * strings four times what its comparisons did; a segment checks bounds once per access, cheaply,
 * and the JIT hoists most of that out of the loops.
 */
final class BatchColumn {
    private final MemorySegment validity;
    private final MemorySegment data;
    private final MemorySegment offsets;
    private final int width;
    private final boolean hasNulls;

    BatchColumn(Column column, FieldVector vector) {
        this.width = column.type().fixedWidth();
        this.hasNulls = vector.getNullCount() > 0;
        this.validity = hasNulls ? ArrowMemory.segment(vector.getValidityBuffer()) : null;
        // Unordered columns (vectors, blobs) only ever answer IS NULL; a list vector has no data buffer.
        this.data =
                column.type().valueDomain() == StatsDomain.NONE ? null : ArrowMemory.segment(vector.getDataBuffer());
        this.offsets = vector instanceof BaseVariableWidthVector v ? ArrowMemory.segment(v.getOffsetBuffer()) : null;
    }

    boolean isNull(int row) {
        return hasNulls && !bit(validity, row);
    }

    /** An integer, date, timestamp or boolean (0 or 1) value, as stored. */
    long longAt(int row) {
        return switch (width) {
            case -1 -> bit(data, row) ? 1 : 0;
            case 1 -> data.get(ValueLayout.JAVA_BYTE, row);
            case 2 -> data.get(ValueLayout.JAVA_SHORT_UNALIGNED, 2L * row);
            case 4 -> data.get(ValueLayout.JAVA_INT_UNALIGNED, 4L * row);
            default -> data.get(ValueLayout.JAVA_LONG_UNALIGNED, 8L * row);
        };
    }

    /** A float32 or float64 value. */
    double doubleAt(int row) {
        return width == 4
                ? data.get(ValueLayout.JAVA_FLOAT_UNALIGNED, 4L * row)
                : data.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, 8L * row);
    }

    /** Where a variable-width value starts in {@link #data()}. */
    int start(int row) {
        return offsets.get(ValueLayout.JAVA_INT_UNALIGNED, 4L * row);
    }

    int end(int row) {
        return offsets.get(ValueLayout.JAVA_INT_UNALIGNED, 4L * (row + 1));
    }

    MemorySegment data() {
        return data;
    }

    /** Compares a variable-width value with {@code literal} as unsigned bytes, shorter first on a tie. */
    int compareBytes(int row, MemorySegment literal) {
        int start = start(row);
        long length = end(row) - start;
        long differ = MemorySegment.mismatch(data, start, start + length, literal, 0, literal.byteSize());
        if (differ < 0) {
            return 0;
        }
        if (differ == length || differ == literal.byteSize()) {
            return Long.compare(length, literal.byteSize());
        }
        return Integer.compare(
                data.get(ValueLayout.JAVA_BYTE, start + differ) & 0xFF,
                literal.get(ValueLayout.JAVA_BYTE, differ) & 0xFF);
    }

    /**
     * Whether a variable-width value equals {@code literal}: lengths first, then eight bytes at a
     * time. Most compared values are short (labels, names, codes), where {@code
     * MemorySegment.mismatch}'s set-up cost more than the comparison itself.
     */
    boolean equalsBytes(int row, MemorySegment literal) {
        int start = start(row);
        long length = end(row) - start;
        if (length != literal.byteSize()) {
            return false;
        }
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            if (data.get(ValueLayout.JAVA_LONG_UNALIGNED, start + i)
                    != literal.get(ValueLayout.JAVA_LONG_UNALIGNED, i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (data.get(ValueLayout.JAVA_BYTE, start + i) != literal.get(ValueLayout.JAVA_BYTE, i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean bit(MemorySegment bitmap, int index) {
        return (bitmap.get(ValueLayout.JAVA_BYTE, index >>> 3) & (1 << (index & 7))) != 0;
    }
}

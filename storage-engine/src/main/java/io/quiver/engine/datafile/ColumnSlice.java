package io.quiver.engine.datafile;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Consecutive values of one column read in place from a decoded page, as filters read them: a
 * filter needs each value once, so copying its column into Arrow buffers first (as a scan's output
 * is) would only cost time, a fifth of a selective scan's. Rows are numbered from 0 within the
 * slice. Every access is bounded by the page's segment, whose layout {@link Page#parse} checked.
 */
public final class ColumnSlice {
    private final Page page;
    private final int from;
    private final int rows;

    ColumnSlice(Page page, int from, int rows) {
        this.page = page;
        this.from = from;
        this.rows = rows;
    }

    /** {@code rows} nulls: a column the fragment was written without. */
    public static ColumnSlice nulls(int rows) {
        return new ColumnSlice(null, 0, rows);
    }

    public int rows() {
        return rows;
    }

    public boolean isNull(int row) {
        return page == null || (page.nullCount > 0 && !Bits.get(page.raw, from + row));
    }

    /** An integer, date, timestamp or boolean (0 or 1) value, as stored. */
    public long longAt(int row) {
        return page.longValue(from + row);
    }

    /** A float32 or float64 value. */
    public double doubleAt(int row) {
        return page.doubleValue(from + row);
    }

    public BigDecimal decimalAt(int row, int scale) {
        return new BigDecimal(ColumnStats.decimal(page.bytesValue(from + row)), scale);
    }

    /** The page's value bytes, where {@link #start} and {@link #end} point (variable width only). */
    public MemorySegment data() {
        return page == null ? MemorySegment.NULL : page.raw.asSlice(page.dataOffset);
    }

    public int start(int row) {
        return page.varStart(from + row);
    }

    public int end(int row) {
        return page.varStart(from + row + 1);
    }

    /** Compares a variable-width value with {@code literal} as unsigned bytes, shorter first on a tie. */
    public int compareBytes(int row, byte[] literal) {
        return ColumnStats.compareSegment(page.bytesValue(from + row), literal);
    }

    /**
     * Writes, for each row, {@code equal} where the variable-width value is {@code literal},
     * {@code unequal} where it is not and {@code ifNull} where it is null, into {@code out} from
     * {@code at}. One pass over the offsets (each value's end is the next one's start), lengths
     * first, then eight bytes at a time: most compared values are short (labels, names, codes),
     * where {@code MemorySegment.mismatch}'s set-up costs more than the comparison itself.
     */
    public void equalsBytes(MemorySegment literal, byte equal, byte unequal, byte ifNull, byte[] out, int at) {
        if (page == null) {
            Arrays.fill(out, at, at + rows, ifNull);
            return;
        }
        long length = literal.byteSize();
        long words = length & ~7L;
        long first = length >= 8 ? literal.get(Page.I64, 0) : 0;
        MemorySegment raw = page.raw;
        long data = page.dataOffset;
        int start = start(0);
        for (int i = 0; i < rows; i++) {
            int end = page.varStart(from + i + 1);
            byte t;
            if (isNull(i)) {
                t = ifNull;
            } else if (end - start != length || (length >= 8 && raw.get(Page.I64, data + start) != first)) {
                t = unequal;
            } else {
                t = equal;
                for (long k = 8; k < words && t == equal; k += 8) {
                    if (raw.get(Page.I64, data + start + k) != literal.get(Page.I64, k)) {
                        t = unequal;
                    }
                }
                for (long k = words; k < length && t == equal; k++) {
                    if (raw.get(ValueLayout.JAVA_BYTE, data + start + k) != literal.get(ValueLayout.JAVA_BYTE, k)) {
                        t = unequal;
                    }
                }
            }
            out[at + i] = t;
            start = end;
        }
    }
}

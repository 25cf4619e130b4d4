package io.quiver.engine.write;

import io.quiver.engine.ValueTooLongException;
import io.quiver.engine.schema.Column;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Checks the values written to VARCHAR(n) columns against n (SPEC.md section 10): a value's
 * length is its number of Unicode code points, so an emoji counts as one character.
 */
public final class MaxLengths {
    private MaxLengths() {}

    /**
     * Throws a {@link ValueTooLongException} for the first value of rows {@code [0, rows)} that is
     * longer than its column allows; {@code firstRow} is the 1-based position of row 0 in the write.
     *
     * @param vectors one per column, in the order of {@code columns}
     */
    public static void check(List<Column> columns, List<FieldVector> vectors, int rows, long firstRow) {
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            if (column.type().hasMaxLength()) {
                check(column, (BaseVariableWidthVector) vectors.get(c), rows, firstRow);
            }
        }
    }

    private static void check(Column column, BaseVariableWidthVector vector, int rows, long firstRow) {
        int max = column.type().maxLength();
        ArrowBuf data = vector.getDataBuffer();
        for (int i = 0; i < rows; i++) {
            // A value has no more code points than bytes: only values longer in bytes are counted.
            if (vector.isNull(i) || vector.getValueLength(i) <= max) {
                continue;
            }
            long start = vector.getStartOffset(i);
            long length = codePoints(data, start, start + vector.getValueLength(i));
            if (length > max) {
                throw new ValueTooLongException(column.name(), firstRow + i, max, length);
            }
        }
    }

    /** The code points of the UTF-8 bytes {@code [start, end)}: every byte but continuation bytes (10xxxxxx). */
    static long codePoints(ArrowBuf data, long start, long end) {
        long n = 0;
        for (long at = start; at < end; at++) {
            if ((data.getByte(at) & 0xC0) != 0x80) {
                n++;
            }
        }
        return n;
    }
}

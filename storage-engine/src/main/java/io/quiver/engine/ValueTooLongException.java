package io.quiver.engine;

/**
 * A write held a value longer than its VARCHAR(n) column allows: more than {@link #maxLength}
 * characters (Unicode code points). Nothing of the write was committed.
 */
public class ValueTooLongException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String column;
    private final long row;
    private final int maxLength;
    private final long length;

    /**
     * @param row the value's row among the rows of the write, counting from 1 (for a computed
     *     column, among the table's rows in scan order)
     * @param length the value's length in characters
     */
    public ValueTooLongException(String column, long row, int maxLength, long length) {
        super("value too long for type VARCHAR(" + maxLength + "): column " + column + ", row " + row + " has " + length
                + " characters");
        this.column = column;
        this.row = row;
        this.maxLength = maxLength;
        this.length = length;
    }

    public String column() {
        return column;
    }

    /** The row's position among the rows written, counting from 1. */
    public long row() {
        return row;
    }

    public int maxLength() {
        return maxLength;
    }

    /** The value's length in characters (code points). */
    public long length() {
        return length;
    }
}

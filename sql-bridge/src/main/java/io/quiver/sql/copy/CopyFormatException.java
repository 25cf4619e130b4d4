package io.quiver.sql.copy;

import java.io.IOException;

/**
 * Bad input to COPY FROM: a value that does not parse or fit its column, a malformed or truncated
 * file. The message names the file, the line or record (1-based) and the column, e.g.
 * {@code data.csv line 17, column embedding: expected 4 floats, got 3}.
 */
public class CopyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** SQLSTATE string_data_right_truncation: a value longer than its VARCHAR(n) column allows. */
    public static final String TOO_LONG = "22001";

    private final String file;
    private final String position;
    private final String column;
    private final String sqlState;

    /**
     * @param file the file as the statement named it
     * @param position "line 17" or "record 17", or null when the error is about the whole file
     * @param column the column, or null when the error is not about one column
     */
    public CopyFormatException(String file, String position, String column, String detail, Throwable cause) {
        this(file, position, column, detail, cause, null);
    }

    /** @param sqlState the SQLSTATE the statement fails with, or null for the one every bad input gets */
    public CopyFormatException(
            String file, String position, String column, String detail, Throwable cause, String sqlState) {
        super(message(file, position, column, detail), cause);
        this.file = file;
        this.position = position;
        this.column = column;
        this.sqlState = sqlState;
    }

    public CopyFormatException(String file, String position, String column, String detail) {
        this(file, position, column, detail, null);
    }

    private static String message(String file, String position, String column, String detail) {
        StringBuilder b = new StringBuilder(file);
        if (position != null) {
            b.append(' ').append(position);
        }
        if (column != null) {
            b.append(", column ").append(column);
        }
        return b.append(": ").append(detail).toString();
    }

    public String file() {
        return file;
    }

    /** "line 17", "record 17", or null. */
    public String position() {
        return position;
    }

    public String column() {
        return column;
    }

    /** The SQLSTATE of a value that breaks a SQL rule ({@link #TOO_LONG}), or null. */
    public String sqlState() {
        return sqlState;
    }
}

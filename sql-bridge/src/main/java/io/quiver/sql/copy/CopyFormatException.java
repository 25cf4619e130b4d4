package io.quiver.sql.copy;

import java.io.IOException;

/**
 * Bad input to COPY FROM: a value that does not parse or fit its column, a malformed or truncated
 * file. The message names the file, the line or record (1-based) and the column, e.g.
 * {@code data.csv line 17, column embedding: expected 4 floats, got 3}.
 */
public class CopyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String position;
    private final String column;

    /**
     * @param file the file as the statement named it
     * @param position "line 17" or "record 17", or null when the error is about the whole file
     * @param column the column, or null when the error is not about one column
     */
    public CopyFormatException(String file, String position, String column, String detail, Throwable cause) {
        super(message(file, position, column, detail), cause);
        this.file = file;
        this.position = position;
        this.column = column;
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
}

package io.quiver.sql.copy;

/**
 * A value that does not fit its column, raised by a {@link ValueParser}, which knows neither the
 * file nor the line: the reader that catches it adds them and throws a {@link CopyFormatException}.
 */
final class BadValueException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String sqlState;

    BadValueException(String detail) {
        this(detail, null, null);
    }

    BadValueException(String detail, Throwable cause) {
        this(detail, cause, null);
    }

    private BadValueException(String detail, Throwable cause, String sqlState) {
        super(detail, cause, false, false);
        this.sqlState = sqlState;
    }

    /** A value longer than its VARCHAR(n) column allows: SQLSTATE 22001, as an INSERT of it. */
    static BadValueException tooLong(int maxLength, String value) {
        return new BadValueException(
                io.quiver.sql.exec.VarcharAssignment.tooLong(maxLength, value), null, CopyFormatException.TOO_LONG);
    }

    /** The SQLSTATE the statement fails with, or null for the one every bad COPY input gets. */
    String sqlState() {
        return sqlState;
    }
}

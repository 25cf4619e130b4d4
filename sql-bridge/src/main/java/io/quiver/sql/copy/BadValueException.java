package io.quiver.sql.copy;

/**
 * A value that does not fit its column, raised by a {@link ValueParser}, which knows neither the
 * file nor the line: the reader that catches it adds them and throws a {@link CopyFormatException}.
 */
final class BadValueException extends Exception {
    private static final long serialVersionUID = 1L;

    BadValueException(String detail) {
        super(detail, null, false, false);
    }

    BadValueException(String detail, Throwable cause) {
        super(detail, cause, false, false);
    }
}

package io.quiver.sql.exec;

/**
 * {@code SUBSTRING(x FROM s FOR n)} with a negative n, of a string or binary string: SQLSTATE
 * 22011 (substring error), as the standard and PostgreSQL say. Calcite's own binary SUBSTRING
 * raised an exception Quiver could only report as an internal error.
 */
public final class SubstringLengthException extends IllegalArgumentException {
    public static final String SQL_STATE = "22011";

    public SubstringLengthException(long length) {
        super("negative substring length not allowed: " + length);
    }
}

package io.quiver.sql.exec;

import io.quiver.engine.ValueTooLongException;
import io.quiver.engine.schema.Column;

/**
 * A string assigned to a VARCHAR(n) column (INSERT, UPDATE, COPY), as PostgreSQL assigns it: a
 * value of at most n characters (code points) is stored as it is; a longer one whose characters
 * past the n-th are all spaces loses those spaces ({@code 'abc   '} into VARCHAR(3) is
 * {@code 'abc'}); any other longer value is refused with SQLSTATE 22001, as it is evaluated (so
 * even a row that ON CONFLICT DO NOTHING would skip), before the engine checks it again. An explicit
 * {@code CAST(s AS VARCHAR(n))} truncates instead; that is the cast's business, not this class's.
 */
public final class VarcharAssignment {
    private VarcharAssignment() {}

    /**
     * The value to store in a column of at most {@code maxLength} characters (0: unbounded), or
     * null when it does not fit.
     */
    public static String fit(String value, int maxLength) {
        // A string has no more code points than UTF-16 units: only longer strings are counted.
        if (maxLength == 0 || value.length() <= maxLength) {
            return value;
        }
        if (value.codePointCount(0, value.length()) <= maxLength) {
            return value;
        }
        int end = value.offsetByCodePoints(0, maxLength);
        for (int i = end; i < value.length(); i++) {
            if (value.charAt(i) != ' ') {
                return null;
            }
        }
        return value.substring(0, end);
    }

    /**
     * The value to store in the column, or a {@link ValueTooLongException} naming the column and
     * {@code position}, the row's place among the rows of the statement (from 1).
     */
    public static String assign(String value, Column column, long position) {
        int max = column.type().maxLength();
        String fitted = fit(value, max);
        if (fitted == null) {
            throw new ValueTooLongException(column.name(), position, max, value.codePointCount(0, value.length()));
        }
        return fitted;
    }

    /** The message of a value that does not fit, as the engine words it. */
    public static String tooLong(int maxLength, String value) {
        return "value too long for type VARCHAR(" + maxLength + "): " + value.codePointCount(0, value.length())
                + " characters";
    }
}

package io.quiver.sql.spi;

import java.sql.SQLSyntaxErrorException;

/** Reads the values of {@code WITH (name = value, ...)} options, for every table format alike. */
public final class OptionValues {
    private OptionValues() {}

    /** A positive whole number; anything else is a syntax error naming the option. */
    public static int positive(String option, String value) throws SQLSyntaxErrorException {
        try {
            int v = Integer.parseInt(value);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SQLSyntaxErrorException(
                "option " + option + " must be a positive whole number, got '" + value + "'", "42601");
    }
}

package io.quiver.sql.copy;

import java.util.Locale;
import java.util.Map;

/**
 * The options of a COPY statement, validated once.
 *
 * @param header CSV: the first record names the columns (read), a line of column labels is written (write)
 * @param delimiter CSV: the field separator
 * @param batchRows the most rows in one Arrow batch (reads) or one Arrow IPC record batch (writes)
 */
public record CopyOptions(boolean header, char delimiter, int batchRows) {
    public static final CopyOptions DEFAULTS = new CopyOptions(true, ',', 8192);

    public CopyOptions {
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("DELIMITER cannot be " + printable(delimiter));
        }
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be at least 1, not " + batchRows);
        }
    }

    public CopyOptions withBatchRows(int rows) {
        return new CopyOptions(header, delimiter, rows);
    }

    /**
     * The options of a statement's option list (without FORMAT): keys case-insensitive, HEADER
     * true|false (also on|off), DELIMITER one character ({@code \t} for a tab); any other key is an
     * IllegalArgumentException naming it.
     */
    public static CopyOptions parse(Map<String, String> options) {
        boolean header = DEFAULTS.header;
        char delimiter = DEFAULTS.delimiter;
        for (Map.Entry<String, String> e : options.entrySet()) {
            String value = e.getValue() == null ? "" : e.getValue();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "header" -> header = parseBoolean(value);
                case "delimiter" -> delimiter = parseDelimiter(value);
                default ->
                    throw new IllegalArgumentException(
                            "unknown COPY option '" + e.getKey() + "': expected HEADER or DELIMITER");
            }
        }
        return new CopyOptions(header, delimiter, DEFAULTS.batchRows);
    }

    private static boolean parseBoolean(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "on" -> true;
            case "false", "off" -> false;
            default -> throw new IllegalArgumentException("HEADER must be true or false, not '" + value + "'");
        };
    }

    private static char parseDelimiter(String value) {
        if (value.equals("\\t")) {
            return '\t';
        }
        if (value.length() != 1) {
            throw new IllegalArgumentException("DELIMITER must be one character, not '" + value + "'");
        }
        return value.charAt(0);
    }

    private static String printable(char c) {
        return c == '"' ? "'\"'" : "a line break";
    }
}

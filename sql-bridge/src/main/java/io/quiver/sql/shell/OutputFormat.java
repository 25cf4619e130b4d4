package io.quiver.sql.shell;

import java.util.Locale;

/** How query results are printed: {@code --format table|csv|json}. */
enum OutputFormat {
    /** Aligned columns for people; the row count and timing follow on stdout. */
    TABLE,
    /** A header line then one RFC 4180 line per row; nothing else on stdout. */
    CSV,
    /** One JSON object per row, newline-delimited; nothing else on stdout. */
    JSON;

    /** The format named {@code name} (any case), or an {@code IllegalArgumentException} naming it. */
    static OutputFormat fromName(String name) {
        for (OutputFormat format : values()) {
            if (format.name().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "' (expected table, csv or json)");
    }

    /** The name users type. */
    String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

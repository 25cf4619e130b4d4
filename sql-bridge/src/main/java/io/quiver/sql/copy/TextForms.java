package io.quiver.sql.copy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.HexFormat;

/**
 * The text forms of values that CSV and JSON share, both directions in one place so that what
 * {@link CopyWriter} writes is what {@link CopyReader} reads.
 */
final class TextForms {
    /** Text longer than this in a message is cut: garbage input may hold megabytes in one field. */
    private static final int QUOTE_LIMIT = 40;

    /** ISO date, 'T' or a space, ISO time, then an optional offset ("Z", "+02:00") or [zone]. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart()
            .appendOffsetId()
            .optionalEnd()
            .optionalStart()
            .appendLiteral('[')
            .appendZoneRegionId()
            .appendLiteral(']')
            .optionalEnd()
            .toFormatter();

    private TextForms() {}

    /** {@code 'text'}, cut to a readable length, for error messages. */
    static String quote(String text) {
        return text.length() <= QUOTE_LIMIT ? "'" + text + "'" : "'" + text.substring(0, QUOTE_LIMIT) + "...'";
    }

    /** Hex digits, optionally after PostgreSQL's {@code \x}, case-insensitive. */
    static byte[] parseHex(String text) throws BadValueException {
        String digits = text.startsWith("\\x") || text.startsWith("\\X") ? text.substring(2) : text;
        if (digits.length() % 2 != 0) {
            throw new BadValueException("hex value of odd length " + digits.length());
        }
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new BadValueException("not a hex value: " + quote(text));
        }
    }

    static String formatHex(byte[] bytes) {
        return "\\x" + HexFormat.of().formatHex(bytes);
    }

    /** {@code [0.1, 0.2]}: Float.toString, so every float reads back exactly. */
    static String formatVector(float[] v) {
        StringBuilder b = new StringBuilder(v.length * 12 + 2).append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(v[i]);
        }
        return b.append(']').toString();
    }

    static String formatTimestamp(LocalDateTime t) {
        return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
    }

    /**
     * A timestamp as an instant when the text has an offset or zone, else as a wall-clock time in
     * {@code zone} (the column's time zone; UTC for a column without one, whose values are wall-clock
     * times stored as if in UTC).
     */
    static OffsetDateTime parseTimestamp(String text, ZoneId zone) throws BadValueException {
        TemporalAccessor t;
        try {
            t = TIMESTAMP.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new BadValueException("not an ISO timestamp: " + quote(text));
        }
        LocalDateTime local = LocalDateTime.of(LocalDate.from(t), LocalTime.from(t));
        ZoneId given = t.query(TemporalQueries.zone());
        return local.atZone(given != null ? given : zone).toOffsetDateTime();
    }

    /**
     * The text of a value of one of {@link JdbcColumn}'s kinds, for CSV; numbers stay numbers
     * (written unquoted), booleans become "true"/"false".
     */
    static Object text(Object value) {
        return switch (value) {
            case Number n -> n;
            case LocalDateTime t -> formatTimestamp(t);
            case OffsetDateTime t -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
            case byte[] b -> formatHex(b);
            case float[] v -> formatVector(v);
            default -> value.toString(); // Boolean, LocalDate (ISO), String
        };
    }
}

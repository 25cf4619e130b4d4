package io.quiver.sql.exec;

import java.nio.charset.StandardCharsets;
import org.apache.calcite.avatica.util.ByteString;

/**
 * The SQL string functions that count characters, counting code points as the SQL standard and
 * PostgreSQL do, where Calcite's own count UTF-16 units ({@code CHAR_LENGTH('😀')} is 1, not 2,
 * and SUBSTRING never returns half of a surrogate pair). Positions are 1-based; NULL in, NULL out.
 */
public final class CodePointStrings {
    private CodePointStrings() {}

    public static Integer charLength(String s) {
        return s == null ? null : s.codePointCount(0, s.length());
    }

    /** {@code SUBSTRING(s FROM start)}. */
    public static String substring(String s, Integer start) {
        if (s == null || start == null) {
            return null;
        }
        return slice(s, start, Long.MAX_VALUE);
    }

    /**
     * {@code SUBSTRING(s FROM start FOR length)}: the characters at positions start ..
     * start + length - 1 that exist (a start before 1 shortens the result, as in PostgreSQL).
     */
    public static String substring(String s, Integer start, Integer length) {
        if (s == null || start == null || length == null) {
            return null;
        }
        return slice(s, start, BinaryStrings.end(start, length));
    }

    /** The code points at 1-based positions [from, to), clipped to the string. */
    private static String slice(String s, long from, long to) {
        int count = s.codePointCount(0, s.length());
        long begin = Math.max(from, 1);
        long end = Math.min(to, count + 1L);
        if (begin >= end) {
            return "";
        }
        int b = s.offsetByCodePoints(0, (int) begin - 1);
        int e = s.offsetByCodePoints(b, (int) (end - begin));
        return s.substring(b, e);
    }

    /** {@code POSITION(needle IN haystack)}: the position of the first occurrence, 0 if none. */
    public static Integer position(String needle, String haystack) {
        return position(needle, haystack, 1);
    }

    /** {@code POSITION(needle IN haystack FROM start)}. */
    public static Integer position(String needle, String haystack, Integer start) {
        if (needle == null || haystack == null || start == null) {
            return null;
        }
        int count = haystack.codePointCount(0, haystack.length());
        if (start < 1 || start > count + 1) {
            return 0;
        }
        int from = haystack.offsetByCodePoints(0, start - 1);
        int at = haystack.indexOf(needle, from);
        return at < 0 ? 0 : haystack.codePointCount(0, at) + 1;
    }

    /** {@code OVERLAY(s PLACING replacement FROM start)}: replaces as many characters as it has. */
    public static String overlay(String s, String replacement, Integer start) {
        return replacement == null ? null : overlay(s, replacement, start, charLength(replacement));
    }

    /** {@code OVERLAY(s PLACING replacement FROM start FOR length)}. */
    public static String overlay(String s, String replacement, Integer start, Integer length) {
        if (s == null || replacement == null || start == null || length == null) {
            return null;
        }
        return slice(s, 1, start) + replacement + slice(s, (long) start + length, Long.MAX_VALUE);
    }

    /**
     * A string's UTF-8 bytes: compared as unsigned bytes (as Calcite compares binary values) they
     * order strings by code point, as the engine and the SQL standard do. See
     * io.quiver.sql.plan.CodePointOrder.
     */
    public static ByteString utf8(String s) {
        return s == null ? null : new ByteString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The string {@link #utf8} encoded. */
    public static String fromUtf8(ByteString bytes) {
        return bytes == null ? null : new String(bytes.getBytes(), StandardCharsets.UTF_8);
    }
}

package io.quiver.engine.expr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A compiled SQL LIKE pattern, with the literal prefix that statistics can prune on. Matching
 * works on code points (a character outside the BMP is one {@code _}) and takes at most
 * (value length x pattern length) steps: a regex would backtrack exponentially in the number of
 * {@code %} on values that do not match, letting one filter stall a scan for hours.
 */
final class LikePattern {
    private static final int ANY_RUN = -1;
    private static final int ANY_ONE = -2;

    final String pattern;
    /** The UTF-8 bytes every match starts with (before the first wildcard). */
    final byte[] prefix;
    /** True when the pattern is exactly {@code prefix%}: a byte-prefix test decides it. */
    final boolean prefixOnly;
    /** Code points to match literally, or {@link #ANY_RUN} ({@code %}) or {@link #ANY_ONE} ({@code _}). */
    private final int[] tokens;

    LikePattern(String pattern) {
        this.pattern = pattern;
        int[] chars = pattern.codePoints().toArray();
        int[] t = new int[chars.length];
        int n = 0;
        StringBuilder literalPrefix = new StringBuilder();
        boolean inPrefix = true;
        for (int i = 0; i < chars.length; i++) {
            int c = chars[i];
            if (c == '\\') {
                if (i + 1 == chars.length) {
                    throw new IllegalArgumentException("LIKE pattern '" + pattern + "' ends with an escape character");
                }
                c = chars[++i];
            } else if (c == '%' || c == '_') {
                inPrefix = false;
                t[n++] = c == '%' ? ANY_RUN : ANY_ONE;
                continue;
            }
            t[n++] = c;
            if (inPrefix) {
                literalPrefix.appendCodePoint(c);
            }
        }
        this.tokens = Arrays.copyOf(t, n);
        this.prefix = literalPrefix.toString().getBytes(StandardCharsets.UTF_8);
        this.prefixOnly =
                n > 0 && tokens[n - 1] == ANY_RUN && literalPrefix.codePointCount(0, literalPrefix.length()) == n - 1;
    }

    /**
     * Wildcard matching that, on a mismatch, only retries from the most recent {@code %}: an
     * earlier {@code %} could only absorb what the later one can.
     */
    boolean matches(String value) {
        int[] s = value.codePoints().toArray();
        int si = 0;
        int ti = 0;
        int lastRun = -1;
        int runStart = 0;
        while (si < s.length) {
            if (ti < tokens.length && (tokens[ti] == ANY_ONE || tokens[ti] == s[si])) {
                si++;
                ti++;
            } else if (ti < tokens.length && tokens[ti] == ANY_RUN) {
                lastRun = ti++;
                runStart = si;
            } else if (lastRun >= 0) {
                ti = lastRun + 1;
                si = ++runStart;
            } else {
                return false;
            }
        }
        while (ti < tokens.length && tokens[ti] == ANY_RUN) {
            ti++;
        }
        return ti == tokens.length;
    }
}

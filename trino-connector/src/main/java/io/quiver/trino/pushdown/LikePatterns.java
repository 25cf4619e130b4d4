package io.quiver.trino.pushdown;

import java.util.Optional;

/**
 * Trino's LIKE patterns in the engine's syntax. In Trino a backslash is an ordinary character
 * unless it is the ESCAPE character; the engine always escapes with a backslash.
 */
public final class LikePatterns {
    private LikePatterns() {}

    /**
     * The engine pattern matching what {@code pattern} (with {@code escape}, if any) matches in
     * Trino; empty when Trino would reject the pattern, so that Trino evaluates it and says why.
     */
    public static Optional<String> toEngine(String pattern, Optional<String> escape) {
        int escapeChar = -1;
        if (escape.isPresent()) {
            String e = escape.get();
            if (e.codePointCount(0, e.length()) != 1) {
                return Optional.empty();
            }
            escapeChar = e.codePointAt(0);
        }
        StringBuilder out = new StringBuilder(pattern.length() + 8);
        for (int i = 0; i < pattern.length(); ) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (c == escapeChar) {
                if (i >= pattern.length()) {
                    return Optional.empty();
                }
                int next = pattern.codePointAt(i);
                i += Character.charCount(next);
                if (next != '%' && next != '_' && next != escapeChar) {
                    return Optional.empty();
                }
                appendLiteral(out, next);
            } else if (c == '%' || c == '_') {
                out.append((char) c);
            } else {
                appendLiteral(out, c);
            }
        }
        return Optional.of(out.toString());
    }

    private static void appendLiteral(StringBuilder out, int c) {
        if (c == '%' || c == '_' || c == '\\') {
            out.append('\\');
        }
        out.appendCodePoint(c);
    }
}

package io.quiver.engine.expr;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compiled SQL LIKE pattern, with the literal prefix that statistics can prune on. Matching
 * works on code points (a character outside the BMP is one {@code _}) and takes at most
 * (value length x pattern length) steps: a regex would backtrack exponentially in the number of
 * {@code %} on values that do not match, letting one filter stall a scan for hours. A pattern
 * without {@code _} (the usual {@code %cat%}, {@code cat%}) is matched on the UTF-8 bytes
 * directly, without decoding values: a valid UTF-8 literal can only match at character
 * boundaries, so byte and code point matching agree.
 */
final class LikePattern {
    private static final int ANY_RUN = -1;
    private static final int ANY_ONE = -2;

    final String pattern;
    /** The UTF-8 bytes every match starts with (before the first wildcard). */
    final byte[] prefix;
    /**
     * The pattern's literal runs between {@code %}, as UTF-8 (empty ones at either end when it
     * starts or ends with {@code %}); null when it has a {@code _}, which needs decoded characters.
     */
    private final MemorySegment[] runs;
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
        this.runs = literalRuns(tokens);
    }

    private static MemorySegment[] literalRuns(int[] tokens) {
        List<MemorySegment> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (int t : tokens) {
            if (t == ANY_ONE) {
                return null;
            }
            if (t == ANY_RUN) {
                runs.add(utf8(run));
                run.setLength(0);
            } else {
                run.appendCodePoint(t);
            }
        }
        runs.add(utf8(run));
        return runs.toArray(MemorySegment[]::new);
    }

    private static MemorySegment utf8(CharSequence s) {
        return MemorySegment.ofArray(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@link #matches(MemorySegment, long, long)} can decide this pattern. */
    boolean matchesBytes() {
        return runs != null;
    }

    /**
     * Matches the UTF-8 value in bytes [start, end) of {@code data}; only for patterns without
     * {@code _}. The first run must open the value and the last close it; the runs between are
     * found left to right, each as early as possible, which finds a match whenever one exists.
     */
    boolean matches(MemorySegment data, long start, long end) {
        MemorySegment first = runs[0];
        if (runs.length == 1) {
            return end - start == first.byteSize() && at(data, start, first);
        }
        MemorySegment last = runs[runs.length - 1];
        long from = start + first.byteSize();
        long to = end - last.byteSize();
        if (from > to || !at(data, start, first) || !at(data, to, last)) {
            return false;
        }
        for (int r = 1; r < runs.length - 1; r++) {
            long found = find(data, from, to, runs[r]);
            if (found < 0) {
                return false;
            }
            from = found + runs[r].byteSize();
        }
        return true;
    }

    private static boolean at(MemorySegment data, long offset, MemorySegment run) {
        return MemorySegment.mismatch(data, offset, offset + run.byteSize(), run, 0, run.byteSize()) < 0;
    }

    /** The first offset in [from, to - run length] where {@code run} occurs, or -1. */
    private static long find(MemorySegment data, long from, long to, MemorySegment run) {
        long n = run.byteSize();
        if (n == 0) {
            return from;
        }
        byte head = run.get(ValueLayout.JAVA_BYTE, 0);
        for (long i = from; i + n <= to; i++) {
            if (data.get(ValueLayout.JAVA_BYTE, i) == head && at(data, i, run)) {
                return i;
            }
        }
        return -1;
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

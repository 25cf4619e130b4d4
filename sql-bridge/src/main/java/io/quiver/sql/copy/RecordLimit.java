package io.quiver.sql.copy;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A Reader that fails once more than {@code limit} characters are read since the last
 * {@link #startRecord}: a text parser that buffers a whole record (an unclosed quote swallows the rest
 * of the file) then stops with an error instead of filling the heap. The parser's read-ahead
 * buffer makes the bound a little loose, never unbounded.
 */
final class RecordLimit extends FilterReader {
    /** Thrown through the parser, which wraps IOExceptions: unchecked so that it comes out as is. */
    static final class TooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLong(String message) {
            super(message, null, false, false);
        }
    }

    private final long limit;
    private long sinceReset;
    private long total;

    RecordLimit(Reader in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** A new record starts: the count begins again. */
    void startRecord() {
        sinceReset = 0;
    }

    long total() {
        return total;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        count(c < 0 ? 0 : 1);
        return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        count(Math.max(n, 0));
        return n;
    }

    private void count(int n) {
        sinceReset += n;
        total += n;
        if (sinceReset > limit) {
            throw new TooLong("a record longer than " + limit + " characters (an unclosed quote?)");
        }
    }
}

package io.quiver.engine.datafile;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A heap byte buffer that grows; pages are assembled in these before they are written. */
final class GrowableBytes {
    /** Java arrays stop short of 2 GiB; a page must fit in one. */
    static final int MAX_LENGTH = Integer.MAX_VALUE - 64;

    private byte[] bytes;
    private int length;

    GrowableBytes(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    int length() {
        return length;
    }

    byte[] array() {
        return bytes;
    }

    void clear() {
        length = 0;
    }

    /** Makes room for {@code extra} more bytes and returns the offset they start at. */
    int reserve(long extra) {
        long needed = length + extra;
        if (needed > MAX_LENGTH) {
            throw new IllegalArgumentException("a page would exceed 2 GiB; store values this large in a BLOB column");
        }
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_LENGTH, Math.max(needed, (long) bytes.length * 2)));
        }
        int at = length;
        length = (int) needed;
        return at;
    }

    /** Zero-fills as it reserves (for bitmaps that are filled bit by bit). */
    int reserveZeroed(long extra) {
        int at = reserve(extra);
        Arrays.fill(bytes, at, length, (byte) 0);
        return at;
    }

    void append(MemorySegment src, long offset, long count) {
        int at = reserve(count);
        MemorySegment.copy(src, offset, MemorySegment.ofArray(bytes), at, count);
    }

    void appendIntLE(int value) {
        int at = reserve(4);
        MemorySegment.ofArray(bytes).set(Page.I32, at, value);
    }

    MemorySegment segment() {
        return MemorySegment.ofArray(bytes).asSlice(0, length);
    }

    ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes, 0, length);
    }
}

package io.quiver.engine.datafile;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Bit-level copies between LSB-first bitmaps (Arrow's validity and boolean layout). */
final class Bits {
    private Bits() {}

    static boolean get(MemorySegment bitmap, long bit) {
        return (bitmap.get(ValueLayout.JAVA_BYTE, bit >>> 3) & (1 << (bit & 7))) != 0;
    }

    static void set(MemorySegment bitmap, long bit, boolean value) {
        long at = bit >>> 3;
        byte b = bitmap.get(ValueLayout.JAVA_BYTE, at);
        int mask = 1 << (bit & 7);
        bitmap.set(ValueLayout.JAVA_BYTE, at, (byte) (value ? b | mask : b & ~mask));
    }

    /** Copies {@code count} bits; whole bytes at once when both offsets are byte-aligned. */
    static void copy(MemorySegment src, long srcBit, MemorySegment dst, long dstBit, long count) {
        long i = 0;
        if ((srcBit & 7) == 0 && (dstBit & 7) == 0) {
            long wholeBytes = count >>> 3;
            MemorySegment.copy(src, srcBit >>> 3, dst, dstBit >>> 3, wholeBytes);
            i = wholeBytes << 3;
        }
        for (; i < count; i++) {
            set(dst, dstBit + i, get(src, srcBit + i));
        }
    }

    /** Sets {@code count} bits to one. */
    static void fillOnes(MemorySegment dst, long dstBit, long count) {
        long i = 0;
        while (i < count && ((dstBit + i) & 7) != 0) {
            set(dst, dstBit + i++, true);
        }
        long wholeBytes = (count - i) >>> 3;
        if (wholeBytes > 0) {
            dst.asSlice((dstBit + i) >>> 3, wholeBytes).fill((byte) 0xFF);
            i += wholeBytes << 3;
        }
        for (; i < count; i++) {
            set(dst, dstBit + i, true);
        }
    }

    static long bytesFor(long bits) {
        return (bits + 7) >>> 3;
    }

    static long countZeros(MemorySegment bitmap, long bits) {
        long ones = 0;
        long whole = bits >>> 3;
        for (long i = 0; i < whole; i++) {
            ones += Integer.bitCount(bitmap.get(ValueLayout.JAVA_BYTE, i) & 0xFF);
        }
        for (long b = whole << 3; b < bits; b++) {
            ones += get(bitmap, b) ? 1 : 0;
        }
        return bits - ones;
    }
}

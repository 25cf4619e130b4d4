package io.quiver.format;

import java.lang.foreign.MemorySegment;
import java.util.zip.CRC32C;

/** CRC32C (Castagnoli) over byte ranges; the JDK's implementation uses the CPU instruction. */
public final class Crc32c {
    private Crc32c() {}

    public static int of(MemorySegment segment, long offset, long length) {
        CRC32C crc = new CRC32C();
        update(crc, segment, offset, length);
        return (int) crc.getValue();
    }

    public static int of(byte[] bytes) {
        return of(bytes, bytes.length);
    }

    /** CRC32C of the first {@code length} bytes of an array. */
    public static int of(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    /** Feeds a range of any size (a ByteBuffer view is limited to 2 GiB, so go in chunks). */
    public static void update(CRC32C crc, MemorySegment segment, long offset, long length) {
        final long chunk = 1L << 30;
        for (long done = 0; done < length; done += chunk) {
            long n = Math.min(chunk, length - done);
            crc.update(segment.asSlice(offset + done, n).asByteBuffer());
        }
    }
}

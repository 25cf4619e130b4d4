package io.quiver.blob;

import static io.quiver.blob.BlobTestSupport.CHUNK;
import static io.quiver.blob.BlobTestSupport.SEED;
import static io.quiver.blob.BlobTestSupport.randomBytes;
import static io.quiver.blob.BlobTestSupport.usedHeapAfterGc;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blob larger than 2 GiB (and than the tests' 2 GiB heap) written from a generated stream and
 * read back by stream and by range beyond 2^31: offsets and lengths are 64-bit all the way, and
 * neither side ever holds the blob in memory. A small blob after it sits at an offset beyond
 * 2^31 in the same pack.
 */
class LargeBlobTest {
    /** 2.2 GiB and an odd tail, so the last chunk is partial. */
    private static final long LENGTH = (2L << 30) + (200L << 20) + 12_345;

    private static final long HEAP_GROWTH_LIMIT = 64L << 20;

    @TempDir
    Path dir;

    /**
     * Deterministic pseudo-random bytes, addressable by position: byte p is byte p % 8 (little-
     * endian) of a SplitMix64 mix of p / 8, so any range can be regenerated to compare against.
     */
    static final class Generator {
        private static final VarHandle LONGS =
                MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private final long seed;

        Generator(long seed) {
            this.seed = seed;
        }

        private long word(long index) {
            long z = seed + index * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** Fills b[off, off + len) with the bytes at [position, position + len). */
        void fill(long position, byte[] b, int off, int len) {
            int i = 0;
            for (; i < len && ((position + i) & 7) != 0; i++) {
                b[off + i] = byteAt(position + i);
            }
            for (; i + 8 <= len; i += 8) {
                LONGS.set(b, off + i, word((position + i) >>> 3));
            }
            for (; i < len; i++) {
                b[off + i] = byteAt(position + i);
            }
        }

        byte byteAt(long position) {
            return (byte) (word(position >>> 3) >>> (8 * (position & 7)));
        }

        byte[] bytes(long position, int len) {
            byte[] b = new byte[len];
            fill(position, b, 0, len);
            return b;
        }

        /** A stream of the first {@code length} bytes, produced as they are read. */
        InputStream stream(long length) {
            return new InputStream() {
                private long position;

                @Override
                public int read() {
                    return position < length ? byteAt(position++) & 0xff : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (position >= length) {
                        return -1;
                    }
                    int n = (int) Math.min(len, length - position);
                    fill(position, b, off, n);
                    position += n;
                    return n;
                }
            };
        }
    }

    @Test
    void theGeneratorIsAddressable() {
        // The comparisons below trust fill() and byteAt() to agree at every alignment.
        Generator g = new Generator(SEED);
        byte[] b = new byte[100];
        for (long start = (1L << 31) - 9; start < (1L << 31) + 9; start++) {
            g.fill(start, b, 3, 90);
            for (int i = 0; i < 90; i++) {
                assertEquals(g.byteAt(start + i), b[3 + i], "position " + (start + i));
            }
        }
    }

    @Test
    void aBlobOfMoreThanTwoGibibytesStreamsInAndOutWithBoundedHeap() throws IOException {
        assertTrue(Runtime.getRuntime().maxMemory() < LENGTH, "the blob must not fit in the heap to prove streaming");
        Generator generator = new Generator(SEED);
        Random random = new Random(SEED);
        byte[] before = randomBytes(random, 1000);
        byte[] after = randomBytes(random, 5000);
        long heapBefore = usedHeapAfterGc();

        List<byte[]> descriptors;
        WrittenPack pack;
        try (BlobPacker packer = new BlobPacker(dir, 4096, Long.MAX_VALUE)) {
            descriptors = List.of(
                    packer.add(before, 0, before.length),
                    packer.add(BlobSource.of(generator.stream(LENGTH))),
                    packer.add(after, 0, after.length));
            pack = packer.finish().getFirst();
        }
        assertTrue(pack.sizeBytes() > LENGTH, "one pack holds all three");
        assertEquals(pack.sizeBytes(), Files.size(dir.resolve(pack.fileName())));
        BlobDescriptor.Packed tail = (BlobDescriptor.Packed) BlobDescriptor.decode(descriptors.get(2), "test");
        assertTrue(tail.offset() > 1L << 31, "the last blob's offset needs 64 bits: " + tail.offset());

        try (BlobStore store = new BlobStore(dir)) {
            Blob blob = store.blob(descriptors.get(1), "test");
            assertEquals(LENGTH, blob.length());
            assertEquals(LENGTH, BlobStore.lengthOf(descriptors.get(1), "test"));
            assertThrows(IllegalStateException.class, blob::readAllBytes, "no byte array holds 2.2 GiB");

            assertStreamMatches(blob, generator);
            assertRangesMatch(blob, generator, random);
            assertArrayEquals(before, store.blob(descriptors.get(0), "test").readAllBytes());
            assertArrayEquals(after, store.blob(descriptors.get(2), "test").readAllBytes());

            long heapAfter = usedHeapAfterGc();
            assertTrue(
                    heapAfter - heapBefore < HEAP_GROWTH_LIMIT,
                    "heap grew by " + (heapAfter - heapBefore) + " bytes while writing and reading the blob");
        }
    }

    /** Reads the whole blob through openStream() and compares every byte with the generator. */
    private static void assertStreamMatches(Blob blob, Generator generator) throws IOException {
        byte[] got = new byte[1_000_003]; // odd, so pieces end at every phase of a chunk
        byte[] expected = new byte[got.length];
        long position = 0;
        try (InputStream in = blob.openStream()) {
            while (true) {
                int n = in.readNBytes(got, 0, got.length);
                if (n == 0) {
                    break;
                }
                generator.fill(position, expected, 0, n);
                int mismatch = Arrays.mismatch(got, 0, n, expected, 0, n);
                if (mismatch >= 0) {
                    fail("seed " + SEED + ": streamed byte " + (position + mismatch) + " differs");
                }
                position += n;
            }
            assertEquals(-1, in.read());
        }
        assertEquals(LENGTH, position, "the stream read every byte, its checksums all passing");
    }

    /** Range reads around and beyond 2^31, across chunk ends, into heap and direct buffers. */
    private static void assertRangesMatch(Blob blob, Generator generator, Random random) throws IOException {
        long twoGiB = 1L << 31;
        long[] positions = {
            twoGiB - 5,
            twoGiB,
            twoGiB + CHUNK - 3,
            (twoGiB / CHUNK + 7) * CHUNK - 1,
            LENGTH - 200_000,
            LENGTH - 1,
            twoGiB + random.nextLong(LENGTH - twoGiB),
            twoGiB + random.nextLong(LENGTH - twoGiB),
            random.nextLong(LENGTH),
        };
        try (SeekableByteChannel channel = blob.channel()) {
            assertEquals(LENGTH, channel.size());
            for (int k = 0; k < positions.length; k++) {
                long from = positions[k];
                int length = (int) Math.min(200_000, LENGTH - from);
                boolean direct = k % 2 == 0;
                byte[] got = BlobTestSupport.readRange(channel, from, 200_000, direct);
                assertArrayEquals(
                        generator.bytes(from, length),
                        got,
                        "seed " + SEED + ": range at " + from + " (direct=" + direct + ")");
                assertEquals(from + length, channel.position());
            }
            channel.position(LENGTH);
            assertEquals(-1, channel.read(ByteBuffer.allocate(1)));
        }
    }
}

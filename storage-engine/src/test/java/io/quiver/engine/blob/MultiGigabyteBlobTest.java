package io.quiver.engine.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.blob.Blob;
import io.quiver.blob.BlobSource;
import io.quiver.engine.Dataset;
import io.quiver.engine.testing.TestRandom;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2.2 GiB blob, more than the tests' 2 GiB heap and past every 32-bit offset, streamed in from
 * a generator and read back by stream and by range without ever being in memory. It shares its
 * pack with small blobs before and after it, so the one after lies beyond 2^31 in the pack.
 */
@ExtendWith(TestRandom.class)
class MultiGigabyteBlobTest {
    private static final long LENGTH = (2L << 30) + (200L << 20) + 12_345;
    private static final long TWO_GIB = 1L << 31;
    /** What the heap may grow by while the blob streams: a few chunk buffers, far below the blob. */
    private static final long HEAP_SLACK = 64L << 20;

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    @TempDir
    Path dir;

    /** The blob's 8-byte word at {@code index}: a mix of the index, so every range is distinct. */
    private static long word(long index) {
        long x = index * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        x = (x ^ (x >>> 32)) * 0xD6E8FEB86659FD93L;
        return x ^ (x >>> 32);
    }

    private static byte byteAt(long position) {
        return (byte) (word(position >>> 3) >>> ((position & 7) << 3));
    }

    /** The blob's bytes {@code [position, position + len)}, a word at a time where aligned. */
    static void generate(long position, byte[] b, int off, int len) {
        int i = 0;
        for (; i < len && ((position + i) & 7) != 0; i++) {
            b[off + i] = byteAt(position + i);
        }
        for (; i + 8 <= len; i += 8) {
            LONG_LE.set(b, off + i, word((position + i) >>> 3));
        }
        for (; i < len; i++) {
            b[off + i] = byteAt(position + i);
        }
    }

    /** Used heap after a full collection: what is still reachable. */
    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** The generated blob as a stream; measures the heap when the writer is half way through. */
    private static final class Generated extends InputStream {
        private long position;
        long heapHalfWay = -1;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= LENGTH) {
                return -1;
            }
            if (heapHalfWay < 0 && position >= LENGTH / 2) {
                heapHalfWay = usedHeap();
            }
            int n = (int) Math.min(len, LENGTH - position);
            generate(position, b, off, n);
            position += n;
            return n;
        }
    }

    @Test
    void aBlobPastTwoGibibytesStreamsInAndOutWithBoundedHeap(Random random) throws IOException {
        assertTrue(
                Runtime.getRuntime().maxMemory() < LENGTH,
                "bounded memory is proven only with a heap smaller than the blob");
        Path table = dir.resolve("t");
        byte[] before = BlobRows.randomBytes(random, 100_000);
        byte[] after = BlobRows.randomBytes(random, 5_000 + random.nextInt(200_000));
        byte[] inline = BlobRows.randomBytes(random, 10);
        Generated generated = new Generated();
        long heapBefore;
        long version;
        try (BufferAllocator allocator = new RootAllocator();
                // One pack for all: a target far above the blob keeps the writer from rolling over.
                Dataset ds =
                        Dataset.create(table, BlobRows.SCHEMA, BlobRows.options(allocator, 1 << 20, 4096, 8L << 30))) {
            heapBefore = usedHeap();
            Map<Long, BlobRows.Row> rows = new LinkedHashMap<>();
            rows.put(1L, new BlobRows.Row("before", before));
            rows.put(2L, new BlobRows.Row("huge", null)); // its bytes come from the generator
            rows.put(3L, new BlobRows.Row("after", after));
            rows.put(4L, new BlobRows.Row("inline", inline));
            version = new BlobRows()
                    .appendSources(
                            ds,
                            rows,
                            List.of(
                                    BlobSource.of(before),
                                    BlobSource.of(generated),
                                    BlobSource.of(after),
                                    BlobSource.of(inline)));
            assertTrue(generated.heapHalfWay >= 0, "the writer read the whole stream");
            assertTrue(
                    generated.heapHalfWay - heapBefore < HEAP_SLACK,
                    "heap grew by " + (generated.heapHalfWay - heapBefore) + " bytes while writing");
            assertEquals(1, BlobRows.packNames(table).size(), "one pack holds all packed blobs");

            Map<Long, Blob> blobs = blobsById(ds);
            assertArrayEquals(before, blobs.get(1L).readAllBytes());
            assertArrayEquals(inline, blobs.get(4L).readAllBytes());
            BlobModel.checkBlob(blobs.get(3L), after, random, "the blob stored after the huge one");
            checkHugeByRanges(blobs.get(2L), random);
            checkHugeByStream(blobs.get(2L), heapBefore);
            ds.verify();
        }

        // Time travel to the version, packs mapped afresh: offsets past 2^31 come from the file alone.
        try (BufferAllocator allocator = new RootAllocator();
                Dataset old = Dataset.open(table, version, BlobRows.options(allocator, 1 << 20, 4096, 1 << 20))) {
            Map<Long, Blob> blobs = blobsById(old);
            BlobModel.checkBlob(blobs.get(3L), after, random, "the blob after the huge one, reopened");
            checkHugeByRanges(blobs.get(2L), random);
        }
    }

    private static Map<Long, Blob> blobsById(Dataset ds) throws IOException {
        Map<Long, Blob> out = new LinkedHashMap<>();
        try (VectorSchemaRoot rows = ds.take(ds.scan().rowAddresses(), "id", "blob")) {
            for (int i = 0; i < rows.getRowCount(); i++) {
                out.put(((BigIntVector) rows.getVector("id")).get(i), ds.blob(rows.getVector("blob"), i));
            }
        }
        assertEquals(List.of(1L, 2L, 3L, 4L), List.copyOf(out.keySet()));
        return out;
    }

    /** Ranges below, across and beyond 2^31 and at the very end, into heap and direct buffers. */
    private static void checkHugeByRanges(Blob huge, Random random) throws IOException {
        assertEquals(LENGTH, huge.length());
        List<Long> starts = new ArrayList<>(List.of(0L, TWO_GIB - 100_000, TWO_GIB, LENGTH - 1, LENGTH - 70_000));
        for (int k = 0; k < 12; k++) {
            starts.add(
                    k % 2 == 0
                            ? TWO_GIB + (long) (random.nextDouble() * (LENGTH - TWO_GIB))
                            : (long) (random.nextDouble() * LENGTH));
        }
        try (SeekableByteChannel channel = huge.channel()) {
            assertEquals(LENGTH, channel.size());
            for (long from : starts) {
                int length = (int) Math.min(1 + random.nextInt(300_000), LENGTH - from);
                ByteBuffer dst = random.nextBoolean() ? ByteBuffer.allocate(length) : ByteBuffer.allocateDirect(length);
                channel.position(from);
                while (dst.hasRemaining() && channel.read(dst) > 0) {
                    // a read may stop at a chunk's end
                }
                byte[] got = new byte[dst.flip().remaining()];
                dst.get(got);
                byte[] expected = new byte[length];
                generate(from, expected, 0, length);
                assertArrayEquals(expected, got, "range [" + from + ", " + (from + length) + ")");
                assertEquals(from + length, channel.position());
            }
            channel.position(LENGTH);
            assertEquals(-1, channel.read(ByteBuffer.allocate(1)), "a read at the end");
        }
    }

    /** The whole blob through its stream, against the generator; the heap is sampled half way. */
    private static void checkHugeByStream(Blob huge, long heapBefore) throws IOException {
        byte[] buffer = new byte[1 << 20];
        byte[] expected = new byte[buffer.length];
        long read = 0;
        long heapHalfWay = -1;
        try (InputStream in = huge.openStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                generate(read, expected, 0, n);
                if (!Arrays.equals(buffer, 0, n, expected, 0, n)) {
                    int at = Arrays.mismatch(buffer, 0, n, expected, 0, n);
                    assertEquals(expected[at], buffer[at], "byte " + (read + at));
                }
                read += n;
                if (heapHalfWay < 0 && read >= LENGTH / 2) {
                    heapHalfWay = usedHeap();
                }
            }
        }
        assertEquals(LENGTH, read, "the stream returned every byte, all checksums passing");
        assertTrue(
                heapHalfWay - heapBefore < HEAP_SLACK,
                "heap grew by " + (heapHalfWay - heapBefore) + " bytes while reading");
    }
}

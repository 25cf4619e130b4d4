package io.quiver.blob;

import static io.quiver.blob.BlobTestSupport.CHUNK;
import static io.quiver.blob.BlobTestSupport.SEED;
import static io.quiver.blob.BlobTestSupport.Stored;
import static io.quiver.blob.BlobTestSupport.readFully;
import static io.quiver.blob.BlobTestSupport.readRange;
import static io.quiver.blob.BlobTestSupport.slice;
import static io.quiver.blob.BlobTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Blob#channel()} as a {@link SeekableByteChannel}: random ranges, chunk boundaries, the
 * blob's end, heap and direct buffers, and the read-only and closed-channel contract. Packed and
 * inline blobs share the contract, so each test runs on both.
 */
class BlobRangeReadTest {
    /** Five whole chunks and a partial sixth. */
    private static final int SIZE = 5 * CHUNK + 777;

    enum Layout {
        PACKED(0),
        INLINE(Integer.MAX_VALUE);

        final int inlineThreshold;

        Layout(int inlineThreshold) {
            this.inlineThreshold = inlineThreshold;
        }
    }

    @TempDir
    Path dir;

    private BlobStore store;

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    /**
     * The blob under test, between two neighbours in the same pack, so a read running past its
     * end would show their bytes instead of stopping.
     */
    private Stored blob(Layout layout, Random random) throws IOException {
        Stored s = write(dir, layout.inlineThreshold, Long.MAX_VALUE, random, 3000, SIZE, 4000)
                .blobs()
                .get(1);
        assertEquals(layout == Layout.INLINE, BlobStore.packIdOf(s.descriptor()) == null, layout.toString());
        store = new BlobStore(dir);
        return s;
    }

    private SeekableByteChannel channel(Stored s) throws IOException {
        return s.open(store).channel();
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void randomRangesMatchTheModel(Layout layout) throws IOException {
        long seed = SEED + layout.ordinal();
        Random random = new Random(seed);
        Stored s = blob(layout, random);
        try (SeekableByteChannel channel = channel(s)) {
            assertEquals(SIZE, channel.size());
            for (int k = 0; k < 400; k++) {
                // Some ranges run past the end: the channel must stop at the blob's end.
                long from = random.nextInt(SIZE + 100);
                int length = random.nextInt(k % 3 == 0 ? 3 * CHUNK : 300);
                boolean direct = random.nextBoolean();
                String what = "seed " + seed + ", [" + from + " +" + length + ") direct=" + direct;
                byte[] got = readRange(channel, from, length, direct);
                assertArrayEquals(slice(s.bytes(), from, length), got, what);
                assertEquals(from + got.length, channel.position(), what + ": position after");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void readsAroundEveryChunkBoundary(Layout layout) throws IOException {
        Stored s = blob(layout, new Random(SEED));
        try (SeekableByteChannel channel = channel(s)) {
            for (int k = 1; k * CHUNK < SIZE; k++) {
                long boundary = (long) k * CHUNK;
                for (int before : new int[] {1, 5, CHUNK}) {
                    for (int after : new int[] {1, 7, CHUNK + 3}) {
                        String what = "boundary " + boundary + " -" + before + " +" + after;
                        long from = boundary - before;
                        assertArrayEquals(
                                slice(s.bytes(), from, before + after),
                                readRange(channel, from, before + after, after % 2 == 1),
                                what);
                    }
                }
                assertArrayEquals(
                        slice(s.bytes(), boundary, CHUNK), readRange(channel, boundary, CHUNK, false), "whole chunk");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void sequentialReadsWithoutSeekingAdvanceThroughTheBlob(Layout layout) throws IOException {
        long seed = SEED + 10 + layout.ordinal();
        Random random = new Random(seed);
        Stored s = blob(layout, random);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (SeekableByteChannel channel = channel(s)) {
            while (true) {
                ByteBuffer dst = random.nextBoolean()
                        ? ByteBuffer.allocate(1 + random.nextInt(90_000))
                        : ByteBuffer.allocateDirect(1 + random.nextInt(90_000));
                int n = channel.read(dst);
                if (n < 0) {
                    break;
                }
                assertEquals(dst.position(), n, "read() returns the bytes it put");
                byte[] got = new byte[n];
                dst.flip().get(got);
                all.writeBytes(got);
                assertEquals(all.size(), channel.position(), "seed " + seed);
            }
            assertArrayEquals(s.bytes(), all.toByteArray(), "seed " + seed);
            assertEquals(-1, channel.read(ByteBuffer.allocate(10)), "still at the end");
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void bytesLandBetweenTheBuffersPositionAndLimitOnly(Layout layout) throws IOException {
        // A buffer with bytes before its position and after its limit: a read must leave them.
        Stored s = blob(layout, new Random(SEED + 20));
        for (boolean direct : new boolean[] {false, true}) {
            ByteBuffer whole = direct ? ByteBuffer.allocateDirect(CHUNK + 100) : ByteBuffer.allocate(CHUNK + 100);
            for (int i = 0; i < whole.capacity(); i++) {
                whole.put(i, (byte) 0x5A);
            }
            ByteBuffer dst = whole.position(40).limit(CHUNK + 60).slice().position(10);
            try (SeekableByteChannel channel = channel(s)) {
                channel.position(CHUNK - 20); // crosses a chunk boundary
                readFully(channel, dst);
            }
            whole.clear();
            for (int i = 0; i < whole.capacity(); i++) {
                byte expected = i >= 50 && i < CHUNK + 60 ? s.bytes()[CHUNK - 20 + i - 50] : (byte) 0x5A;
                assertEquals(expected, whole.get(i), "direct=" + direct + ", buffer byte " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void atAndAfterTheEndReadsReturnMinusOne(Layout layout) throws IOException {
        Stored s = blob(layout, new Random(SEED + 30));
        try (SeekableByteChannel channel = channel(s)) {
            for (long at : new long[] {SIZE, SIZE + 1L, SIZE + 100_000L, 1L << 40, Long.MAX_VALUE}) {
                channel.position(at);
                assertEquals(-1, channel.read(ByteBuffer.allocate(5)), "read at " + at);
                assertEquals(-1, channel.read(ByteBuffer.allocateDirect(5)), "read at " + at);
                assertEquals(at, channel.position(), "a read at the end does not move the position");
            }
            // A read straddling the end returns what is left, then the end.
            channel.position(SIZE - 3);
            ByteBuffer dst = ByteBuffer.allocate(10);
            assertEquals(3, channel.read(dst));
            assertArrayEquals(slice(s.bytes(), SIZE - 3, 3), Arrays.copyOf(dst.array(), 3));
            assertEquals(-1, channel.read(dst));
            // An empty buffer reads nothing before the end.
            channel.position(5);
            assertEquals(0, channel.read(ByteBuffer.allocate(0)));
            assertEquals(5, channel.position());
            assertThrows(IllegalArgumentException.class, () -> channel.position(-1));
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void theChannelIsReadOnly(Layout layout) throws IOException {
        Stored s = blob(layout, new Random(SEED + 40));
        try (SeekableByteChannel channel = channel(s)) {
            assertThrows(NonWritableChannelException.class, () -> channel.write(ByteBuffer.allocate(1)));
            assertThrows(NonWritableChannelException.class, () -> channel.write(ByteBuffer.allocate(0)));
            assertThrows(NonWritableChannelException.class, () -> channel.truncate(0));
            assertThrows(NonWritableChannelException.class, () -> channel.truncate(SIZE + 10L));
            assertEquals(SIZE, channel.size(), "failed writes change nothing");
            assertArrayEquals(s.bytes(), readRange(channel, 0, SIZE, true));
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void aClosedChannelRefusesEverything(Layout layout) throws IOException {
        Stored s = blob(layout, new Random(SEED + 50));
        SeekableByteChannel channel = channel(s);
        assertTrue(channel.isOpen());
        channel.close();
        assertFalse(channel.isOpen());
        assertThrows(ClosedChannelException.class, () -> channel.read(ByteBuffer.allocate(1)));
        assertThrows(ClosedChannelException.class, channel::position);
        assertThrows(ClosedChannelException.class, () -> channel.position(3));
        assertThrows(ClosedChannelException.class, channel::size);
        channel.close(); // closing again is allowed
        // Other channels on the same blob are independent of the closed one.
        try (SeekableByteChannel other = channel(s)) {
            assertArrayEquals(slice(s.bytes(), 100, 50), readRange(other, 100, 50, false));
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void twoChannelsOnOneBlobKeepTheirOwnPositions(Layout layout) throws IOException {
        Stored s = blob(layout, new Random(SEED + 60));
        Blob blob = s.open(store);
        try (SeekableByteChannel a = blob.channel();
                SeekableByteChannel b = blob.channel()) {
            a.position(2 * CHUNK + 1);
            assertEquals(0, b.position());
            assertArrayEquals(slice(s.bytes(), 0, 100), readRange(b, 0, 100, false));
            assertEquals(2 * CHUNK + 1, a.position());
            ByteBuffer dst = ByteBuffer.allocate(100);
            readFully(a, dst);
            assertArrayEquals(slice(s.bytes(), 2 * CHUNK + 1, 100), dst.array());
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void anEmptyBlobHasAnEmptyChannel(Layout layout) throws IOException {
        Stored s = write(dir, layout == Layout.PACKED ? 0 : 1, 1 << 20, new Random(SEED), 0)
                .only();
        try (BlobStore emptyStore = new BlobStore(dir);
                SeekableByteChannel channel = s.open(emptyStore).channel()) {
            assertEquals(0, channel.size());
            assertEquals(-1, channel.read(ByteBuffer.allocate(1)));
            assertEquals(-1, channel.read(ByteBuffer.allocate(0)));
        }
    }
}

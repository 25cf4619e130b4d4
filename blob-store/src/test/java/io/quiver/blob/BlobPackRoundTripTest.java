package io.quiver.blob;

import static io.quiver.blob.BlobTestSupport.CHUNK;
import static io.quiver.blob.BlobTestSupport.SEED;
import static io.quiver.blob.BlobTestSupport.Stored;
import static io.quiver.blob.BlobTestSupport.Written;
import static io.quiver.blob.BlobTestSupport.randomBytes;
import static io.quiver.blob.BlobTestSupport.readByteByByte;
import static io.quiver.blob.BlobTestSupport.readInPieces;
import static io.quiver.blob.BlobTestSupport.readRange;
import static io.quiver.blob.BlobTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever is written through {@link BlobPacker} reads back through {@link BlobStore} byte for
 * byte, in every way a blob can be read, for sizes around the page size, the chunk size and
 * beyond, both packed (inline threshold 0) and with a 4 KiB inline threshold.
 */
class BlobPackRoundTripTest {
    private static final int INLINE_THRESHOLD = 4096;

    @TempDir
    Path dir;

    static Stream<Arguments> thresholdsAndSizes() {
        int[] sizes = {0, 1, 4095, 4096, 4097, CHUNK - 1, CHUNK, CHUNK + 1, 1 << 20};
        return IntStream.of(0, INLINE_THRESHOLD)
                .boxed()
                .flatMap(threshold -> IntStream.of(sizes).mapToObj(size -> Arguments.of(threshold, size)));
    }

    @ParameterizedTest(name = "threshold {0}, {1} bytes")
    @MethodSource("thresholdsAndSizes")
    void oneBlobReadsBackEveryWay(int threshold, int size) throws IOException {
        long seed = SEED ^ size ^ ((long) threshold << 32);
        Written written = write(dir, threshold, 1 << 20, new Random(seed), size);
        Stored s = written.only();
        // Values shorter than the threshold stay in the descriptor; the others go to a pack.
        boolean inline = size < threshold;
        assertEquals(inline ? 0 : 1, written.packs().size(), "packs written");
        assertEquals(inline ? null : written.onlyPack().fileName(), packFileNameOf(s));
        try (BlobStore store = new BlobStore(dir)) {
            assertReadsBack(store, s, new Random(seed), "seed " + seed);
        }
    }

    @ParameterizedTest(name = "threshold {0}")
    @ValueSource(ints = {0, INLINE_THRESHOLD})
    void manyBlobsOfRandomSizesShareAPackAndReadBackInAnyOrder(int threshold) throws IOException {
        long seed = SEED + threshold;
        Random random = new Random(seed);
        List<byte[]> blobs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // Mostly small values, some spanning several chunks.
            int size = i % 4 == 0 ? random.nextInt(5 * CHUNK) : random.nextInt(2 * threshold + 100);
            blobs.add(randomBytes(random, size));
        }
        Written written = write(dir, threshold, Long.MAX_VALUE, blobs);
        assertEquals(1, written.packs().size(), "a large target keeps every packed blob in one pack");
        List<Stored> shuffled = new ArrayList<>(written.blobs());
        Collections.shuffle(shuffled, random);
        try (BlobStore store = new BlobStore(dir)) {
            for (Stored s : shuffled) {
                assertReadsBack(store, s, random, "seed " + seed);
            }
        }
    }

    /** The pack a descriptor names, through the store's static helpers, or null for an inline value. */
    private static String packFileNameOf(Stored s) {
        byte[] id = BlobStore.packIdOf(s.descriptor());
        return id == null ? null : BlobStore.packFileName(id);
    }

    /** Every read of one blob agrees with the model. */
    private static void assertReadsBack(BlobStore store, Stored s, Random random, String seed) throws IOException {
        String what = s + ", " + seed;
        byte[] model = s.bytes();
        assertEquals(model.length, BlobStore.lengthOf(s.descriptor(), "test"), what + ": lengthOf");
        Blob blob = s.open(store);
        assertEquals(model.length, blob.length(), what + ": length()");
        assertArrayEquals(model, blob.readAllBytes(), what + ": readAllBytes");
        assertArrayEquals(model, blob.readAllBytes(), what + ": a second readAllBytes");

        // Odd piece sizes cross chunk ends at every phase; 7 and 4093 are coprime with the chunk.
        for (int maxPiece : new int[] {7, 4093, 70_001}) {
            try (InputStream in = blob.openStream()) {
                assertArrayEquals(model, readInPieces(in, random, maxPiece), what + ": pieces of up to " + maxPiece);
                assertEquals(-1, in.read(), what + ": the stream stays at its end");
            }
        }
        if (model.length <= 2 * CHUNK + 1) { // single-byte reads of a megabyte prove nothing more
            try (InputStream in = blob.openStream()) {
                assertArrayEquals(model, readByteByByte(in), what + ": byte by byte");
            }
        }
        try (InputStream in = blob.openStream()) {
            assertArrayEquals(model, in.readAllBytes(), what + ": InputStream.readAllBytes");
        }

        try (SeekableByteChannel channel = blob.channel()) {
            assertEquals(model.length, channel.size(), what + ": size()");
            assertArrayEquals(model, readRange(channel, 0, model.length, random.nextBoolean()), what + ": channel");
            assertEquals(model.length, channel.position(), what + ": the channel's position after reading it all");
            assertEquals(-1, channel.read(ByteBuffer.allocate(1)), what + ": channel at its end");
        }
    }
}

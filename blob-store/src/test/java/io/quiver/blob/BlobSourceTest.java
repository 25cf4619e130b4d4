package io.quiver.blob;

import static io.quiver.blob.BlobTestSupport.CHUNK;
import static io.quiver.blob.BlobTestSupport.SEED;
import static io.quiver.blob.BlobTestSupport.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where a blob's bytes come from: arrays (whole or a slice), files and one-shot streams. Each is
 * stored exactly, a stream is read once and closed, and the inline-or-packed decision depends
 * only on the length, whichever way the bytes arrive.
 */
class BlobSourceTest {
    private static final int THRESHOLD = 4096;

    @TempDir
    Path dir;

    /** Adds one value with a fresh packer, finishes it, and reads the value back. */
    private byte[] storeAndRead(int threshold, Adder adder) throws IOException {
        Path packs = Files.createDirectories(dir.resolve("packs"));
        byte[] descriptor;
        try (BlobPacker packer = new BlobPacker(packs, threshold, 1 << 20)) {
            descriptor = adder.add(packer);
            packer.finish();
        }
        try (BlobStore store = new BlobStore(packs)) {
            return store.blob(descriptor, "test").readAllBytes();
        }
    }

    private interface Adder {
        byte[] add(BlobPacker packer) throws IOException;
    }

    /** A stream that hands out at most a few bytes per read and records being closed. */
    private static final class TricklingStream extends FilterInputStream {
        private final Random random;
        boolean closed;

        TricklingStream(byte[] bytes, Random random) {
            super(new ByteArrayInputStream(bytes));
            this.random = random;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    @ParameterizedTest(name = "threshold {0}")
    @ValueSource(ints = {0, THRESHOLD})
    void everySourceStoresTheSameBytesAndMakesTheSameInlineDecision(int threshold) throws IOException {
        Random random = new Random(SEED + threshold);
        int[] sizes = {0, 1, threshold - 1, threshold, threshold + 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5};
        for (int size : sizes) {
            if (size < 0) {
                continue;
            }
            byte[] model = randomBytes(random, size);
            Path file = Files.write(dir.resolve("source-" + size), model);
            // The same value given four ways, each by its own packer.
            byte[][] descriptors = new byte[4][];
            Adder[] adders = {
                p -> descriptors[0] = p.add(model, 0, size),
                p -> descriptors[1] = p.add(BlobSource.of(model)),
                p -> descriptors[2] = p.add(BlobSource.of(file)),
                p -> descriptors[3] = p.add(BlobSource.of(new TricklingStream(model, random))),
            };
            for (int i = 0; i < adders.length; i++) {
                byte[] read = storeAndRead(threshold, adders[i]);
                String what = "threshold " + threshold + ", " + size + " bytes, source " + i;
                assertArrayEquals(model, read, what);
                assertEquals(size < threshold, BlobStore.packIdOf(descriptors[i]) == null, what + ": inline?");
                assertEquals(size, BlobStore.lengthOf(descriptors[i], "test"), what);
            }
        }
    }

    @Test
    void aSliceOfALargerArrayStoresJustTheSlice() throws IOException {
        Random random = new Random(SEED);
        byte[] big = randomBytes(random, 3 * CHUNK);
        for (int threshold : new int[] {0, THRESHOLD}) {
            for (int[] slice : new int[][] {{17, 100}, {5, CHUNK + 3}, {CHUNK, 0}, {0, 3 * CHUNK}}) {
                int from = slice[0];
                int length = slice[1];
                assertArrayEquals(
                        Arrays.copyOfRange(big, from, from + length),
                        storeAndRead(threshold, p -> p.add(big, from, length)),
                        "threshold " + threshold + ", [" + from + " +" + length + ")");
            }
        }
    }

    @ParameterizedTest(name = "threshold {0}")
    @ValueSource(ints = {0, THRESHOLD})
    void aSliceOutsideTheArrayIsRejected(int threshold) throws IOException {
        byte[] ten = new byte[10];
        try (BlobPacker packer = new BlobPacker(dir, threshold, 1 << 20)) {
            for (int[] bad : new int[][] {{0, 20}, {5, 10}, {11, 0}, {-1, 5}, {0, -1}}) {
                assertThrows(
                        IndexOutOfBoundsException.class,
                        () -> packer.add(ten, bad[0], bad[1]),
                        "threshold " + threshold + ", [" + bad[0] + " +" + bad[1] + ")");
            }
        }
    }

    @Test
    void anArraySourceIsACopyAndCanBeOpenedAgain() throws IOException {
        byte[] bytes = {1, 2, 3};
        BlobSource source = BlobSource.of(bytes);
        bytes[0] = 99; // changing the caller's array later does not change the value
        for (int i = 0; i < 2; i++) {
            try (InputStream in = source.open()) {
                assertArrayEquals(new byte[] {1, 2, 3}, in.readAllBytes());
            }
        }
        assertArrayEquals(new byte[] {1, 2, 3}, storeAndRead(0, p -> p.add(source)));
    }

    @Test
    void aFileSourceReadsTheFileEachTimeItIsOpened() throws IOException {
        Path file = Files.write(dir.resolve("f"), new byte[] {4, 5});
        BlobSource source = BlobSource.of(file);
        assertArrayEquals(new byte[] {4, 5}, storeAndRead(0, p -> p.add(source)));
        Files.write(file, new byte[] {6});
        assertArrayEquals(new byte[] {6}, storeAndRead(0, p -> p.add(source)));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {10, 100_000})
    void aStreamSourceIsReadOnceAndClosedByThePacker(int size) throws IOException {
        // 10 bytes stay inline and 100,000 go to a pack: both paths close the stream.
        byte[] model = randomBytes(new Random(SEED + size), size);
        TricklingStream stream = new TricklingStream(model, new Random(SEED));
        BlobSource source = BlobSource.of(stream);
        Path packs = Files.createDirectories(dir.resolve("packs"));
        try (BlobPacker packer = new BlobPacker(packs, THRESHOLD, 1 << 20)) {
            byte[] descriptor = packer.add(source);
            assertTrue(stream.closed, "the packer closes the source's stream");
            assertThrows(IllegalStateException.class, () -> packer.add(source), "a second add of the same stream");
            assertThrows(IllegalStateException.class, source::open, "a second open");
            packer.finish();
            try (BlobStore store = new BlobStore(packs)) {
                assertArrayEquals(model, store.blob(descriptor, "test").readAllBytes());
            }
        }
    }
}

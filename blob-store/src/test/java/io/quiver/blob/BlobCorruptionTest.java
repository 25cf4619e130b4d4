package io.quiver.blob;

import static io.quiver.blob.BlobTestSupport.CHUNK;
import static io.quiver.blob.BlobTestSupport.SEED;
import static io.quiver.blob.BlobTestSupport.Stored;
import static io.quiver.blob.BlobTestSupport.assertNeverWrongBytes;
import static io.quiver.blob.BlobTestSupport.flipByte;
import static io.quiver.blob.BlobTestSupport.packFile;
import static io.quiver.blob.BlobTestSupport.randomMask;
import static io.quiver.blob.BlobTestSupport.readRange;
import static io.quiver.blob.BlobTestSupport.slice;
import static io.quiver.blob.BlobTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.format.CorruptFileException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damage inside a pack's body: a flipped byte of blob data or of a chunk checksum. Reads that
 * touch the damaged chunk fail with {@link CorruptFileException} before handing out any of its
 * bytes; reads of the blob's other chunks, and of the other blobs of the pack, still succeed.
 */
class BlobCorruptionTest {
    /** Four chunks, the last one partial. */
    private static final int SIZE = 3 * CHUNK + 1000;

    private static final int CHUNKS = 4;

    @TempDir
    Path dir;

    /** The blob under test (index 1) between two neighbours in one pack. */
    private List<Stored> writePack(Random random) throws IOException {
        return write(dir, 0, Long.MAX_VALUE, random, 5000, SIZE, 7000).blobs();
    }

    /** The name errors give a pack: its folder and file name. */
    private String errorName(Stored s) throws IOException {
        return dir.getFileName() + "/" + s.packed().packFileName();
    }

    @ParameterizedTest(name = "chunk {0}")
    @ValueSource(ints = {0, 1, 3})
    void aFlippedDataByteFailsEveryReadOfItsChunkOnly(int damagedChunk) throws IOException {
        long seed = SEED + damagedChunk;
        Random random = new Random(seed);
        List<Stored> blobs = writePack(random);
        Stored s = blobs.get(1);
        long chunkStart = (long) damagedChunk * CHUNK;
        long chunkLength = Math.min(CHUNK, SIZE - chunkStart);
        long at = chunkStart + random.nextLong(chunkLength);
        flipByte(packFile(dir, s), s.packed().offset() + at, randomMask(random));
        String what = "seed " + seed + ", byte " + at + " of the blob flipped";

        try (BlobStore store = new BlobStore(dir)) {
            Blob blob = s.open(store);
            CorruptFileException e = assertThrows(CorruptFileException.class, blob::readAllBytes, what);
            assertEquals(errorName(s), e.file(), "the error names the pack");
            assertStreamFailsBeforeChunk(blob, s.bytes(), damagedChunk, random, what);
            assertOnlyChunkFails(blob, s.bytes(), damagedChunk, what);
            assertThrows(
                    CorruptFileException.class,
                    () -> store.verifyPack(s.packed().packId()),
                    what);
            // The neighbours in the same pack are untouched.
            for (Stored other : List.of(blobs.get(0), blobs.get(2))) {
                assertArrayEquals(other.bytes(), other.open(store).readAllBytes(), what + ", " + other);
            }
        }
    }

    @ParameterizedTest(name = "chunk {0}")
    @ValueSource(ints = {0, 2, 3})
    void aFlippedChunkChecksumFailsReadsOfThatChunk(int damagedChunk) throws IOException {
        long seed = SEED + 100 + damagedChunk;
        Random random = new Random(seed);
        Stored s = writePack(random).get(1);
        BlobDescriptor.Packed d = s.packed();
        long trailerByte = d.offset() + d.length() + 4L * damagedChunk + random.nextInt(4);
        flipByte(packFile(dir, s), trailerByte, randomMask(random));
        String what = "seed " + seed + ", checksum of chunk " + damagedChunk + " flipped";

        try (BlobStore store = new BlobStore(dir)) {
            Blob blob = s.open(store);
            assertStreamFailsBeforeChunk(blob, s.bytes(), damagedChunk, random, what);
            assertOnlyChunkFails(blob, s.bytes(), damagedChunk, what);
            // The data itself is intact: a whole read may pass on the blob's own checksum.
            assertNeverWrongBytes(store, s, what);
            assertThrows(CorruptFileException.class, () -> store.verifyPack(d.packId()), what);
        }
    }

    @Test
    void aDescriptorWithAnotherChecksumFailsWholeReadsButNotRangeReads() throws IOException {
        // The whole-blob CRC lives in the descriptor (in the data file); chunk checksums in the pack.
        Stored s = writePack(new Random(SEED + 200)).get(1);
        BlobDescriptor.Packed d = s.packed();
        byte[] wrong = new BlobDescriptor.Packed(d.packId(), d.offset(), d.length(), d.crc32c() ^ 0x10).encode();
        try (BlobStore store = new BlobStore(dir)) {
            Blob blob = store.blob(wrong, "data/test.qvd");
            assertThrows(CorruptFileException.class, blob::readAllBytes);
            assertThrows(CorruptFileException.class, () -> {
                try (InputStream in = blob.openStream()) {
                    in.readAllBytes();
                }
            });
            try (SeekableByteChannel channel = blob.channel()) {
                assertArrayEquals(s.bytes(), readRange(channel, 0, SIZE, false), "every chunk passes its own check");
            }
        }
    }

    /**
     * Streams the blob in odd pieces: the stream fails, and what it handed out before failing is
     * a correct prefix that stops before the damaged chunk.
     */
    private static void assertStreamFailsBeforeChunk(
            Blob blob, byte[] model, int damagedChunk, Random random, String what) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] piece = new byte[5000];
        try (InputStream in = blob.openStream()) {
            assertThrows(
                    CorruptFileException.class,
                    () -> {
                        for (int n = in.read(piece, 0, 1 + random.nextInt(piece.length));
                                n >= 0;
                                n = in.read(piece, 0, 1 + random.nextInt(piece.length))) {
                            got.write(piece, 0, n);
                        }
                    },
                    what + ": openStream");
        }
        assertTrue(
                got.size() <= (long) damagedChunk * CHUNK,
                what + ": the stream handed out " + got.size() + " bytes, reaching into chunk " + damagedChunk);
        assertArrayEquals(slice(model, 0, got.size()), got.toByteArray(), what + ": the bytes streamed before failing");
    }

    /** Channel reads touching the damaged chunk fail; reads of every other chunk succeed. */
    private static void assertOnlyChunkFails(Blob blob, byte[] model, int damagedChunk, String what)
            throws IOException {
        long start = (long) damagedChunk * CHUNK;
        try (SeekableByteChannel channel = blob.channel()) {
            assertThrows(CorruptFileException.class, () -> readRange(channel, start + 10, 1, false), what);
            assertThrows(CorruptFileException.class, () -> readRange(channel, start, CHUNK, true), what);
            if (damagedChunk > 0) {
                // Starts in a good chunk and runs into the damaged one.
                assertThrows(CorruptFileException.class, () -> readRange(channel, start - 5, 10, false), what);
            }
            // The same channel still reads the good chunks after its failures.
            for (int c = 0; c < CHUNKS; c++) {
                if (c != damagedChunk) {
                    long from = (long) c * CHUNK;
                    assertArrayEquals(
                            slice(model, from, CHUNK),
                            readRange(channel, from, CHUNK, c % 2 == 0),
                            what + ", chunk " + c);
                }
            }
        }
    }
}

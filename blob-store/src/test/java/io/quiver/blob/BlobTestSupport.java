package io.quiver.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.quiver.format.CorruptFileException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Shared helpers of the blob-store tests. The model of a blob is simply the byte array it was
 * written from; every read is compared with it. Randomness is seeded: {@link #SEED} is fixed, and
 * {@code -Dquiver.seed=N} replays another seed (tests print the seed they use in their messages).
 */
final class BlobTestSupport {
    static final long SEED = Long.getLong("quiver.seed", 0x5EED_B10BL);
    static final int CHUNK = BlobPackWriter.CHUNK_BYTES;

    private BlobTestSupport() {}

    /** One blob as written: the model bytes and the descriptor the packer returned for them. */
    record Stored(byte[] bytes, byte[] descriptor) {
        int length() {
            return bytes.length;
        }

        /** The decoded descriptor of a packed blob (fails the test for an inline one). */
        BlobDescriptor.Packed packed() throws CorruptFileException {
            return assertInstanceOf(BlobDescriptor.Packed.class, BlobDescriptor.decode(descriptor, "test"));
        }

        Blob open(BlobStore store) throws IOException {
            return store.blob(descriptor, "data/test.qvd");
        }

        @Override
        public String toString() {
            return bytes.length + "-byte blob";
        }
    }

    /** The blobs of one finished write and the packs it produced. */
    record Written(List<Stored> blobs, List<WrittenPack> packs) {
        Stored only() {
            assertEquals(1, blobs.size(), "blobs written");
            return blobs.getFirst();
        }

        WrittenPack onlyPack() {
            assertEquals(1, packs.size(), "packs written");
            return packs.getFirst();
        }
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    /** Writes random blobs of the given sizes with one packer and finishes it. */
    static Written write(Path dir, int inlineThreshold, long targetPackBytes, Random random, int... sizes)
            throws IOException {
        List<byte[]> blobs = new ArrayList<>();
        for (int size : sizes) {
            blobs.add(randomBytes(random, size));
        }
        return write(dir, inlineThreshold, targetPackBytes, blobs);
    }

    static Written write(Path dir, int inlineThreshold, long targetPackBytes, List<byte[]> blobs) throws IOException {
        List<Stored> stored = new ArrayList<>();
        try (BlobPacker packer = new BlobPacker(dir, inlineThreshold, targetPackBytes)) {
            for (byte[] b : blobs) {
                stored.add(new Stored(b, packer.add(b, 0, b.length)));
            }
            return new Written(stored, packer.finish());
        }
    }

    /** The pack file a packed descriptor points into. */
    static Path packFile(Path dir, Stored blob) throws CorruptFileException {
        return dir.resolve(blob.packed().packFileName());
    }

    static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** Reads a stream to its end in pieces of random sizes between 1 and {@code maxPiece}. */
    static byte[] readInPieces(InputStream in, Random random, int maxPiece) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] piece = new byte[maxPiece + 2];
        while (true) {
            // An offset inside the array checks that read(b, off, len) honours off.
            int off = random.nextInt(2);
            int n = in.read(piece, off, 1 + random.nextInt(maxPiece));
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(piece, off, n);
        }
    }

    static byte[] readByteByByte(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            out.write(b);
        }
        return out.toByteArray();
    }

    /**
     * Reads up to {@code length} bytes from {@code position} into a heap or direct buffer,
     * looping as a caller must (a read may stop early, e.g. at a chunk's end), until the buffer
     * is full or the channel reports its end.
     */
    static byte[] readRange(SeekableByteChannel channel, long position, int length, boolean direct) throws IOException {
        ByteBuffer dst = direct ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length);
        channel.position(position);
        readFully(channel, dst);
        byte[] got = new byte[dst.position()];
        dst.flip().get(got);
        return got;
    }

    /** Fills {@code dst} from the channel's position, stopping early only at the channel's end. */
    static void readFully(SeekableByteChannel channel, ByteBuffer dst) throws IOException {
        while (dst.hasRemaining() && channel.read(dst) >= 0) {
            // keep reading
        }
    }

    /** The model's bytes in [from, from + length), clipped at its end as a channel clips them. */
    static byte[] slice(byte[] model, long from, int length) {
        int start = (int) Math.min(from, model.length);
        return Arrays.copyOfRange(model, start, (int) Math.min(model.length, (long) start + length));
    }

    /** XORs one byte of a file with a non-zero mask, in place; doing it twice restores the file. */
    static void flipByte(Path file, long at, int mask) throws IOException {
        if ((mask & 0xff) == 0) {
            throw new IllegalArgumentException("a zero mask changes nothing");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, at);
            one.put(0, (byte) (one.get(0) ^ mask));
            ch.write(one.rewind(), at);
        }
    }

    /** A random non-zero byte mask. */
    static int randomMask(Random random) {
        return 1 + random.nextInt(255);
    }

    /**
     * The property every damaged pack must keep: each way of reading a blob either returns
     * exactly the written bytes or fails with {@link CorruptFileException}, never wrong bytes and
     * never another exception.
     */
    static void assertNeverWrongBytes(BlobStore store, Stored s, String what) {
        assertCorrectOrCorrupt(s.bytes(), () -> s.open(store).readAllBytes(), what + ", readAllBytes");
        assertCorrectOrCorrupt(
                s.bytes(),
                () -> {
                    try (InputStream in = s.open(store).openStream()) {
                        return in.readAllBytes();
                    }
                },
                what + ", openStream");
        assertCorrectOrCorrupt(
                s.bytes(),
                () -> {
                    try (SeekableByteChannel ch = s.open(store).channel()) {
                        return readRange(ch, 0, s.length(), false);
                    }
                },
                what + ", channel");
    }

    interface Read {
        byte[] get() throws IOException;
    }

    private static void assertCorrectOrCorrupt(byte[] expected, Read read, String what) {
        byte[] got;
        try {
            got = read.get();
        } catch (CorruptFileException e) {
            return;
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(what + ": expected the right bytes or CorruptFileException, got " + e, e);
        }
        assertArrayEquals(expected, got, what + ": a read that passes its checks returns the written bytes");
    }

    /** Heap in use once garbage is collected (a few rounds, since one GC may leave some). */
    static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(
                    used,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}

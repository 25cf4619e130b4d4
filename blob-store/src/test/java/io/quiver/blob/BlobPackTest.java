package io.quiver.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.format.CorruptFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blob packs on their own: sizes around the chunk size, channels, cleanup, and every damaged byte. */
class BlobPackTest {
    private static final long SEED = 0x5EEDL;

    @TempDir
    Path dir;

    private record Stored(byte[] bytes, byte[] descriptor) {}

    private List<Stored> write(BlobPacker packer, Random random, int... sizes) throws IOException {
        List<Stored> out = new ArrayList<>();
        for (int size : sizes) {
            byte[] b = new byte[size];
            random.nextBytes(b);
            out.add(new Stored(b, packer.add(b, 0, size)));
        }
        return out;
    }

    @Test
    void blobsAroundTheChunkSizeReadBackWholeStreamedAndByRange() throws IOException {
        Random random = new Random(SEED);
        List<Stored> stored;
        try (BlobPacker packer = new BlobPacker(dir, 100, 100_000)) {
            stored = write(packer, random, 0, 1, 99, 100, 65_535, 65_536, 65_537, 200_000, 3);
            assertTrue(packer.finish().size() > 1, "small target pack size rolls over to new packs");
        }
        try (BlobStore store = new BlobStore(dir)) {
            for (Stored s : stored) {
                Blob blob = store.blob(s.descriptor(), "test");
                String what = s.bytes().length + "-byte blob";
                assertEquals(s.bytes().length, blob.length(), what);
                assertArrayEquals(s.bytes(), blob.readAllBytes(), what);
                try (InputStream in = blob.openStream()) {
                    ByteBuffer got = ByteBuffer.allocate(s.bytes().length);
                    byte[] piece = new byte[1 + random.nextInt(70_000)];
                    for (int n = in.read(piece); n >= 0; n = in.read(piece)) {
                        got.put(piece, 0, n);
                    }
                    assertArrayEquals(s.bytes(), got.array(), what + " streamed");
                }
                try (SeekableByteChannel channel = blob.channel()) {
                    for (int k = 0; k < 10; k++) {
                        int from = random.nextInt(s.bytes().length + 1);
                        int length = random.nextInt(s.bytes().length - from + 1);
                        ByteBuffer dst = k % 2 == 0 ? ByteBuffer.allocate(length) : ByteBuffer.allocateDirect(length);
                        channel.position(from);
                        while (dst.hasRemaining()) {
                            channel.read(dst);
                        }
                        byte[] got = new byte[length];
                        dst.flip().get(got);
                        assertArrayEquals(Arrays.copyOfRange(s.bytes(), from, from + length), got, what + " @" + from);
                    }
                    channel.position(s.bytes().length + 5L);
                    assertEquals(-1, channel.read(ByteBuffer.allocate(1)));
                    assertThrows(NonWritableChannelException.class, () -> channel.write(ByteBuffer.allocate(1)));
                    assertThrows(NonWritableChannelException.class, () -> channel.truncate(0));
                }
                SeekableByteChannel closed = blob.channel();
                closed.close();
                assertThrows(ClosedChannelException.class, () -> closed.read(ByteBuffer.allocate(1)));
            }
        }
    }

    @Test
    void packsOfAWriteThatIsNotFinishedAreDeleted() throws IOException {
        try (BlobPacker packer = new BlobPacker(dir, 0, 1000)) {
            write(packer, new Random(SEED), 5000, 5000, 5000);
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(3, files.count());
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "close() without finish() removes every pack");
        }
    }

    @Test
    void everyFlippedByteOfAPackIsFoundByVerifyAndNoReadReturnsWrongBytes() throws IOException {
        List<Stored> stored;
        WrittenPack pack;
        try (BlobPacker packer = new BlobPacker(dir, 0, 1 << 20)) {
            stored = write(packer, new Random(SEED), 0, 7, 300);
            pack = packer.finish().getFirst();
        }
        Path file = dir.resolve(pack.fileName());
        byte[] original = Files.readAllBytes(file);
        for (int at = 0; at < original.length; at++) {
            byte[] damaged = original.clone();
            damaged[at] ^= (byte) (1 << (at % 8));
            Files.write(file, damaged);
            try (BlobStore store = new BlobStore(dir)) {
                int where = at;
                assertThrows(CorruptFileException.class, () -> store.verifyPack(pack.packId()), "byte " + where);
                for (Stored s : stored) {
                    try {
                        assertArrayEquals(
                                s.bytes(), store.blob(s.descriptor(), "test").readAllBytes(), "byte " + at);
                    } catch (CorruptFileException e) {
                        // a read that touches the damage fails; one that does not returns the right bytes
                    }
                }
            }
        }
    }

    @Test
    void damagedDescriptorsAreCorruptionNotCrashes() throws IOException {
        byte[] packed;
        try (BlobPacker packer = new BlobPacker(dir, 0, 1 << 20)) {
            packed = packer.add(new byte[10], 0, 10);
            packer.finish();
        }
        List<byte[]> bad = new ArrayList<>(List.of(new byte[0], new byte[] {9}, Arrays.copyOf(packed, 36)));
        byte[] pastTheEnd = packed.clone();
        pastTheEnd[17] = 0x7f; // offset far beyond the pack
        bad.add(pastTheEnd);
        byte[] negative = packed.clone();
        negative[32] = (byte) 0x80; // length's top byte: a negative u64
        bad.add(negative);
        try (BlobStore store = new BlobStore(dir)) {
            for (byte[] descriptor : bad) {
                assertThrows(
                        CorruptFileException.class,
                        () -> store.blob(descriptor, "data/x.qvd").readAllBytes(),
                        Arrays.toString(descriptor));
            }
        }
    }
}

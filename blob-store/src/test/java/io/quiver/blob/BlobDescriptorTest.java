package io.quiver.blob;

import static io.quiver.blob.BlobTestSupport.CHUNK;
import static io.quiver.blob.BlobTestSupport.SEED;
import static io.quiver.blob.BlobTestSupport.Stored;
import static io.quiver.blob.BlobTestSupport.assertNeverWrongBytes;
import static io.quiver.blob.BlobTestSupport.randomBytes;
import static io.quiver.blob.BlobTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.format.CorruptFileException;
import io.quiver.format.FileEnvelope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stored form of a blob reference (SPEC.md section 13): tag 1 and the bytes, or tag 2, the
 * 16-byte pack id, u64 offset, u64 length and u32 CRC32C, little-endian, 37 bytes. Descriptors
 * come from data files, so damaged ones must be {@link CorruptFileException}s, never an index
 * error, a huge allocation or a read of bytes outside the blob.
 */
class BlobDescriptorTest {
    private static final String WHERE = "data/part-7.qvd";

    @TempDir
    Path dir;

    private static byte[] packId(Random random) {
        return randomBytes(random, FileEnvelope.FILE_ID_LENGTH);
    }

    @Test
    void inlineDescriptorsAreTheTagAndTheBytes() throws IOException {
        Random random = new Random(SEED);
        for (int size : new int[] {0, 1, 36, 37, 38, 4095}) {
            byte[] bytes = randomBytes(random, size);
            byte[] encoded = new BlobDescriptor.Inline(bytes).encode();
            assertEquals(1 + size, encoded.length);
            assertEquals(BlobDescriptor.INLINE_TAG, encoded[0]);
            assertArrayEquals(bytes, Arrays.copyOfRange(encoded, 1, encoded.length));
            BlobDescriptor.Inline decoded =
                    assertInstanceOf(BlobDescriptor.Inline.class, BlobDescriptor.decode(encoded, WHERE));
            assertArrayEquals(bytes, decoded.bytes(), size + " bytes");
            assertEquals(size, BlobStore.lengthOf(encoded, WHERE));
            // An inline value of 37 bytes is not mistaken for a packed reference.
            assertNull(BlobStore.packIdOf(encoded), size + " bytes");
        }
    }

    @Test
    void packedDescriptorsHaveTheSpecifiedLayout() throws IOException {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 50; i++) {
            byte[] id = packId(random);
            long offset = i == 0 ? 0 : i == 1 ? Long.MAX_VALUE : random.nextLong(Long.MAX_VALUE);
            long length = i == 0 ? Long.MAX_VALUE : i == 1 ? 0 : random.nextLong(Long.MAX_VALUE);
            int crc = random.nextInt();
            BlobDescriptor.Packed d = new BlobDescriptor.Packed(id, offset, length, crc);
            byte[] encoded = d.encode();

            assertEquals(37, BlobDescriptor.PACKED_LENGTH);
            assertEquals(BlobDescriptor.PACKED_LENGTH, encoded.length);
            ByteBuffer b = ByteBuffer.wrap(encoded).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(BlobDescriptor.PACKED_TAG, b.get());
            byte[] storedId = new byte[16];
            b.get(storedId);
            assertArrayEquals(id, storedId);
            assertEquals(offset, b.getLong());
            assertEquals(length, b.getLong());
            assertEquals(crc, b.getInt());

            assertEquals(d, BlobDescriptor.decode(encoded, WHERE));
            assertEquals(d.hashCode(), BlobDescriptor.decode(encoded, WHERE).hashCode());
            assertArrayEquals(id, BlobStore.packIdOf(encoded));
            assertEquals(length, BlobStore.lengthOf(encoded, WHERE));
            assertEquals(HexFormat.of().formatHex(id) + ".qvb", d.packFileName());
            assertEquals(d.packFileName(), BlobStore.packFileName(id));
        }
    }

    @Test
    void packedDescriptorsDifferingInAnyFieldAreNotEqual() {
        byte[] id = packId(new Random(SEED + 2));
        byte[] otherId = id.clone();
        otherId[15] ^= 1;
        BlobDescriptor.Packed d = new BlobDescriptor.Packed(id, 100, 200, 300);
        assertEquals(d, new BlobDescriptor.Packed(id.clone(), 100, 200, 300), "ids are compared by content");
        assertNotEquals(d, new BlobDescriptor.Packed(otherId, 100, 200, 300));
        assertNotEquals(d, new BlobDescriptor.Packed(id, 101, 200, 300));
        assertNotEquals(d, new BlobDescriptor.Packed(id, 100, 201, 300));
        assertNotEquals(d, new BlobDescriptor.Packed(id, 100, 200, 301));
    }

    @Test
    void aPackIdHasSixteenBytes() {
        for (int n : new int[] {0, 15, 17}) {
            assertThrows(IllegalArgumentException.class, () -> new BlobDescriptor.Packed(new byte[n], 0, 0, 0));
        }
    }

    @Test
    void malformedDescriptorsAreCorruption() {
        byte[] packed = new BlobDescriptor.Packed(new byte[16], 32, 10, 0).encode();
        List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[0]);
        for (int tag : new int[] {0, 3, 4, 0x7f, -1, -128}) { // unknown tags, with and without payload
            bad.add(new byte[] {(byte) tag});
            byte[] withPayload = packed.clone();
            withPayload[0] = (byte) tag;
            bad.add(withPayload);
        }
        for (int length : new int[] {1, 2, 17, 36, 38, 100}) { // a packed tag needs exactly 37 bytes
            bad.add(Arrays.copyOf(packed, length));
        }
        bad.add(withLong(packed, 17, -1)); // negative offset
        bad.add(withLong(packed, 25, Long.MIN_VALUE)); // negative length
        for (byte[] descriptor : bad) {
            String what = HexFormat.of().formatHex(descriptor);
            CorruptFileException e =
                    assertThrows(CorruptFileException.class, () -> BlobDescriptor.decode(descriptor, WHERE), what);
            assertEquals(WHERE, e.file(), "the error names the data file the descriptor came from");
            assertThrows(CorruptFileException.class, () -> BlobStore.lengthOf(descriptor, WHERE), what);
            try (BlobStore store = new BlobStore(dir)) {
                assertThrows(CorruptFileException.class, () -> store.blob(descriptor, WHERE), what);
            }
            if (descriptor.length != BlobDescriptor.PACKED_LENGTH || descriptor[0] != BlobDescriptor.PACKED_TAG) {
                assertNull(BlobStore.packIdOf(descriptor), what);
            }
        }
    }

    private static byte[] withLong(byte[] descriptor, int at, long value) {
        byte[] copy = descriptor.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
        return copy;
    }

    @Test
    void descriptorsPointingOutsideThePacksBodyAreCorruption() throws IOException {
        // One pack holding a 10-byte blob and a two-chunk blob; descriptors then lie about them.
        List<Stored> blobs =
                write(dir, 0, 1 << 20, new Random(SEED + 3), 10, CHUNK + 5).blobs();
        BlobDescriptor.Packed small = blobs.get(0).packed();
        BlobDescriptor.Packed big = blobs.get(1).packed();
        long bodyEnd = big.offset() + PackedBlob.storedLength(big.length());
        long fileSize = Files.size(dir.resolve(small.packFileName()));
        long[][] offsetsAndLengths = {
            {0, 10}, // in the header
            {FileEnvelope.HEADER_LENGTH - 1, 10}, // starts in the header
            {bodyEnd, 1}, // in the index
            {bodyEnd - 3, 10}, // runs into the index
            {big.offset(), big.length() + 1}, // one byte longer: its checksums run into the index
            {big.offset(), big.length() + 5}, // one chunk more: still past the body
            {fileSize, 0}, // beyond the file
            {fileSize + 1000, 10},
            {1L << 40, 10},
            {Long.MAX_VALUE, 0},
            {Long.MAX_VALUE, Long.MAX_VALUE}, // offset + length overflows
            {small.offset(), Long.MAX_VALUE}, // stored length (with checksums) overflows
            {small.offset(), Long.MAX_VALUE - (1L << 40)},
            {small.offset(), Long.MAX_VALUE / 2},
            {small.offset(), 1L << 40},
            {small.offset(), Integer.MAX_VALUE + 1L}, // beyond a Java array, but also beyond the pack
        };
        try (BlobStore store = new BlobStore(dir)) {
            for (long[] ol : offsetsAndLengths) {
                byte[] descriptor = new BlobDescriptor.Packed(small.packId(), ol[0], ol[1], small.crc32c()).encode();
                String what = "offset " + ol[0] + ", length " + ol[1];
                assertThrows(CorruptFileException.class, () -> readAll(store, descriptor), what);
                assertThrows(CorruptFileException.class, () -> stream(store, descriptor), what);
                assertThrows(CorruptFileException.class, () -> rangeRead(store, descriptor), what);
            }
            // The pack itself is fine.
            assertEquals(2, store.verifyPack(small.packId()).size());
        }
    }

    @Test
    void descriptorsShiftedInsideTheBodyNeverReadWrongBytes() throws IOException {
        // Offsets and lengths that stay inside the body but not on a blob: its checksums catch it.
        Random random = new Random(SEED + 4);
        List<Stored> blobs = write(dir, 0, 1 << 20, random, 10, CHUNK + 5, 3000).blobs();
        try (BlobStore store = new BlobStore(dir)) {
            for (Stored s : blobs) {
                BlobDescriptor.Packed d = s.packed();
                long[][] shifts = {{1, 0}, {-1, 0}, {0, -1}, {0, 1}, {4, -4}, {-4, 4}, {5, 0}};
                for (long[] shift : shifts) {
                    long offset = d.offset() + shift[0];
                    long length = d.length() + shift[1];
                    if (offset < 0 || length < 0) {
                        continue;
                    }
                    byte[] lying = new BlobDescriptor.Packed(d.packId(), offset, length, d.crc32c()).encode();
                    // The "model" a wrong descriptor could be mistaken for: the blob's own bytes.
                    Stored claimed = new Stored(s.bytes(), lying);
                    String what = s + " shifted by " + Arrays.toString(shift);
                    assertNeverWrongBytes(store, claimed, what);
                    assertThrows(CorruptFileException.class, () -> readAll(store, lying), what);
                }
            }
        }
    }

    @Test
    void aDescriptorNamingAMissingPackIsAnIoErrorNotAWrongBlob() throws IOException {
        byte[] descriptor = new BlobDescriptor.Packed(packId(new Random(SEED + 5)), 32, 10, 0).encode();
        try (BlobStore store = new BlobStore(dir)) {
            IOException e = assertThrows(IOException.class, () -> store.blob(descriptor, WHERE));
            assertTrue(e.getMessage().contains(BlobStore.packFileName(BlobStore.packIdOf(descriptor))), e.toString());
        }
    }

    private static byte[] readAll(BlobStore store, byte[] descriptor) throws IOException {
        return store.blob(descriptor, WHERE).readAllBytes();
    }

    private static byte[] stream(BlobStore store, byte[] descriptor) throws IOException {
        try (InputStream in = store.blob(descriptor, WHERE).openStream()) {
            return in.readNBytes(1000);
        }
    }

    private static int rangeRead(BlobStore store, byte[] descriptor) throws IOException {
        try (SeekableByteChannel ch = store.blob(descriptor, WHERE).channel()) {
            return ch.read(ByteBuffer.allocate(1000));
        }
    }
}

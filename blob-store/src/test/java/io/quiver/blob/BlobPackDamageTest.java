package io.quiver.blob;

import static io.quiver.blob.BlobTestSupport.SEED;
import static io.quiver.blob.BlobTestSupport.Stored;
import static io.quiver.blob.BlobTestSupport.Written;
import static io.quiver.blob.BlobTestSupport.flipByte;
import static io.quiver.blob.BlobTestSupport.randomMask;
import static io.quiver.blob.BlobTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.format.CorruptFileException;
import io.quiver.format.EnvelopeWriter;
import io.quiver.format.FileEnvelope;
import io.quiver.format.FileKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage to what surrounds the blobs: the header, the index (metadata block), the footer, a
 * truncated or extended file, another pack or another kind of file under the pack's name.
 * Opening such a pack fails with {@link CorruptFileException}, whichever blob is asked for.
 */
class BlobPackDamageTest {
    @TempDir
    Path dir;

    private Written written;
    private Path file;
    private byte[] original;

    @BeforeEach
    void writePack() throws IOException {
        written = write(dir, 0, 1 << 20, new Random(SEED), 0, 10, 300, 70_000);
        file = dir.resolve(written.onlyPack().fileName());
        original = Files.readAllBytes(file);
    }

    /** Opening the pack, for any of its blobs, and verifying it all fail as corruption. */
    private void assertOpeningFails(String what) {
        try (BlobStore store = new BlobStore(dir)) {
            for (Stored s : written.blobs()) {
                assertThrows(CorruptFileException.class, () -> s.open(store), what + ", " + s);
            }
            assertThrows(
                    CorruptFileException.class,
                    () -> store.verifyPack(written.onlyPack().packId()),
                    what);
        }
    }

    /** Flips each byte of [from, to) in turn and checks that the pack no longer opens. */
    private void assertEveryFlipFailsOpening(long from, long to, String region) throws IOException {
        Random random = new Random(SEED + from);
        for (long at = from; at < to; at++) {
            int mask = randomMask(random);
            flipByte(file, at, mask);
            assertOpeningFails(String.format("%s byte %d ^ %02x (seed %d)", region, at, mask, SEED + from));
            flipByte(file, at, mask);
        }
    }

    private long footerStart() {
        return original.length - FileEnvelope.FOOTER_LENGTH;
    }

    private long metadataStart() {
        return ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN).getLong((int) footerStart());
    }

    @Test
    void everyDamagedHeaderByteFailsOpening() throws IOException {
        assertEveryFlipFailsOpening(0, FileEnvelope.HEADER_LENGTH, "header");
    }

    @Test
    void everyDamagedIndexByteFailsOpening() throws IOException {
        assertTrue(footerStart() - metadataStart() > 10, "the index of four blobs takes some bytes");
        assertEveryFlipFailsOpening(metadataStart(), footerStart(), "index");
    }

    @Test
    void everyDamagedFooterByteFailsOpeningExceptTheWholeFileChecksum() throws IOException {
        // Footer: metadata offset, length and CRC [0,16), whole-file CRC [16,20), "QEND" [20,24).
        assertEveryFlipFailsOpening(footerStart(), footerStart() + 16, "footer");
        assertEveryFlipFailsOpening(footerStart() + 20, original.length, "footer magic");
    }

    @Test
    void aDamagedWholeFileChecksumIsFoundByVerifyWhileBlobsStillRead() throws IOException {
        // Opening does not read the whole file (blobs carry their own checksums); verify does.
        for (long at = footerStart() + 16; at < footerStart() + 20; at++) {
            flipByte(file, at, 0x40);
            try (BlobStore store = new BlobStore(dir)) {
                for (Stored s : written.blobs()) {
                    assertArrayEquals(s.bytes(), s.open(store).readAllBytes(), s.toString());
                }
                assertThrows(
                        CorruptFileException.class,
                        () -> store.verifyPack(written.onlyPack().packId()));
            }
            flipByte(file, at, 0x40);
        }
    }

    @Test
    void aTruncatedPackFailsOpening() throws IOException {
        int n = original.length;
        int header = FileEnvelope.HEADER_LENGTH;
        int footer = FileEnvelope.FOOTER_LENGTH;
        for (int length : new int[] {
            0, 1, header - 1, header, header + footer - 1, header + footer, n / 2, n - footer, n - 8, n - 4, n - 1
        }) {
            Files.write(file, Arrays.copyOf(original, length));
            assertOpeningFails("truncated to " + length + " of " + n + " bytes");
        }
    }

    @Test
    void aPackWithBytesAppendedFailsOpening() throws IOException {
        for (int extra : new int[] {1, 4, FileEnvelope.FOOTER_LENGTH, 70_000}) {
            Files.write(file, Arrays.copyOf(original, original.length + extra));
            assertOpeningFails(extra + " zero bytes appended");
        }
    }

    @Test
    void anotherPackRenamedIntoPlaceFailsOpening() throws IOException {
        // A second, valid pack moved over the first: its header carries another id.
        Path other = Files.createDirectories(dir.resolve("other"));
        Written second = write(other, 0, 1 << 20, new Random(SEED + 1), 0, 10, 300, 70_000);
        Files.move(other.resolve(second.onlyPack().fileName()), file, StandardCopyOption.REPLACE_EXISTING);
        assertOpeningFails("another pack under this pack's name");
    }

    @Test
    void anotherKindOfQuiverFileUnderThePacksNameFailsOpening() throws IOException {
        // A well-formed data file that even carries the pack's id: the kind in its header differs.
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            EnvelopeWriter writer =
                    new EnvelopeWriter(ch, FileKind.DATA, written.onlyPack().packId());
            writer.write(ByteBuffer.wrap(new byte[100]));
            writer.finish(new byte[0]);
        }
        assertOpeningFails("a data file under this pack's name");
    }

    @Test
    void anEmptyBodyUnderAValidEnvelopeFailsEveryBlob() throws IOException {
        // A pack with the right id and kind but no blobs: every descriptor points outside its body.
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            new EnvelopeWriter(ch, FileKind.BLOB_PACK, written.onlyPack().packId()).finish(new byte[0]);
        }
        try (BlobStore store = new BlobStore(dir)) {
            for (Stored s : written.blobs()) {
                if (s.length() > 0) {
                    assertThrows(CorruptFileException.class, () -> s.open(store), s.toString());
                }
            }
            assertThrows(
                    CorruptFileException.class,
                    () -> store.verifyPack(written.onlyPack().packId()));
        }
        assertEquals(0, Files.size(file) - FileEnvelope.HEADER_LENGTH - FileEnvelope.FOOTER_LENGTH);
    }
}

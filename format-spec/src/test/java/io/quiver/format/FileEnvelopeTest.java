package io.quiver.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The envelope every Quiver file shares: what is written reads back, and every truncation, bit
 * flip, wrong kind and unsupported version is a typed error naming the file. Seeded: a failure
 * prints the seed, and {@code -Dquiver.seed=N} replays it.
 */
class FileEnvelopeTest {
    private static final long SEED = Long.getLong("quiver.seed", new Random().nextLong());
    private static final String NAME = "dir/some-file.qvd";

    @RegisterExtension
    static final TestExecutionExceptionHandler PRINT_SEED = (context, failure) -> {
        failure.addSuppressed(new Throwable("reproduce with -Dquiver.seed=" + SEED, null, false, false) {
            private static final long serialVersionUID = 1L;
        });
        throw failure;
    };

    /** A complete file: header, {@code body}, {@code meta} and footer. */
    static byte[] write(FileKind kind, byte[] fileId, byte[] body, byte[] meta) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EnvelopeWriter writer = new EnvelopeWriter(Channels.newChannel(out), kind, fileId);
        writer.write(ByteBuffer.wrap(body));
        long length = writer.finish(meta);
        assertEquals(out.size(), length, "finish() returns the file's length");
        return out.toByteArray();
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Opens and checks every byte, as a reader of a small file does. */
    private static OpenEnvelope openAndVerify(byte[] file, FileKind kind) throws IOException {
        OpenEnvelope e = FileEnvelope.open(NAME, MemorySegment.ofArray(file), kind);
        e.verifyFileChecksum();
        return e;
    }

    @ParameterizedTest
    @EnumSource(FileKind.class)
    void roundTripsHeaderBodyAndMetadata(FileKind kind) throws IOException {
        Random random = new Random(SEED ^ kind.id());
        for (int round = 0; round < 20; round++) {
            byte[] id = FileEnvelope.newFileId();
            byte[] body = randomBytes(random, random.nextInt(round == 0 ? 1 : 3000));
            byte[] meta = randomBytes(random, round == 1 ? 0 : random.nextInt(500));
            byte[] file = write(kind, id, body, meta);
            assertEquals(
                    FileEnvelope.HEADER_LENGTH + body.length + meta.length + FileEnvelope.FOOTER_LENGTH, file.length);

            OpenEnvelope e = openAndVerify(file, kind);
            assertEquals(new FileHeader(kind, FileEnvelope.CURRENT_VERSION, id), e.header());
            assertTrue(e.header().hasFileId(id));
            assertEquals(NAME, e.fileName());
            assertArrayEquals(meta, e.metadata());
            assertEquals(FileEnvelope.HEADER_LENGTH, e.bodyStart());
            assertEquals(FileEnvelope.HEADER_LENGTH + body.length, e.bodyEnd());
            assertArrayEquals(body, Arrays.copyOfRange(file, (int) e.bodyStart(), (int) e.bodyEnd()));
            e.checkBodyRange("whole body", e.bodyStart(), body.length);
            assertThrows(
                    CorruptFileException.class,
                    () -> e.checkBodyRange("past the body", e.bodyStart(), body.length + 1L));
            assertThrows(CorruptFileException.class, () -> e.checkBodyRange("in the header", 0, 1));
            assertThrows(CorruptFileException.class, () -> e.checkBodyRange("negative", e.bodyStart(), -1));
            assertThrows(
                    CorruptFileException.class, () -> e.checkBodyRange("overflow", Long.MAX_VALUE, Long.MAX_VALUE));
        }
    }

    @Test
    void headerBytesAreTheDocumentedLayout() {
        byte[] id = new byte[FileEnvelope.FILE_ID_LENGTH];
        Arrays.fill(id, (byte) 7);
        ByteBuffer h =
                ByteBuffer.wrap(FileEnvelope.header(FileKind.DELETION, id)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("QUIV", new String(Arrays.copyOf(h.array(), 4), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(FileKind.DELETION.id(), h.getShort(4));
        assertEquals(FileEnvelope.CURRENT_VERSION, h.getShort(6));
        assertArrayEquals(id, Arrays.copyOfRange(h.array(), 8, 24));
        assertEquals(0, h.getInt(24));
        assertEquals(Crc32c.of(Arrays.copyOf(h.array(), 28)), h.getInt(28));
    }

    @Test
    void everyTruncationIsCorruptionNamingTheFile() throws IOException {
        Random random = new Random(SEED);
        byte[] file =
                write(FileKind.MANIFEST, FileEnvelope.newFileId(), randomBytes(random, 40), randomBytes(random, 30));
        for (int length = 0; length < file.length; length++) {
            expectCorrupt(Arrays.copyOf(file, length), FileKind.MANIFEST, "truncated to " + length + " bytes");
        }
    }

    @Test
    void everyBitFlipOfASmallFileIsCorruptionNamingTheFile() throws IOException {
        Random random = new Random(SEED);
        byte[] file = write(FileKind.DATA, FileEnvelope.newFileId(), randomBytes(random, 24), randomBytes(random, 16));
        for (int bit = 0; bit < file.length * 8; bit++) {
            byte[] damaged = file.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            expectCorrupt(damaged, FileKind.DATA, "bit " + bit + " flipped");
        }
    }

    @Test
    void sampledBitFlipsAndByteRunsOfALargerFileAreCorruption() throws IOException {
        Random random = new Random(SEED);
        byte[] file = write(
                FileKind.DELETION, FileEnvelope.newFileId(), randomBytes(random, 20_000), randomBytes(random, 2_000));
        for (int i = 0; i < 2_000; i++) {
            byte[] damaged = file.clone();
            // Sample the header, the footer and the metadata block more densely than the body.
            int region = random.nextInt(4);
            int at = switch (region) {
                case 0 -> random.nextInt(FileEnvelope.HEADER_LENGTH);
                case 1 -> file.length - 1 - random.nextInt(FileEnvelope.FOOTER_LENGTH);
                case 2 -> file.length - FileEnvelope.FOOTER_LENGTH - 1 - random.nextInt(2_000);
                default -> random.nextInt(file.length);
            };
            if (random.nextBoolean()) {
                damaged[at] ^= (byte) (1 << random.nextInt(8));
            } else {
                int run = Math.min(1 + random.nextInt(16), file.length - at);
                for (int k = 0; k < run; k++) {
                    damaged[at + k] = (byte) (damaged[at + k] + 1 + random.nextInt(255));
                }
            }
            expectCorrupt(damaged, FileKind.DELETION, "damage at byte " + at);
        }
    }

    @Test
    void appendedBytesAreCorruption() throws IOException {
        byte[] file = write(FileKind.MANIFEST, FileEnvelope.newFileId(), new byte[10], new byte[10]);
        expectCorrupt(Arrays.copyOf(file, file.length + 1), FileKind.MANIFEST, "one zero byte appended");
        byte[] twice = Arrays.copyOf(file, file.length * 2);
        System.arraycopy(file, 0, twice, file.length, file.length);
        expectCorrupt(twice, FileKind.MANIFEST, "the file twice");
    }

    @Test
    void wrongKindIsCorruptionNamingBothKinds() throws IOException {
        byte[] file = write(FileKind.DATA, FileEnvelope.newFileId(), new byte[8], new byte[8]);
        CorruptFileException e = expectCorrupt(file, FileKind.MANIFEST, "a data file opened as a manifest");
        assertTrue(e.getMessage().contains("manifest") && e.getMessage().contains("data file"), e.getMessage());
    }

    @Test
    void unknownKindWithAValidHeaderChecksumIsCorruption() throws IOException {
        byte[] file = write(FileKind.DATA, FileEnvelope.newFileId(), new byte[8], new byte[8]);
        patchHeader(file, 4, (short) 999);
        CorruptFileException e = expectCorrupt(file, FileKind.DATA, "kind 999");
        assertTrue(e.getMessage().contains("999"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 3, 0xFFFF})
    void unsupportedVersionWithAValidHeaderChecksumIsTyped(int version) throws IOException {
        byte[] file = write(FileKind.MANIFEST, FileEnvelope.newFileId(), new byte[8], new byte[8]);
        patchHeader(file, 6, (short) version);
        UnsupportedFormatVersionException e = assertThrows(
                UnsupportedFormatVersionException.class,
                () -> FileEnvelope.open(NAME, MemorySegment.ofArray(file), FileKind.MANIFEST));
        assertEquals(version, e.version());
        assertEquals(version > FileEnvelope.CURRENT_VERSION, e.tooNew());
        assertTrue(e.getMessage().startsWith(NAME + ": "), e.getMessage());
        assertTrue(
                e.getMessage().contains(version > FileEnvelope.CURRENT_VERSION ? "too new" : "too old"),
                e.getMessage());
    }

    @Test
    void metadataOffsetInsideTheHeaderIsCorruption() throws IOException {
        byte[] file = write(FileKind.MANIFEST, FileEnvelope.newFileId(), new byte[8], new byte[8]);
        // Point the metadata block at [0, 0): its CRC32C (of nothing) is 0, so only the offset check can object.
        patchFooter(file, 0, 0, 0);
        expectCorrupt(file, FileKind.MANIFEST, "metadata offset 0");
    }

    @Test
    void metadataBlockThatDoesNotEndAtTheFooterIsCorruption() throws IOException {
        byte[] file = write(FileKind.MANIFEST, FileEnvelope.newFileId(), new byte[8], new byte[8]);
        // Move the block one byte earlier with a matching checksum: a gap before the footer.
        long offset = file.length - FileEnvelope.FOOTER_LENGTH - 8 - 1;
        patchFooter(file, offset, 8, Crc32c.of(MemorySegment.ofArray(file), offset, 8));
        expectCorrupt(file, FileKind.MANIFEST, "metadata block ending before the footer");
    }

    @Test
    void nonZeroReservedHeaderBytesWithAValidChecksumAreCorruption() throws IOException {
        byte[] file = write(FileKind.DATA, FileEnvelope.newFileId(), new byte[8], new byte[8]);
        patchHeader(file, 26, (short) 1);
        expectCorrupt(file, FileKind.DATA, "reserved bytes set");
    }

    @Test
    void hugeMetadataLengthIsCorruptionNotAnAllocation() throws IOException {
        byte[] file = write(FileKind.MANIFEST, FileEnvelope.newFileId(), new byte[8], new byte[8]);
        patchFooter(file, Long.MAX_VALUE - 3, -1, 0);
        expectCorrupt(file, FileKind.MANIFEST, "metadata at Long.MAX_VALUE");
        patchFooter(file, FileEnvelope.HEADER_LENGTH, Integer.MAX_VALUE, 0);
        expectCorrupt(file, FileKind.MANIFEST, "metadata of 2 GiB");
    }

    @Test
    void callerMistakesAreIllegalArguments() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> FileEnvelope.header(FileKind.DATA, new byte[15]));
        assertThrows(NullPointerException.class, () -> new FileHeader(null, 1, new byte[16]));
        EnvelopeWriter writer =
                new EnvelopeWriter(Channels.newChannel(new ByteArrayOutputStream()), FileKind.DATA, new byte[16]);
        writer.finish(new byte[0]);
        assertThrows(IllegalStateException.class, () -> writer.write(ByteBuffer.allocate(1)));
    }

    @Test
    void fileIdsAreFreshAndHeadersCopyThem() {
        byte[] a = FileEnvelope.newFileId();
        assertEquals(FileEnvelope.FILE_ID_LENGTH, a.length);
        assertFalse(Arrays.equals(a, FileEnvelope.newFileId()));
        FileHeader h = new FileHeader(FileKind.DATA, 1, a);
        a[0]++;
        assertFalse(h.hasFileId(a), "the header keeps its own copy");
        byte[] copy = h.fileId();
        copy[1]++;
        assertFalse(h.hasFileId(copy), "fileId() returns a copy");
    }

    /** Rewrites the footer's metadata offset, length and checksum. */
    static void patchFooter(byte[] file, long metaOffset, int metaLength, int metaCrc) {
        int at = file.length - FileEnvelope.FOOTER_LENGTH;
        ByteBuffer.wrap(file)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(at, metaOffset)
                .putInt(at + 8, metaLength)
                .putInt(at + 12, metaCrc);
    }

    /** Rewrites a u16 header field and recomputes the header checksum, as a newer writer would. */
    static void patchHeader(byte[] file, int offset, short value) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(offset, value);
        b.putInt(28, Crc32c.of(Arrays.copyOf(file, 28)));
    }

    private static CorruptFileException expectCorrupt(byte[] file, FileKind kind, String what) {
        try {
            openAndVerify(file, kind);
        } catch (CorruptFileException e) {
            assertEquals(NAME, e.file(), what);
            assertTrue(e.getMessage().startsWith(NAME + ": "), what + ": " + e.getMessage());
            return e;
        } catch (Throwable t) {
            throw new AssertionError(what + ": expected CorruptFileException, got " + t, t);
        }
        fail(what + ": opened without error");
        return null;
    }
}

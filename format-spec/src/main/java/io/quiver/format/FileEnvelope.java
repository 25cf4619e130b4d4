package io.quiver.format;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.security.SecureRandom;

/**
 * The envelope every Quiver file shares (SPEC.md, "File envelope"): a 32-byte header, a
 * kind-specific body, a metadata block and a 24-byte footer. All integers are little-endian.
 *
 * <pre>
 * header  [0,4)   magic "QUIV"
 *         [4,6)   kind (u16, {@link FileKind#id()})
 *         [6,8)   format version (u16)
 *         [8,24)  file id (16 random bytes, also recorded by whoever references the file)
 *         [24,28) reserved, zero
 *         [28,32) CRC32C of bytes [0,28)
 * body    kind-specific
 * meta    metadata block (a protobuf message of the kind)
 * footer  [0,8)   metadata offset (u64)
 *         [8,12)  metadata length (u32)
 *         [12,16) CRC32C of the metadata block
 *         [16,20) CRC32C of every byte of the file before this field
 *         [20,24) magic "QEND"
 * </pre>
 */
public final class FileEnvelope {
    public static final int MAGIC = 0x56495551; // "QUIV" read as a little-endian u32
    public static final int END_MAGIC = 0x444E4551; // "QEND"
    public static final int HEADER_LENGTH = 32;
    public static final int FOOTER_LENGTH = 24;
    public static final int FILE_ID_LENGTH = 16;
    /** The format version this build writes. */
    public static final int CURRENT_VERSION = 1;
    /** The oldest format version this build reads. */
    public static final int MIN_READABLE_VERSION = 1;

    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static final SecureRandom RANDOM = new SecureRandom();

    private FileEnvelope() {}

    public static byte[] newFileId() {
        byte[] id = new byte[FILE_ID_LENGTH];
        RANDOM.nextBytes(id);
        return id;
    }

    /** The 32 header bytes of a new file. */
    public static byte[] header(FileKind kind, byte[] fileId) {
        FileHeader checked = new FileHeader(kind, CURRENT_VERSION, fileId);
        byte[] bytes = new byte[HEADER_LENGTH];
        MemorySegment s = MemorySegment.ofArray(bytes);
        s.set(U32, 0, MAGIC);
        s.set(U16, 4, (short) kind.id());
        s.set(U16, 6, (short) CURRENT_VERSION);
        MemorySegment.copy(checked.fileId(), 0, s, ValueLayout.JAVA_BYTE, 8, FILE_ID_LENGTH);
        s.set(U32, 28, Crc32c.of(s, 0, 28));
        return bytes;
    }

    /**
     * Checks the header, the footer and the metadata block's checksum of a whole file held in
     * {@code file}, and returns the opened envelope. The body is not checked here: callers check
     * each page's own CRC as they read it, and {@link OpenEnvelope#verifyFileChecksum()} checks
     * every byte.
     */
    public static OpenEnvelope open(String fileName, MemorySegment file, FileKind expectedKind)
            throws CorruptFileException, UnsupportedFormatVersionException {
        long size = file.byteSize();
        if (size < HEADER_LENGTH + FOOTER_LENGTH) {
            throw new CorruptFileException(
                    fileName,
                    "file has " + size + " bytes, fewer than a header and footer (" + (HEADER_LENGTH + FOOTER_LENGTH)
                            + ")");
        }
        FileHeader header = readHeader(fileName, file);
        if (header.kind() != expectedKind) {
            throw new CorruptFileException(
                    fileName,
                    "expected a " + expectedKind.description() + " but the header says "
                            + header.kind().description());
        }
        long footer = size - FOOTER_LENGTH;
        if (file.get(U32, footer + 20) != END_MAGIC) {
            throw new CorruptFileException(fileName, "footer magic missing (file truncated or not a Quiver file)");
        }
        long metaOffset = file.get(U64, footer);
        long metaLength = Integer.toUnsignedLong(file.get(U32, footer + 8));
        Bounds.checkRange(fileName, "metadata block", metaOffset, metaLength, footer);
        if (metaOffset < HEADER_LENGTH || metaOffset + metaLength != footer) {
            throw new CorruptFileException(
                    fileName,
                    "metadata block [" + metaOffset + ", " + (metaOffset + metaLength)
                            + ") must end where the footer starts, at " + footer);
        }
        int storedMetaCrc = file.get(U32, footer + 12);
        int actualMetaCrc = Crc32c.of(file, metaOffset, metaLength);
        if (storedMetaCrc != actualMetaCrc) {
            throw new CorruptFileException(
                    fileName,
                    String.format(
                            "metadata block checksum mismatch (stored %08x, computed %08x)",
                            storedMetaCrc, actualMetaCrc));
        }
        return new OpenEnvelope(fileName, file, header, metaOffset, (int) metaLength);
    }

    static FileHeader readHeader(String fileName, MemorySegment file)
            throws CorruptFileException, UnsupportedFormatVersionException {
        int magic = file.get(U32, 0);
        if (magic != MAGIC) {
            throw new CorruptFileException(fileName, String.format("not a Quiver file (magic %08x)", magic));
        }
        int storedCrc = file.get(U32, 28);
        int actualCrc = Crc32c.of(file, 0, 28);
        if (storedCrc != actualCrc) {
            throw new CorruptFileException(
                    fileName,
                    String.format("header checksum mismatch (stored %08x, computed %08x)", storedCrc, actualCrc));
        }
        if (file.get(U32, 24) != 0) {
            throw new CorruptFileException(fileName, "reserved header bytes are not zero");
        }
        int kindId = Short.toUnsignedInt(file.get(U16, 4));
        int version = Short.toUnsignedInt(file.get(U16, 6));
        if (version < MIN_READABLE_VERSION || version > CURRENT_VERSION) {
            throw new UnsupportedFormatVersionException(fileName, version, MIN_READABLE_VERSION, CURRENT_VERSION);
        }
        FileKind kind = FileKind.fromId(kindId);
        if (kind == null) {
            throw new CorruptFileException(fileName, "unknown file kind " + kindId);
        }
        byte[] id = file.asSlice(8, FILE_ID_LENGTH).toArray(ValueLayout.JAVA_BYTE);
        return new FileHeader(kind, version, id);
    }
}

package io.quiver.format;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A file whose header, footer and metadata block have passed their checks. */
public final class OpenEnvelope {
    private final String fileName;
    private final MemorySegment file;
    private final FileHeader header;
    private final long metadataOffset;
    private final int metadataLength;

    OpenEnvelope(String fileName, MemorySegment file, FileHeader header, long metadataOffset, int metadataLength) {
        this.fileName = fileName;
        this.file = file;
        this.header = header;
        this.metadataOffset = metadataOffset;
        this.metadataLength = metadataLength;
    }

    public String fileName() {
        return fileName;
    }

    public FileHeader header() {
        return header;
    }

    /** The whole file. Body ranges taken from it must be checked with {@link #checkBodyRange}. */
    public MemorySegment file() {
        return file;
    }

    /** A copy of the checked metadata block. */
    public byte[] metadata() {
        return file.asSlice(metadataOffset, metadataLength).toArray(ValueLayout.JAVA_BYTE);
    }

    public long bodyStart() {
        return FileEnvelope.HEADER_LENGTH;
    }

    /** The body ends where the metadata block starts. */
    public long bodyEnd() {
        return metadataOffset;
    }

    /** Checks that a range named in the metadata lies inside the body. */
    public void checkBodyRange(String what, long offset, long length) throws CorruptFileException {
        Bounds.checkRange(fileName, what, offset - bodyStart(), length, bodyEnd() - bodyStart());
    }

    /** Reads every byte and checks the whole-file CRC32C of the footer. */
    public void verifyFileChecksum() throws CorruptFileException {
        long covered = file.byteSize() - 8;
        int stored = file.get(FileEnvelope.U32, covered);
        int actual = Crc32c.of(file, 0, covered);
        if (stored != actual) {
            throw new CorruptFileException(
                    fileName, String.format("file checksum mismatch (stored %08x, computed %08x)", stored, actual));
        }
    }
}

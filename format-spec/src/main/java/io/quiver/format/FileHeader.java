package io.quiver.format;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** The decoded header of a Quiver file. */
public record FileHeader(FileKind kind, int formatVersion, byte[] fileId) {
    public FileHeader {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(fileId, "fileId is null");
        if (fileId.length != FileEnvelope.FILE_ID_LENGTH) {
            throw new IllegalArgumentException("fileId must be 16 bytes, got " + fileId.length);
        }
        fileId = fileId.clone();
    }

    @Override
    public byte[] fileId() {
        return fileId.clone();
    }

    public boolean hasFileId(byte[] expected) {
        return Arrays.equals(fileId, expected);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileHeader h
                && h.kind == kind
                && h.formatVersion == formatVersion
                && Arrays.equals(h.fileId, fileId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, formatVersion, Arrays.hashCode(fileId));
    }

    @Override
    public String toString() {
        return "FileHeader[kind=" + kind + ", formatVersion=" + formatVersion + ", fileId="
                + HexFormat.of().formatHex(fileId) + "]";
    }
}

package io.quiver.engine.datafile;

import com.google.protobuf.InvalidProtocolBufferException;
import io.quiver.engine.schema.ColumnType;
import io.quiver.format.CorruptFileException;
import io.quiver.format.FileEnvelope;
import io.quiver.format.FileKind;
import io.quiver.format.MappedFile;
import io.quiver.format.OpenEnvelope;
import io.quiver.format.proto.ColumnChunk;
import io.quiver.format.proto.DataFileMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * An open data file. Opening maps the file, checks its header, footer and metadata checksum,
 * and checks every page table against the file's size; pages are checked as they are read, and
 * {@link #verify} reads everything.
 */
public final class DataFileReader implements AutoCloseable {
    private final MappedFile mapped;
    private final OpenEnvelope envelope;
    private final PageCache cache;
    private final long rowCount;
    private final Map<Integer, ColumnReader> columns = new HashMap<>();

    private DataFileReader(MappedFile mapped, OpenEnvelope envelope, DataFileMetadata meta, PageCache cache)
            throws CorruptFileException {
        this.mapped = mapped;
        this.envelope = envelope;
        this.cache = cache;
        this.rowCount = meta.getRowCount();
        String name = envelope.fileName();
        if (rowCount < 0) {
            throw new CorruptFileException(name, "row count " + Long.toUnsignedString(rowCount) + " is out of range");
        }
        for (ColumnChunk chunk : meta.getColumnsList()) {
            ColumnType type = ColumnType.fromProto(chunk.getType());
            if (type == null) {
                throw new CorruptFileException(
                        name, "field " + chunk.getFieldId() + " has an unknown type " + chunk.getType());
            }
            if (columns.put(chunk.getFieldId(), new ColumnReader(envelope, cache, chunk, type, rowCount)) != null) {
                throw new CorruptFileException(name, "field " + chunk.getFieldId() + " appears twice");
            }
        }
    }

    /**
     * Opens a data file, checking that it is the file the manifest meant (same id and size).
     *
     * @param displayName the name used in error messages (the path relative to the table)
     */
    public static DataFileReader open(Path path, String displayName, byte[] expectedFileId, long expectedSize)
            throws IOException {
        return open(path, displayName, expectedFileId, expectedSize, PageCache.disabled());
    }

    /** As {@link #open(Path, String, byte[], long)}, keeping decompressed pages in {@code cache}. */
    public static DataFileReader open(
            Path path, String displayName, byte[] expectedFileId, long expectedSize, PageCache cache)
            throws IOException {
        MappedFile mapped = MappedFile.open(path);
        try {
            long size = mapped.segment().byteSize();
            if (expectedFileId != null && size != expectedSize) {
                throw new CorruptFileException(
                        displayName, "file has " + size + " bytes but the manifest recorded " + expectedSize);
            }
            OpenEnvelope envelope = FileEnvelope.open(displayName, mapped.segment(), FileKind.DATA);
            if (expectedFileId != null && !envelope.header().hasFileId(expectedFileId)) {
                throw new CorruptFileException(
                        displayName, "file id does not match the manifest (a different file under this name)");
            }
            DataFileMetadata meta;
            try {
                meta = DataFileMetadata.parseFrom(envelope.metadata());
            } catch (InvalidProtocolBufferException e) {
                throw new CorruptFileException(displayName, "metadata block does not parse", e);
            }
            return new DataFileReader(mapped, envelope, meta, cache);
        } catch (IOException | RuntimeException e) {
            mapped.close();
            throw e;
        }
    }

    /** True when this is the file with this id and size. */
    public boolean matches(byte[] fileId, long size) {
        return envelope.header().hasFileId(fileId) && mapped.segment().byteSize() == size;
    }

    public long rowCount() {
        return rowCount;
    }

    /** The column with this field id, or null when this file does not hold it. */
    public ColumnReader column(int fieldId) {
        return columns.get(fieldId);
    }

    /** Checks every byte: the whole-file checksum, then every page's checksum and layout. */
    public void verify() throws CorruptFileException {
        envelope.verifyFileChecksum();
        for (ColumnReader c : columns.values()) {
            c.verifyPages();
        }
    }

    @Override
    public void close() {
        cache.evict(envelope);
        mapped.close();
    }
}

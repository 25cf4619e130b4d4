package io.quiver.engine.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quiver.engine.commit.DeletionFiles;
import io.quiver.engine.commit.ManifestFiles;
import io.quiver.engine.commit.Snapshot;
import io.quiver.engine.commit.TableLayout;
import io.quiver.engine.datafile.BatchMemory;
import io.quiver.engine.datafile.ColumnDecoder;
import io.quiver.engine.datafile.ColumnReader;
import io.quiver.engine.datafile.DataFileReader;
import io.quiver.format.CorruptFileException;
import io.quiver.format.Crc32c;
import io.quiver.format.EnvelopeWriter;
import io.quiver.format.FileEnvelope;
import io.quiver.format.FileKind;
import io.quiver.format.OpenEnvelope;
import io.quiver.format.UnsupportedFormatVersionException;
import io.quiver.format.proto.ColumnChunk;
import io.quiver.format.proto.DataFileMetadata;
import io.quiver.format.proto.DeletionFileRef;
import io.quiver.format.proto.DeletionVector;
import io.quiver.format.proto.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Harnesses that feed untrusted bytes to every reader of them, shared by the seeded mutation
 * tests and the Jazzer fuzz tests. Each either returns (the bytes were acceptable) or throws a
 * {@link CorruptFileException} or {@link UnsupportedFormatVersionException}; any other throwable
 * is a bug in the reader. Checksums are made right where noted, so that the bytes get past them
 * to the parsing behind.
 */
public final class UntrustedInputs {
    /** Rows decoded per column at most, so that a file claiming billions of rows stays quick. */
    private static final int MAX_DECODED_ROWS = 1 << 15;

    private UntrustedInputs() {}

    /** Whether a failure is one a reader of damaged bytes may give. */
    public static boolean isTyped(Throwable t) {
        return t instanceof CorruptFileException || t instanceof UnsupportedFormatVersionException;
    }

    /** A whole file of this kind: header, body, metadata and footer with right checksums. */
    public static byte[] envelope(FileKind kind, byte[] fileId, byte[] body, byte[] metadata) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            EnvelopeWriter writer = new EnvelopeWriter(Channels.newChannel(out), kind, fileId);
            writer.write(ByteBuffer.wrap(body));
            writer.finish(metadata);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body and metadata block of a valid file. */
    public record Parts(byte[] fileId, byte[] body, byte[] metadata) {}

    public static Parts parts(byte[] validFile, FileKind kind) {
        try {
            OpenEnvelope e = FileEnvelope.open("valid", MemorySegment.ofArray(validFile), kind);
            return new Parts(
                    e.header().fileId(),
                    Arrays.copyOfRange(validFile, (int) e.bodyStart(), (int) e.bodyEnd()),
                    e.metadata());
        } catch (IOException e) {
            throw new IllegalArgumentException("not a valid " + kind.description(), e);
        }
    }

    /**
     * A data file of {@code body} and {@code metadata}; when the metadata parses, each page whose
     * range lies in the body gets the right CRC32C, so that the page itself is parsed.
     */
    public static byte[] dataFile(byte[] fileId, byte[] body, byte[] metadata) {
        DataFileMetadata meta;
        try {
            meta = DataFileMetadata.parseFrom(metadata);
        } catch (InvalidProtocolBufferException e) {
            return envelope(FileKind.DATA, fileId, body, metadata);
        }
        DataFileMetadata.Builder fixed = meta.toBuilder();
        for (ColumnChunk.Builder c : fixed.getColumnsBuilderList()) {
            int pages =
                    Math.min(c.getPageOffsetCount(), Math.min(c.getPageStoredLengthCount(), c.getPageCrc32CCount()));
            for (int p = 0; p < pages; p++) {
                long from = c.getPageOffset(p) - FileEnvelope.HEADER_LENGTH;
                long length = Integer.toUnsignedLong(c.getPageStoredLength(p));
                if (from >= 0 && from <= body.length && length <= body.length - from) {
                    c.setPageCrc32C(p, Crc32c.of(MemorySegment.ofArray(body), from, length));
                }
            }
        }
        return envelope(FileKind.DATA, fileId, body, fixed.build().toByteArray());
    }

    /** Opens a data file and reads all of it: statistics, every page of every column decoded to Arrow, single rows, verify(). */
    public static void readDataFile(Path file, BufferAllocator allocator) throws IOException {
        try (DataFileReader reader = DataFileReader.open(file, "untrusted.qvd", null, -1)) {
            byte[] bytes = Files.readAllBytes(file);
            DataFileMetadata meta =
                    DataFileMetadata.parseFrom(parts(bytes, FileKind.DATA).metadata());
            for (ColumnChunk chunk : meta.getColumnsList()) {
                ColumnReader c = reader.column(chunk.getFieldId());
                c.fileStats();
                for (int p = 0; p < c.pageCount(); p++) {
                    c.pageStats(p);
                }
                long rows = Math.min(reader.rowCount(), MAX_DECODED_ROWS);
                for (long start = 0; start < rows; start += 1000) {
                    int n = (int) Math.min(1000, rows - start);
                    try (FieldVector v = c.type().toArrow("c", true).createVector(allocator)) {
                        ColumnDecoder.decodeRange(c, start, n, v);
                        for (int i = 0; i < v.getValueCount(); i++) {
                            v.getObject(i);
                        }
                    }
                }
                if (rows > 0) {
                    ColumnDecoder.PageCursor cursor = new ColumnDecoder.PageCursor(c);
                    List<ColumnDecoder.RowRef> refs = new ArrayList<>();
                    for (long r : new long[] {rows - 1, 0, rows / 2}) {
                        refs.add(ColumnDecoder.row(cursor, r));
                    }
                    try (FieldVector v = c.type().toArrow("c", true).createVector(allocator);
                            BatchMemory memory =
                                    BatchMemory.allocate(allocator, ColumnDecoder.rowsBytes(c.type(), refs))) {
                        ColumnDecoder.decodeRows(c.type(), refs, v, memory);
                        v.getObject(refs.size() - 1);
                    }
                }
            }
            reader.verify();
        }
    }

    /**
     * Writes {@code metadata} as a manifest of the table at {@code table} (under the version it
     * claims, if it parses, so that it gets past the name check) and reads it; the file is removed
     * after.
     */
    public static Snapshot readManifestFile(Path table, byte[] metadata) throws IOException {
        TableLayout layout = new TableLayout(table);
        long version = 1;
        try {
            version = Manifest.parseFrom(metadata).getVersion();
        } catch (InvalidProtocolBufferException e) {
            // keep version 1: the reader must reject it anyway
        }
        Path path = layout.manifestPath(version);
        Files.write(path, envelope(FileKind.MANIFEST, FileEnvelope.newFileId(), new byte[0], metadata));
        try {
            Snapshot s = ManifestFiles.read(layout, version);
            s.rowCount();
            s.schema().toArrow();
            return s;
        } finally {
            Files.deleteIfExists(path);
        }
    }

    /** As {@link #readManifestFile}, then scans that version of the table through a dataset handle. */
    public static void readManifest(Path table, byte[] metadata, BufferAllocator allocator) throws IOException {
        Snapshot s = readManifestFile(table, metadata);
        Path path = new TableLayout(table).manifestPath(s.version());
        Files.write(path, envelope(FileKind.MANIFEST, FileEnvelope.newFileId(), new byte[0], metadata));
        try (io.quiver.engine.Dataset ds = io.quiver.engine.Dataset.open(
                table, s.version(), io.quiver.engine.DatasetOptions.DEFAULT.withAllocator(allocator))) {
            ds.versions();
            try (ArrowReader reader = ds.scan().toArrowReader()) {
                while (reader.loadNextBatch()) {
                    for (FieldVector v : reader.getVectorSchemaRoot().getFieldVectors()) {
                        for (int i = 0; i < v.getValueCount(); i++) {
                            v.getObject(i);
                        }
                    }
                }
            }
        } finally {
            Files.deleteIfExists(path);
        }
    }

    /**
     * Writes {@code metadata} as a deletion file of fragment {@code fragmentId} (the manifest's
     * reference made to agree with what it claims, if it parses) and reads it.
     */
    public static void readDeletionFile(Path table, byte[] metadata, long fragmentId, long physicalRows)
            throws IOException {
        TableLayout layout = new TableLayout(table);
        byte[] id = FileEnvelope.newFileId();
        byte[] file = envelope(FileKind.DELETION, id, new byte[0], metadata);
        long claimed = 0;
        try {
            claimed = DeletionVector.parseFrom(metadata).getDeletedCount();
        } catch (InvalidProtocolBufferException e) {
            // the reader must reject it anyway
        }
        String relative = TableLayout.DELETIONS + "/untrusted.qdl";
        Files.write(table.resolve(relative), file);
        DeletionFileRef ref = DeletionFileRef.newBuilder()
                .setPath(relative)
                .setDeletedRows(claimed)
                .setFileId(ByteString.copyFrom(id))
                .setSizeBytes(file.length)
                .build();
        DeletionFiles.read(layout, ref, fragmentId, physicalRows);
    }
}

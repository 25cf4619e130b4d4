package io.quiver.engine.datafile;

import io.quiver.engine.schema.Column;
import io.quiver.format.BufferedChannel;
import io.quiver.format.EnvelopeWriter;
import io.quiver.format.FileEnvelope;
import io.quiver.format.FileKind;
import io.quiver.format.proto.DataFileMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Writes one data file (SPEC.md, "Data files"): pages of every column as they fill, then the
 * page tables and statistics as the metadata block. The file is forced to disk by
 * {@link #finish}; closing an unfinished writer deletes the partial file.
 */
public final class DataFileWriter implements AutoCloseable {
    private final Path path;
    private final List<Column> columns;
    private final FileChannel channel;
    private final BufferedChannel buffered;
    private final EnvelopeWriter envelope;
    private final byte[] fileId = FileEnvelope.newFileId();
    private final List<ColumnChunkWriter> writers = new ArrayList<>();
    private final ColumnChunkWriter.PageSink sink = this::writePage;
    private long rowCount;
    private boolean finished;
    private boolean closed;

    public DataFileWriter(Path path, List<Column> columns, DataFileOptions options) throws IOException {
        this.path = path;
        this.columns = List.copyOf(columns);
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.buffered = new BufferedChannel(channel);
        try {
            this.envelope = new EnvelopeWriter(buffered, FileKind.DATA, fileId);
        } catch (IOException e) {
            abort();
            throw e;
        }
        for (Column c : columns) {
            writers.add(new ColumnChunkWriter(c, options));
        }
    }

    public long rowCount() {
        return rowCount;
    }

    /** Bytes written so far (pages only; metadata follows at {@link #finish}). */
    public long bytesWritten() {
        return envelope.position();
    }

    /**
     * Appends rows [from, from + count) of the given vectors, one per column in the writer's order.
     * The caller has checked the vectors' types against the columns.
     */
    public void write(List<FieldVector> vectors, int from, int count) throws IOException {
        if (vectors.size() != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " vectors, got " + vectors.size());
        }
        for (int i = 0; i < writers.size(); i++) {
            FieldVector v = vectors.get(i);
            if (!columns.get(i).nullable() && v.getNullCount() > 0 && hasNull(v, from, count)) {
                throw new IllegalArgumentException(
                        "column " + columns.get(i).name() + " is NOT NULL but the batch has nulls");
            }
            writers.get(i).append(v, from, count, sink);
        }
        rowCount += count;
    }

    private static boolean hasNull(FieldVector v, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (v.isNull(i)) {
                return true;
            }
        }
        return false;
    }

    private long writePage(byte[] bytes, int length) throws IOException {
        long offset = envelope.position();
        envelope.write(ByteBuffer.wrap(bytes, 0, length));
        return offset;
    }

    /** Writes the metadata and footer, forces the file to disk and closes it. */
    public WrittenDataFile finish() throws IOException {
        DataFileMetadata.Builder meta = DataFileMetadata.newBuilder().setRowCount(rowCount);
        for (ColumnChunkWriter w : writers) {
            meta.addColumns(w.finish(sink));
        }
        long size = envelope.finish(meta.build().toByteArray());
        buffered.flush();
        channel.force(true);
        finished = true;
        close();
        return new WrittenDataFile(
                path,
                fileId,
                size,
                rowCount,
                columns.stream().map(Column::fieldId).toList());
    }

    private void abort() throws IOException {
        channel.close();
        Files.deleteIfExists(path);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        writers.forEach(ColumnChunkWriter::close);
        if (finished) {
            channel.close();
        } else {
            abort();
        }
    }
}

package io.quiver.sql.exec;

import io.quiver.engine.schema.Column;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.calcite.linq4j.Enumerator;

/** Streams a scan's batches to Calcite one row at a time; closing it closes the scan. */
public final class ReaderEnumerator implements Enumerator<Object[]> {
    private final BlobCells blobs;
    private final List<Column> columns;
    private final ArrowReader reader;
    private RowConverter batch;
    private int rows;
    private int next;
    private Object[] current;
    private boolean closed;

    /** {@code columns}: the column each field of the batches holds, in order. */
    public ReaderEnumerator(BlobCells blobs, List<Column> columns, ArrowReader reader) {
        this.blobs = blobs;
        this.columns = columns;
        this.reader = reader;
    }

    @Override
    public Object[] current() {
        return current;
    }

    @Override
    public boolean moveNext() {
        try {
            while (next >= rows) {
                if (closed || !reader.loadNextBatch()) {
                    close();
                    return false;
                }
                var root = reader.getVectorSchemaRoot();
                batch = new RowConverter(blobs, columns, root, false);
                rows = root.getRowCount();
                next = 0;
            }
            current = batch.row(next++);
            return true;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("a scan is read once");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

package io.quiver.sql.exec;

import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/** Another reader's batches, counted as they pass (buffers are handed over, not copied). */
public final class CountedBatches extends ArrowReader {
    private final ArrowReader source;
    private long rows;

    public CountedBatches(ArrowReader source) throws IOException {
        super(
                source.getVectorSchemaRoot().getFieldVectors().isEmpty()
                        ? null
                        : source.getVectorSchemaRoot()
                                .getFieldVectors()
                                .getFirst()
                                .getAllocator());
        this.source = source;
    }

    public long rows() {
        return rows;
    }

    @Override
    protected Schema readSchema() throws IOException {
        return source.getVectorSchemaRoot().getSchema();
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        if (!handOverNext(source, getVectorSchemaRoot())) {
            return false;
        }
        rows += getVectorSchemaRoot().getRowCount();
        return true;
    }

    /**
     * Loads the source's next batch and moves its buffers into {@code to} (no copy); false at the
     * end. For readers that pass another reader's batches on.
     */
    public static boolean handOverNext(ArrowReader source, VectorSchemaRoot to) throws IOException {
        if (!source.loadNextBatch()) {
            return false;
        }
        VectorSchemaRoot from = source.getVectorSchemaRoot();
        for (int i = 0; i < from.getFieldVectors().size(); i++) {
            from.getVector(i).makeTransferPair(to.getVector(i)).transfer();
        }
        to.setRowCount(from.getRowCount());
        return true;
    }

    @Override
    public long bytesRead() {
        return source.bytesRead();
    }

    @Override
    protected void closeReadSource() throws IOException {
        source.close();
    }
}

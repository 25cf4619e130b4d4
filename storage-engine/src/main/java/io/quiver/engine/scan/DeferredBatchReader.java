package io.quiver.engine.scan;

import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An ArrowReader of one batch computed on the first {@link #loadNextBatch} (a nearest-neighbour
 * result), so that its failures surface there as IOExceptions like any scan's.
 */
public final class DeferredBatchReader extends ArrowReader {
    /** Computes the batch; the reader takes ownership of it. */
    @FunctionalInterface
    public interface BatchSource {
        VectorSchemaRoot compute() throws IOException;
    }

    private final Schema schema;
    private BatchSource source;

    public DeferredBatchReader(BufferAllocator allocator, Schema schema, BatchSource source) {
        super(allocator);
        this.schema = schema;
        this.source = source;
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        if (source == null) {
            return false;
        }
        VectorSchemaRoot target = getVectorSchemaRoot();
        try (VectorSchemaRoot batch = source.compute()) {
            source = null;
            for (int i = 0; i < batch.getFieldVectors().size(); i++) {
                batch.getVector(i).makeTransferPair(target.getVector(i)).transfer();
            }
            target.setRowCount(batch.getRowCount());
        }
        return true;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        source = null;
    }
}

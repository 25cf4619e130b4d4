package io.quiver.lance;

import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/** One batch as an ArrowReader (its buffers are handed over), for writing datasets in tests. */
final class OneBatch extends ArrowReader {
    private final VectorSchemaRoot batch;
    private boolean read;

    OneBatch(BufferAllocator allocator, VectorSchemaRoot batch) {
        super(allocator);
        this.batch = batch;
    }

    @Override
    protected Schema readSchema() {
        return batch.getSchema();
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        if (read) {
            return false;
        }
        read = true;
        VectorSchemaRoot to = getVectorSchemaRoot();
        for (int i = 0; i < batch.getFieldVectors().size(); i++) {
            batch.getVector(i).makeTransferPair(to.getVector(i)).transfer();
        }
        to.setRowCount(batch.getRowCount());
        return true;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {}
}

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
    /** Computes the batch into the reader's root, whose vectors are empty. */
    @FunctionalInterface
    public interface BatchSource {
        void fill(VectorSchemaRoot target) throws IOException;
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
        BatchSource pending = source;
        source = null;
        VectorSchemaRoot target = getVectorSchemaRoot();
        try {
            pending.fill(target);
        } catch (IOException | RuntimeException e) {
            target.clear(); // what was written before the failure
            throw e;
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

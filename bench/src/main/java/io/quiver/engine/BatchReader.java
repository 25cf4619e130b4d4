package io.quiver.engine;

import java.io.IOException;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An {@link ArrowReader} of a fixed number of batches, each put into the reader's root by a
 * {@link BatchSource}: generated on the fly (a large table without holding it in memory) or
 * loaded from batches built earlier (an append whose input is ready, so only the append is timed).
 */
public final class BatchReader extends ArrowReader {
    /** Puts batch {@code index} into {@code root}, replacing what it held. */
    @FunctionalInterface
    public interface BatchSource {
        void load(int index, VectorSchemaRoot root) throws IOException;
    }

    private final Schema schema;
    private final int batches;
    private final BatchSource source;
    private int next;

    public BatchReader(BufferAllocator allocator, Schema schema, int batches, BatchSource source) {
        super(allocator);
        this.schema = schema;
        this.batches = batches;
        this.source = source;
    }

    /**
     * Reads {@code batches} without copying them: the root shares their buffers (reference counted)
     * until the next batch is loaded. The batches stay the caller's, reusable after the reader closes;
     * {@code allocator} must belong to the same root allocator as theirs.
     */
    public static BatchReader of(BufferAllocator allocator, List<VectorSchemaRoot> batches) {
        return new BatchReader(allocator, batches.getFirst().getSchema(), batches.size(), (index, root) -> {
            try (ArrowRecordBatch shared = new VectorUnloader(batches.get(index)).getRecordBatch()) {
                new VectorLoader(root).load(shared);
            }
        });
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        ensureInitialized();
        if (next == batches) {
            return false;
        }
        source.load(next++, getVectorSchemaRoot());
        return true;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        // The batches belong to the source.
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}

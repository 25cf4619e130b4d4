package io.quiver.bench.compare;

import io.quiver.engine.BatchReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A batch of {@link CompareRows} in Lance's form without copying it: Lance's blob encoding takes
 * large binary (64-bit offsets) where Quiver takes binary (32-bit), so the blob column gets new
 * offsets and shares every other buffer, the 2 KiB values included. Writing the same batches
 * into both systems then costs the same preparation: 8 bytes per row.
 */
final class LanceBatch {
    /** Buffers before the image's offsets: id (2), label (3), embedding (1) and its floats (2), image validity. */
    private static final int IMAGE_OFFSETS = 9;

    private LanceBatch() {}

    /** Replaces {@code lanceRoot}'s contents (of {@link CompareRows#lanceSchema}) with {@code quiverBatch}'s rows. */
    static void load(VectorSchemaRoot quiverBatch, VectorSchemaRoot lanceRoot, BufferAllocator allocator) {
        int rows = quiverBatch.getRowCount();
        try (ArrowRecordBatch shared = new VectorUnloader(quiverBatch).getRecordBatch();
                ArrowBuf offsets = allocator.buffer((rows + 1) * 8L)) {
            ArrowBuf narrow = shared.getBuffers().get(IMAGE_OFFSETS);
            for (int i = 0; i <= rows; i++) {
                offsets.setLong(i * 8L, narrow.getInt(i * 4L));
            }
            List<ArrowBuf> buffers = new ArrayList<>(shared.getBuffers());
            buffers.set(IMAGE_OFFSETS, offsets);
            try (ArrowRecordBatch wide = new ArrowRecordBatch(rows, shared.getNodes(), buffers)) {
                new VectorLoader(lanceRoot).load(wide);
            }
        }
    }

    /** An {@link ArrowReader} of the batches in Lance's form; the batches stay the caller's. */
    static ArrowReader reader(BufferAllocator allocator, List<VectorSchemaRoot> quiverBatches) {
        Schema schema = CompareRows.lanceSchema();
        return new BatchReader(
                allocator,
                schema,
                quiverBatches.size(),
                (index, root) -> load(quiverBatches.get(index), root, allocator));
    }
}

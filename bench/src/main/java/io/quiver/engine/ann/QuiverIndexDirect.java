package io.quiver.engine.ann;

import io.quiver.vector.HnswParams;
import io.quiver.vector.Neighbor;
import io.quiver.vector.VectorIndex;
import io.quiver.vector.VectorIndexWriter;
import io.quiver.vector.VectorMetric;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Quiver's index file searched directly, without the table around it. */
final class QuiverIndexDirect implements AnnSearcher {
    private final Path dir;
    private final VectorIndex index;

    QuiverIndexDirect(List<float[]> base, HnswParams params) throws IOException {
        this.dir = Files.createTempDirectory("quiver-ann");
        Path file = dir.resolve("sift.qvi");
        int dimension = base.get(0).length;
        MemorySegment one = MemorySegment.ofArray(new byte[dimension * 4]);
        try (VectorIndexWriter w = VectorIndexWriter.create(file, dimension, VectorMetric.L2, params)) {
            for (float[] v : base) {
                for (int d = 0; d < dimension; d++) {
                    one.set(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 4L * d, v[d]);
                }
                w.add(one, 0);
            }
            w.finish(1);
        }
        this.index = VectorIndex.open(file, "sift.qvi", null);
    }

    @Override
    public long[] search(float[] query, int k, int ef) throws IOException {
        return index.search(query, k, ef, null, Integer.MAX_VALUE).neighbors().stream()
                .mapToLong(Neighbor::id)
                .toArray();
    }

    @Override
    public void close() throws IOException {
        index.close();
        Files.deleteIfExists(dir.resolve("sift.qvi"));
        Files.deleteIfExists(dir);
    }
}

package io.quiver.bench.compare;

import io.quiver.engine.Dataset;
import io.quiver.engine.DatasetOptions;
import io.quiver.engine.ann.AnnData;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.vector.VectorIndexOptions;
import io.quiver.vector.HnswParams;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Quiver's HNSW index (m 16, ef_construction 100, full-precision vectors) searched through the
 * whole engine path, {@code scan().nearest(...)}, reading the {@code id} column.
 */
final class QuiverAnn implements AnnIndex {
    static final HnswParams PARAMS = new HnswParams(16, 100);

    private final Dataset dataset;
    private final double buildSeconds;

    QuiverAnn(Path dir, SiftData sift, BufferAllocator allocator) throws IOException {
        dataset = Dataset.create(dir, AnnData.SCHEMA_128, DatasetOptions.DEFAULT.withAllocator(allocator));
        try (VectorSchemaRoot batch = sift.batch(allocator)) {
            dataset.append(batch);
        }
        long t0 = System.nanoTime();
        dataset.createVectorIndex(
                "emb", VectorIndexOptions.DEFAULTS.withName("emb_idx").withParams(PARAMS));
        buildSeconds = (System.nanoTime() - t0) / 1e9;
    }

    @Override
    public long[] search(float[] query, int k, AnnSetting setting, boolean filtered) throws IOException {
        var scan = dataset.scan().nearest("emb", query, k).ef(setting.ef()).columns("id");
        if (filtered) {
            scan.filter(Filters.lt("grp", SiftData.FILTER_GROUPS));
        }
        try (ArrowReader reader = scan.toArrowReader()) {
            long[] ids = new long[0];
            while (reader.loadNextBatch()) {
                ids = Ids.append(
                        ids, (BigIntVector) reader.getVectorSchemaRoot().getVector("id"));
            }
            return ids;
        }
    }

    @Override
    public double buildSeconds() {
        return buildSeconds;
    }

    @Override
    public void close() {
        dataset.close();
    }
}

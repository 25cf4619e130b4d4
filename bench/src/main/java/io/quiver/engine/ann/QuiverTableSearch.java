package io.quiver.engine.ann;

import io.quiver.engine.Dataset;
import io.quiver.engine.expr.Expr;
import io.quiver.engine.vector.VectorIndexOptions;
import io.quiver.vector.HnswParams;
import java.io.IOException;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * The whole engine path: {@code dataset.scan().nearest(...)} on a table with a vector index,
 * returning the {@code id} column of the rows found.
 */
final class QuiverTableSearch implements AnnSearcher {
    private final Dataset dataset;
    private final Expr filter;

    QuiverTableSearch(Dataset dataset, HnswParams params, int buildThreads, Expr filter) throws IOException {
        this.dataset = dataset;
        this.filter = filter;
        if (dataset.indexes().isEmpty()) {
            long t0 = System.nanoTime();
            dataset.createVectorIndex(
                    "emb",
                    VectorIndexOptions.DEFAULTS
                            .withName("emb_idx")
                            .withParams(params)
                            .withBuildThreads(buildThreads));
            System.out.printf("# index built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    @Override
    public long[] search(float[] query, int k, int ef) throws IOException {
        var scan = dataset.scan().nearest("emb", query, k).ef(ef).columns("id");
        if (filter != null) {
            scan.filter(filter);
        }
        try (ArrowReader reader = scan.toArrowReader()) {
            reader.loadNextBatch();
            BigIntVector ids = (BigIntVector) reader.getVectorSchemaRoot().getVector(0);
            long[] out = new long[ids.getValueCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ids.get(i);
            }
            return out;
        }
    }

    @Override
    public void close() {
        dataset.close();
    }
}

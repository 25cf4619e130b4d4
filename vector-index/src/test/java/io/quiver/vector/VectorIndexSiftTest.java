package io.quiver.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recall on SIFT-small against its published ground truth, and exact search against it too. */
class VectorIndexSiftTest {
    @TempDir
    Path dir;

    static Path build(Path file, List<float[]> vectors, VectorMetric metric, HnswParams params, int threads)
            throws IOException {
        try (VectorIndexWriter w = VectorIndexWriter.create(file, vectors.get(0).length, metric, params)) {
            for (float[] v : vectors) {
                w.add(SiftSmall.segment(v), 0);
            }
            w.finish(threads);
        }
        return file;
    }

    @Test
    void graphSearchRecallIsAboveTheFloorAndExactSearchMatchesTheGroundTruth() throws IOException {
        Path file = build(dir.resolve("sift.qvi"), SiftSmall.BASE, VectorMetric.L2, HnswParams.DEFAULTS, 2);
        try (VectorIndex index = VectorIndex.open(file, "sift.qvi", null)) {
            double recall = 0;
            int exactHits = 0;
            for (int q = 0; q < SiftSmall.QUERIES.size(); q++) {
                float[] query = SiftSmall.QUERIES.get(q);
                VectorIndex.Result r = index.search(query, 10, 64, null, Integer.MAX_VALUE);
                assertTrue(r.complete());
                assertEquals(10, r.neighbors().size());
                recall += SiftSmall.recall(r.neighbors(), SiftSmall.TRUTH.get(q), 10);
                exactHits += (int)
                        Math.round(10 * SiftSmall.recall(index.exact(query, 10, null), SiftSmall.TRUTH.get(q), 10));
            }
            recall /= SiftSmall.QUERIES.size();
            assertTrue(recall >= 0.95, "recall@10 at ef 64 was " + recall);
            // Ties at the tenth place could differ from the published list; SIFT has none.
            assertEquals(10 * SiftSmall.QUERIES.size(), exactHits);
        }
    }
}

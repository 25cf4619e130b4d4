package io.quiver.engine.demo;

import io.quiver.engine.Dataset;
import io.quiver.engine.expr.Expr;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.vector.VectorIndexOptions;
import io.quiver.vector.HnswParams;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * The demo's embeddings (clustered, as real embeddings are, rather than uniform noise) and its
 * nearest-neighbour step: exact search, an index build, indexed and filtered searches.
 */
final class DemoVectors {
    private static final int CLUSTERS = 256;
    private static final float[][] CENTRES = centres();

    private DemoVectors() {}

    private static float[][] centres() {
        Random random = new Random(42);
        float[][] c = new float[CLUSTERS][Demo.DIMENSION];
        for (float[] centre : c) {
            for (int d = 0; d < centre.length; d++) {
                centre[d] = (float) (4 * random.nextGaussian());
            }
        }
        return c;
    }

    /** Row {@code row}'s embedding: its cluster's centre plus unit Gaussian noise. */
    static float[] embedding(long row) {
        Random random = new Random(row * 0x9E3779B97F4A7C15L);
        float[] centre = CENTRES[random.nextInt(CLUSTERS)];
        float[] v = new float[centre.length];
        for (int d = 0; d < v.length; d++) {
            v[d] = centre[d] + (float) random.nextGaussian();
        }
        return v;
    }

    static void search(Dataset ds, int rows) throws IOException {
        int queries = 20;
        float[][] query = new float[queries][];
        for (int q = 0; q < queries; q++) {
            query[q] = embedding(rows + 1_000_000L + q); // not a row of the table
        }
        Expr cats = Filters.like("label", "cat%");
        long[][] exact = new long[queries][];
        // Each kind of query runs untimed first: the first runs include JIT compilation.
        for (int warm = 0; warm < 3; warm++) {
            nearest(ds, query[warm], null);
        }
        long t0 = System.nanoTime();
        for (int q = 0; q < queries; q++) {
            exact[q] = nearest(ds, query[q], null);
        }
        perQuery("exact nearest", t0, queries, "10 nearest of every row by l2, no index (SIMD brute force)");

        t0 = System.nanoTime();
        ds.createVectorIndex(
                "embedding",
                VectorIndexOptions.DEFAULTS.withName("embedding_idx").withParams(new HnswParams(16, 64)));
        Demo.report("vector index", t0, "HNSW over every embedding (m 16, ef_construction 64, one thread per core)");

        for (int warm = 0; warm < 3000; warm++) {
            nearest(ds, query[warm % queries], warm % 30 == 0 ? cats : null);
        }
        t0 = System.nanoTime();
        double recall = 0;
        for (int q = 0; q < queries; q++) {
            recall += overlap(nearest(ds, query[q], null), exact[q]);
        }
        perQuery(
                "indexed nearest",
                t0,
                queries,
                String.format("recall@10 %.2f against the exact answers", recall / queries));

        t0 = System.nanoTime();
        long fewest = Long.MAX_VALUE;
        for (int q = 0; q < queries; q++) {
            fewest = Math.min(fewest, nearest(ds, query[q], cats).length);
        }
        perQuery(
                "filtered nearest",
                t0,
                queries,
                "label LIKE 'cat%' applied before the top 10 is chosen: at least " + fewest + " rows each");
    }

    private static long[] nearest(Dataset ds, float[] query, Expr filter) throws IOException {
        var scan = ds.scan().nearest("embedding", query, 10).columns("id");
        if (filter != null) {
            scan.filter(filter);
        }
        try (ArrowReader reader = scan.toArrowReader()) {
            reader.loadNextBatch();
            BigIntVector ids = (BigIntVector) reader.getVectorSchemaRoot().getVector("id");
            long[] out = new long[ids.getValueCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ids.get(i);
            }
            return out;
        }
    }

    private static double overlap(long[] found, long[] truth) {
        Set<Long> t = new HashSet<>();
        Arrays.stream(truth).forEach(t::add);
        return Arrays.stream(found).filter(t::contains).count() / (double) Math.max(1, truth.length);
    }

    private static void perQuery(String step, long t0, int queries, String what) {
        System.out.printf("  %-16s %8.2f ms  per query; %s%n", step, (System.nanoTime() - t0) / 1e6 / queries, what);
    }
}

package io.quiver.engine.ann;

import io.quiver.engine.Dataset;
import java.io.IOException;
import java.util.Arrays;

/**
 * 200,000 clustered 128-d vectors (and 100 queries drawn from the same clusters), the scale set of
 * the vector index targets; the table is cached in bench-data.
 */
final class Clustered200k {
    static final int ROWS = 200_000;
    static final int QUERIES = 100;
    static final int DIMENSION = 128;
    private static final long SEED = 7;
    private static final int CLUSTERS = 1000;

    private Clustered200k() {}

    /** The table's vectors followed by the queries. */
    static float[][] vectorsAndQueries() {
        return AnnData.clustered(SEED, ROWS + QUERIES, DIMENSION, CLUSTERS);
    }

    static float[][] base(float[][] all) {
        return Arrays.copyOf(all, ROWS);
    }

    static float[][] queries(float[][] all) {
        return Arrays.copyOfRange(all, ROWS, ROWS + QUERIES);
    }

    static Dataset table(float[][] base) throws IOException {
        return AnnData.table(
                "clustered-200k", "clustered seed " + SEED + " " + ROWS + "x" + DIMENSION + " c" + CLUSTERS, base);
    }
}

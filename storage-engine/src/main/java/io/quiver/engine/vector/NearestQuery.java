package io.quiver.engine.vector;

import io.quiver.vector.VectorMetric;

/**
 * A nearest-neighbour query: the {@code k} rows whose {@code column} is nearest to {@code vector}.
 *
 * @param vector not copied: the scan that makes the query hands over its own copy
 * @param ef the graph search's candidate list (0: {@link #DEFAULT_EF} or k, whichever is larger);
 *     larger finds more of the true nearest rows, more slowly
 * @param metric the distance (null: the index's, or L2 without an index)
 */
public record NearestQuery(String column, float[] vector, int k, int ef, VectorMetric metric) {
    /** Recall@10 about 0.99 on SIFT-small (bench/README.md). */
    public static final int DEFAULT_EF = 64;

    /** The name of the distance column a nearest-neighbour scan adds. */
    public static final String DISTANCE = "_distance";

    public NearestQuery {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        if (ef < 0) {
            throw new IllegalArgumentException("ef must not be negative, got " + ef);
        }
        for (float v : vector) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("query vector holds " + v);
            }
        }
    }

    int effectiveEf() {
        return Math.max(k, ef == 0 ? DEFAULT_EF : ef);
    }
}

package io.quiver.vector;

import java.util.Locale;

/**
 * The SQL distance functions (Quiver's SQL has them all; Trino has all but {@code l2_distance})
 * and how each relates to the distance a search reports for its metric (Euclidean distance, 1 - cosine similarity, negative dot product): a nearest-first
 * search answers {@code ORDER BY f ASC} for distances and {@code ORDER BY f DESC} for
 * similarities.
 */
public enum DistanceFunction {
    L2_DISTANCE(VectorMetric.L2, false),
    EUCLIDEAN_DISTANCE(VectorMetric.L2, false),
    COSINE_DISTANCE(VectorMetric.COSINE, false),
    COSINE_SIMILARITY(VectorMetric.COSINE, true),
    DOT_PRODUCT(VectorMetric.DOT, true);

    private final VectorMetric metric;
    private final boolean similarity;

    DistanceFunction(VectorMetric metric, boolean similarity) {
        this.metric = metric;
        this.similarity = similarity;
    }

    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public VectorMetric metric() {
        return metric;
    }

    /** Whether larger values are nearer (the top k is then ORDER BY ... DESC). */
    public boolean similarity() {
        return similarity;
    }

    /** The function's value from the engine's reported distance. */
    public double fromEngine(double distance) {
        return switch (this) {
            case L2_DISTANCE, EUCLIDEAN_DISTANCE, COSINE_DISTANCE -> distance;
            case COSINE_SIMILARITY -> 1 - distance;
            case DOT_PRODUCT -> -distance;
        };
    }

    /** The function a SQL name calls, or null. */
    public static DistanceFunction of(String sqlName) {
        for (DistanceFunction f : values()) {
            if (f.sqlName().equalsIgnoreCase(sqlName)) {
                return f;
            }
        }
        return null;
    }
}

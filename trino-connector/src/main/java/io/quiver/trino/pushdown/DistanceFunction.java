package io.quiver.trino.pushdown;

import io.quiver.vector.VectorMetric;
import io.trino.spi.connector.SortOrder;
import java.util.Optional;

/**
 * Trino's vector functions (all over {@code array(double)}), each as a Quiver metric and the
 * direction that puts the nearest rows first. Trino reports similarities where Quiver reports
 * distances: {@link #value} converts.
 */
public enum DistanceFunction {
    EUCLIDEAN_DISTANCE("euclidean_distance", VectorMetric.L2, true),
    COSINE_DISTANCE("cosine_distance", VectorMetric.COSINE, true),
    COSINE_SIMILARITY("cosine_similarity", VectorMetric.COSINE, false),
    DOT_PRODUCT("dot_product", VectorMetric.DOT, false);

    private final String trinoName;
    private final VectorMetric metric;
    private final boolean ascending;

    DistanceFunction(String trinoName, VectorMetric metric, boolean ascending) {
        this.trinoName = trinoName;
        this.metric = metric;
        this.ascending = ascending;
    }

    public static Optional<DistanceFunction> named(String name) {
        for (DistanceFunction f : values()) {
            if (f.trinoName.equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public String trinoName() {
        return trinoName;
    }

    public VectorMetric metric() {
        return metric;
    }

    /** The function's value from the metric's reported distance. */
    public double value(float distance) {
        return switch (this) {
            case EUCLIDEAN_DISTANCE, COSINE_DISTANCE -> distance;
            case COSINE_SIMILARITY -> 1 - (double) distance;
            case DOT_PRODUCT -> -(double) distance;
        };
    }

    /** Whether ordering by this function in {@code order} ranks the nearest rows first. */
    public boolean nearestFirst(SortOrder order) {
        return order.isAscending() == ascending;
    }
}

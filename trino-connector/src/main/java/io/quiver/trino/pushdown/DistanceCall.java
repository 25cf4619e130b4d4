package io.quiver.trino.pushdown;

import io.quiver.vector.DistanceFunction;
import java.util.Arrays;

/**
 * {@code function(column, query)} with a constant query vector: what a scan computes for its
 * {@link DistanceColumnHandle}, and what a nearest-neighbour top-k ranks by.
 *
 * @param column the stored VECTOR column's name
 */
public record DistanceCall(DistanceFunction function, String column, float[] query) {
    public DistanceCall {
        query = query.clone();
    }

    @Override
    public float[] query() {
        return query.clone();
    }

    // Handles are compared by value (Trino keys its assignments by them): the array by content.
    @Override
    public boolean equals(Object o) {
        return o instanceof DistanceCall d
                && function == d.function
                && column.equals(d.column)
                && Arrays.equals(query, d.query);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * function.hashCode() + column.hashCode()) + Arrays.hashCode(query);
    }

    @Override
    public String toString() {
        return function.sqlName() + "(" + column + ", [" + query.length + " floats])";
    }
}

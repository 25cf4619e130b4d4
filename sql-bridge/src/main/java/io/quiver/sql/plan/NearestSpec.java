package io.quiver.sql.plan;

import io.quiver.vector.VectorMetric;

/**
 * {@code ORDER BY <distance>(column, query) LIMIT k} as the engine runs it: the k rows nearest to
 * {@code query} by {@code metric}, through a vector index where one with that metric exists.
 * Rows whose vector is NULL have a NULL distance: SQL sorts them first or last ({@code
 * nullsFirst}), so they are returned before the nearest rows or after them when fewer than k
 * rows have a vector.
 */
public record NearestSpec(String column, Operand query, int k, VectorMetric metric, boolean nullsFirst) {
    @Override
    public String toString() {
        return column + " " + metric.sqlName() + " " + query + " k=" + k + (nullsFirst ? " nulls first" : "");
    }
}

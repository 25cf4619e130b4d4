package io.quiver.engine.vector;

import io.quiver.vector.HnswParams;
import io.quiver.vector.VectorMetric;

/**
 * A vector index as one table version sees it.
 *
 * @param builtVersion the table version whose rows the index was built (or last extended) over
 * @param indexedRows live rows of this version the graph holds
 * @param unindexedRows live rows added since (searched exactly until {@code optimizeIndex})
 */
public record IndexInfo(
        String name,
        String column,
        VectorMetric metric,
        HnswParams params,
        long builtVersion,
        long indexedRows,
        long unindexedRows) {}

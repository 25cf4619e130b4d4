package io.quiver.engine.vector;

import io.quiver.vector.HnswParams;
import io.quiver.vector.VectorMetric;
import java.util.regex.Pattern;

/**
 * How {@code Dataset.createVectorIndex} builds an index.
 *
 * @param name the index's name, unique in the table (null: {@code <column>_idx})
 * @param metric the distance the index ranks by; a query with another metric searches exactly
 * @param params the graph's degree and construction beam
 * @param buildThreads threads building the graph (1 builds the same graph every time)
 */
public record VectorIndexOptions(String name, VectorMetric metric, HnswParams params, int buildThreads) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    /** L2, m 16, ef_construction 100, one build thread per core. */
    public static final VectorIndexOptions DEFAULTS = new VectorIndexOptions(
            null, VectorMetric.L2, HnswParams.DEFAULTS, Runtime.getRuntime().availableProcessors());

    public VectorIndexOptions {
        if (name != null && !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "index name '" + name + "' must be a letter or _ then up to 63 letters, digits or _");
        }
        if (metric == null || params == null) {
            throw new IllegalArgumentException("metric and params are required");
        }
        if (buildThreads < 1) {
            throw new IllegalArgumentException("build threads must be positive, got " + buildThreads);
        }
    }

    public VectorIndexOptions withName(String name) {
        return new VectorIndexOptions(name, metric, params, buildThreads);
    }

    public VectorIndexOptions withMetric(VectorMetric metric) {
        return new VectorIndexOptions(name, metric, params, buildThreads);
    }

    public VectorIndexOptions withParams(HnswParams params) {
        return new VectorIndexOptions(name, metric, params, buildThreads);
    }

    public VectorIndexOptions withBuildThreads(int threads) {
        return new VectorIndexOptions(name, metric, params, threads);
    }

    /** The name this index gets on {@code column}. */
    public String nameFor(String column) {
        return name != null ? name : column + "_idx";
    }
}

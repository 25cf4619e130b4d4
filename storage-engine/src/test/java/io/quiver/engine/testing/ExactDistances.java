package io.quiver.engine.testing;

import io.quiver.vector.DistanceFunction;
import io.quiver.vector.VectorMetric;

/** Distances computed the plain way, in double precision: the reference searches are checked against. */
public final class ExactDistances {
    private ExactDistances() {}

    /** The distance a search with {@code metric} reports between two vectors. */
    public static double of(VectorMetric metric, float[] a, float[] b) {
        double dot = 0;
        double l2 = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            l2 += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return switch (metric) {
            case L2 -> Math.sqrt(l2);
            case DOT -> -dot;
            case COSINE -> 1 - dot / Math.sqrt(na * nb);
        };
    }

    /** What the SQL function gives for two vectors. */
    public static double of(DistanceFunction function, float[] a, float[] b) {
        return function.fromEngine(of(function.metric(), a, b));
    }
}

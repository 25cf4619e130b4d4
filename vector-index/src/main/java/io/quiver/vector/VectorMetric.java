package io.quiver.vector;

import io.quiver.vector.kernel.VectorKernel;
import java.lang.foreign.MemorySegment;
import java.util.Locale;

/**
 * How far apart two vectors are. Searches rank by a "rank distance" that orders rows the same way
 * as the reported distance but is cheaper (L2 ranks by the squared distance and reports its square
 * root); every metric's distance is smaller for nearer vectors.
 */
public enum VectorMetric {
    /** Euclidean distance. */
    L2("l2"),
    /** 1 - cosine similarity, in [0, 2]; a zero vector is at distance 1 from everything. */
    COSINE("cosine"),
    /** The negative dot product, so that the largest product comes first. */
    DOT("dot");

    private final String sqlName;

    VectorMetric(String sqlName) {
        this.sqlName = sqlName;
    }

    /** The lower-case name used in SQL and in index parameters. */
    public String sqlName() {
        return sqlName;
    }

    public static VectorMetric parse(String name) {
        for (VectorMetric m : values()) {
            if (m.sqlName.equals(name.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown vector metric '" + name + "': expected l2, cosine or dot");
    }

    /** The distance users see, from a rank distance of this metric. */
    public float reported(float rankDistance) {
        return this == L2 ? (float) Math.sqrt(rankDistance) : rankDistance;
    }

    /** A query bound to this metric, ready to measure stored vectors against. */
    public QueryDistance forQuery(float[] query) {
        VectorKernel kernel = VectorKernel.best();
        return switch (this) {
            case L2 -> (data, offset) -> kernel.squaredL2(query, data, offset);
            case DOT -> (data, offset) -> -kernel.dot(query, data, offset);
            case COSINE -> cosine(kernel, query);
        };
    }

    private static QueryDistance cosine(VectorKernel kernel, float[] query) {
        double norm = 0;
        for (float v : query) {
            norm += (double) v * v;
        }
        float queryNorm = (float) Math.sqrt(norm);
        float[] scratch = new float[2];
        return (data, offset) -> {
            kernel.dotAndSquaredNorm(query, data, offset, scratch);
            float denominator = queryNorm * (float) Math.sqrt(scratch[1]);
            return denominator == 0 ? 1f : 1f - scratch[0] / denominator;
        };
    }

    /**
     * The distance from one query to stored vectors. Not thread-safe (the cosine kernel keeps a
     * scratch array): one per thread.
     */
    @FunctionalInterface
    public interface QueryDistance {
        /** The rank distance to the vector stored at {@code offset} bytes into {@code data}. */
        float rank(MemorySegment data, long offset);
    }
}

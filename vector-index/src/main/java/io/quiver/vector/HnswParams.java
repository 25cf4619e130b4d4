package io.quiver.vector;

/**
 * How an HNSW graph is built.
 *
 * @param m the most neighbours a node keeps on levels above 0 (twice as many on level 0): more
 *     gives better recall for more memory and slower builds
 * @param efConstruction the candidate list length while inserting a node: more gives a better
 *     graph for a slower build
 */
public record HnswParams(int m, int efConstruction) {
    public static final int DEFAULT_M = 16;
    public static final int DEFAULT_EF_CONSTRUCTION = 100;
    public static final HnswParams DEFAULTS = new HnswParams(DEFAULT_M, DEFAULT_EF_CONSTRUCTION);
    /** Lucene's own limits. */
    public static final int MAX_M = 512;

    public static final int MAX_EF_CONSTRUCTION = 3200;

    public HnswParams {
        if (m < 2 || m > MAX_M) {
            throw new IllegalArgumentException("m must be in [2, " + MAX_M + "], got " + m);
        }
        if (efConstruction < 1 || efConstruction > MAX_EF_CONSTRUCTION) {
            throw new IllegalArgumentException(
                    "ef_construction must be in [1, " + MAX_EF_CONSTRUCTION + "], got " + efConstruction);
        }
    }
}

package io.quiver.vector;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.apache.lucene.util.hnsw.UpdateableRandomVectorScorer;

/**
 * Vectors stored back to back as little-endian float32 in a segment (the vectors block of an
 * index file), read in place. Lucene's graph code sees them through scorers of graph nodes, whose
 * score is the negative rank distance (it wants larger scores for nearer vectors). Nodes are the
 * ordinals that hold a vector: {@code nodeOrdinals} maps them when some ordinals are absent.
 */
final class MappedVectors {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment segment;
    private final int dimension;
    private final int count;
    private final VectorMetric metric;
    private final int[] nodeOrdinals; // null: node i is ordinal i

    MappedVectors(MemorySegment segment, int dimension, int count, VectorMetric metric, int[] nodeOrdinals) {
        this.segment = segment;
        this.dimension = dimension;
        this.count = count;
        this.metric = metric;
        this.nodeOrdinals = nodeOrdinals;
    }

    int count() {
        return count;
    }

    int nodes() {
        return nodeOrdinals == null ? count : nodeOrdinals.length;
    }

    int ordinal(int node) {
        return nodeOrdinals == null ? node : nodeOrdinals[node];
    }

    private long nodeOffset(int node) {
        return offset(ordinal(node));
    }

    long offset(int ordinal) {
        return (long) ordinal * dimension * Float.BYTES;
    }

    MemorySegment segment() {
        return segment;
    }

    float[] vector(int ordinal) {
        float[] v = new float[dimension];
        MemorySegment.copy(segment, F32, offset(ordinal), v, 0, dimension);
        return v;
    }

    /** Scores every node against a fixed query. */
    RandomVectorScorer scorer(float[] query) {
        VectorMetric.QueryDistance distance = metric.forQuery(query);
        return new RandomVectorScorer() {
            @Override
            public float score(int node) {
                return -distance.rank(segment, nodeOffset(node));
            }

            @Override
            public int maxOrd() {
                return nodes();
            }
        };
    }

    /** Scores nodes against another node, as graph construction needs. */
    RandomVectorScorerSupplier supplier() {
        return new RandomVectorScorerSupplier() {
            @Override
            public UpdateableRandomVectorScorer scorer() {
                return new UpdateableRandomVectorScorer() {
                    private VectorMetric.QueryDistance distance;

                    @Override
                    public void setScoringOrdinal(int node) {
                        distance = metric.forQuery(vector(ordinal(node)));
                    }

                    @Override
                    public float score(int node) {
                        return -distance.rank(segment, nodeOffset(node));
                    }

                    @Override
                    public int maxOrd() {
                        return nodes();
                    }
                };
            }

            @Override
            public RandomVectorScorerSupplier copy() throws IOException {
                return this;
            }
        };
    }
}

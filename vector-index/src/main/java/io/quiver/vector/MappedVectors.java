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
 * index file), read in place. Lucene's graph code sees them through scorers whose score is the
 * negative rank distance: it wants larger scores for nearer vectors.
 */
final class MappedVectors {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment segment;
    private final int dimension;
    private final int count;
    private final VectorMetric metric;

    MappedVectors(MemorySegment segment, int dimension, int count, VectorMetric metric) {
        this.segment = segment;
        this.dimension = dimension;
        this.count = count;
        this.metric = metric;
    }

    int count() {
        return count;
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

    /** Scores every ordinal against a fixed query. */
    RandomVectorScorer scorer(float[] query) {
        VectorMetric.QueryDistance distance = metric.forQuery(query);
        return new RandomVectorScorer() {
            @Override
            public float score(int node) {
                return -distance.rank(segment, offset(node));
            }

            @Override
            public int maxOrd() {
                return count;
            }
        };
    }

    /** Scores ordinals against another ordinal, as graph construction needs. */
    RandomVectorScorerSupplier supplier() {
        return new RandomVectorScorerSupplier() {
            @Override
            public UpdateableRandomVectorScorer scorer() {
                return new UpdateableRandomVectorScorer() {
                    private VectorMetric.QueryDistance distance;

                    @Override
                    public void setScoringOrdinal(int node) {
                        distance = metric.forQuery(vector(node));
                    }

                    @Override
                    public float score(int node) {
                        return -distance.rank(segment, offset(node));
                    }

                    @Override
                    public int maxOrd() {
                        return count;
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

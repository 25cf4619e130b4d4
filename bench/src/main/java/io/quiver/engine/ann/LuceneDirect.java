package io.quiver.engine.ann;

import io.quiver.vector.HnswParams;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Lucene's HNSW called directly, vectors and graph on the heap: the baseline Quiver's index (which
 * builds its graphs with Lucene) must stay within 15% of at the same parameters.
 */
final class LuceneDirect implements AnnSearcher {
    private final FloatVectorValues vectors;
    private final OnHeapHnswGraph graph;

    LuceneDirect(List<float[]> base, HnswParams params) throws IOException {
        this.vectors = FloatVectorValues.fromFloats(base, base.get(0).length);
        RandomVectorScorerSupplier scorers = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(
                VectorSimilarityFunction.EUCLIDEAN, vectors);
        this.graph = HnswGraphBuilder.create(scorers, params.m(), params.efConstruction(), 42)
                .build(vectors.size());
    }

    @Override
    public long[] search(float[] query, int k, int ef) throws IOException {
        TopKnnCollector collector = new TopKnnCollector(Math.max(k, ef), Integer.MAX_VALUE);
        HnswGraphSearcher.search(
                DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(
                        VectorSimilarityFunction.EUCLIDEAN, vectors.copy(), query),
                collector,
                graph,
                null);
        return Arrays.stream(collector.topDocs().scoreDocs)
                .limit(k)
                .mapToLong(d -> d.doc)
                .toArray();
    }
}

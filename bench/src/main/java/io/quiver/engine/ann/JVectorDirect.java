package io.quiver.engine.ann;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import io.quiver.vector.HnswParams;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * jvector's graph (Vamana-style, with hierarchy) called directly, for the side-by-side that chose
 * the library (SPEC.md section 15.1). Its beam is its rerank k.
 */
final class JVectorDirect implements AnnSearcher {
    private static final VectorTypeSupport VECTORS =
            VectorizationProvider.getInstance().getVectorTypeSupport();

    private final ListRandomAccessVectorValues vectors;
    private final ImmutableGraphIndex graph;

    JVectorDirect(List<float[]> base, HnswParams params) throws IOException {
        List<VectorFloat<?>> list =
                base.stream().<VectorFloat<?>>map(VECTORS::createFloatVector).toList();
        this.vectors = new ListRandomAccessVectorValues(list, base.get(0).length);
        try (GraphIndexBuilder builder = GraphIndexBuilder.builder(
                        vectors, VectorSimilarityFunction.EUCLIDEAN, params.m())
                .withBeamWidth(params.efConstruction())
                .withNeighborOverflow(1.2f)
                .withAlpha(1.2f)
                .build()) {
            this.graph = builder.build(vectors);
        }
    }

    @Override
    public long[] search(float[] query, int k, int ef) {
        SearchResult result = GraphSearcher.search(
                VECTORS.createFloatVector(query),
                k,
                Math.max(k, ef),
                vectors,
                VectorSimilarityFunction.EUCLIDEAN,
                graph,
                Bits.ALL);
        return Arrays.stream(result.getNodes()).mapToLong(n -> n.node).toArray();
    }
}

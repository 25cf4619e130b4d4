package io.quiver.bench.compare;

import io.quiver.engine.ann.AnnData;
import io.quiver.vector.Fvecs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;

/**
 * SIFT-small as both systems get it: the first {@code base} vectors as a table {@code (id BIGINT,
 * grp INT, emb VECTOR(128))} with {@code grp = id % 100}, the first {@code queries} queries, and
 * each query's true 10 nearest ids (the shipped ground truth for the whole base, brute force for
 * a part of it or under the filter).
 */
record SiftData(float[][] base, float[][] queries, long[][] truth, long[][] filteredTruth) {
    static final int K = 10;
    /** The filtered search keeps {@code grp < FILTER_GROUPS}: 10% of the rows. */
    static final int FILTER_GROUPS = 10;

    static final IntPredicate IN_FILTER = id -> id % 100 < FILTER_GROUPS;

    static SiftData load(Path dir, int base, int queries) throws IOException {
        List<float[]> allBase = Fvecs.readAll(dir.resolve("siftsmall_base.fvecs"));
        List<float[]> allQueries = Fvecs.readAll(dir.resolve("siftsmall_query.fvecs"));
        float[][] b = allBase.subList(0, Math.min(base, allBase.size())).toArray(float[][]::new);
        float[][] q =
                allQueries.subList(0, Math.min(queries, allQueries.size())).toArray(float[][]::new);
        long[][] truth = new long[q.length][];
        long[][] filtered = new long[q.length][];
        List<int[]> shipped =
                b.length == allBase.size() ? Fvecs.readAllInts(dir.resolve("siftsmall_groundtruth.ivecs")) : null;
        for (int i = 0; i < q.length; i++) {
            truth[i] = shipped != null
                    ? Arrays.stream(shipped.get(i), 0, K).asLongStream().toArray()
                    : AnnData.truth(b, q[i], K, id -> true);
            filtered[i] = AnnData.truth(b, q[i], K, IN_FILTER);
        }
        return new SiftData(b, q, truth, filtered);
    }

    /** The base vectors as one batch of {@link AnnData#SCHEMA_128}; the caller closes it. */
    VectorSchemaRoot batch(BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(AnnData.SCHEMA_128, allocator);
        int n = base.length;
        int dimension = base[0].length;
        root.allocateNew();
        BigIntVector id = (BigIntVector) root.getVector("id");
        IntVector grp = (IntVector) root.getVector("grp");
        FixedSizeListVector emb = (FixedSizeListVector) root.getVector("emb");
        Float4Vector values = (Float4Vector) emb.getDataVector();
        for (int i = 0; i < n; i++) {
            id.setSafe(i, i);
            grp.setSafe(i, i % 100);
            emb.setNotNull(i);
            for (int d = 0; d < dimension; d++) {
                values.setSafe(i * dimension + d, base[i][d]);
            }
        }
        values.setValueCount(n * dimension);
        root.setRowCount(n);
        return root;
    }

    /** recall@10 of each query's answer, averaged. */
    static double recall(long[][] found, long[][] truth) {
        double sum = 0;
        for (int i = 0; i < found.length; i++) {
            sum += AnnData.recall(found[i], truth[i]);
        }
        return sum / found.length;
    }
}

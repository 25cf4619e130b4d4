package io.quiver.bench.compare;

import io.quiver.engine.ann.AnnData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

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
        List<float[]> allBase = AnnData.siftBase(dir);
        List<float[]> allQueries = AnnData.siftQueries(dir);
        float[][] b = allBase.subList(0, Math.min(base, allBase.size())).toArray(float[][]::new);
        float[][] q =
                allQueries.subList(0, Math.min(queries, allQueries.size())).toArray(float[][]::new);
        long[][] truth = new long[q.length][];
        long[][] filtered = new long[q.length][];
        List<int[]> shipped = b.length == allBase.size() ? AnnData.siftTruth(dir) : null;
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
        AnnData.fill(root, base, 0, base.length);
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

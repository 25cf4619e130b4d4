package io.quiver.bench.compare;

import io.quiver.engine.BatchReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.Dataset;
import org.lance.index.DistanceType;
import org.lance.index.IndexOptions;
import org.lance.index.IndexParams;
import org.lance.index.IndexType;
import org.lance.index.vector.HnswBuildParams;
import org.lance.index.vector.IvfBuildParams;
import org.lance.index.vector.PQBuildParams;
import org.lance.index.vector.SQBuildParams;
import org.lance.index.vector.VectorIndexParams;
import org.lance.ipc.Query;
import org.lance.ipc.ScanOptions;

/**
 * One of Lance's vector indexes over SIFT-small, in a dataset of its own (a query cannot pick
 * among several indexes on one column). {@link #hnswSq}: one IVF partition holding one HNSW graph
 * (m 16, ef_construction 100, as Quiver's) over 8-bit scalar-quantized vectors, the nearest Lance
 * has to a plain HNSW; {@link #ivfPq}: sqrt(n) partitions, 16 sub-vectors of 8 bits.
 */
final class LanceAnn implements AnnIndex {
    private final Dataset dataset;
    private final double buildSeconds;

    private LanceAnn(Path dir, SiftData sift, BufferAllocator allocator, IndexType type, VectorIndexParams params)
            throws IOException {
        try (VectorSchemaRoot batch = sift.batch(allocator);
                ArrowReader reader = BatchReader.of(allocator, List.of(batch))) {
            dataset = LanceIo.create(allocator, reader, dir);
        }
        long t0 = System.nanoTime();
        dataset.createIndex(IndexOptions.builder(
                        List.of("emb"),
                        type,
                        IndexParams.builder().setVectorIndexParams(params).build())
                .withIndexName("emb_idx")
                .build());
        buildSeconds = (System.nanoTime() - t0) / 1e9;
    }

    static LanceAnn hnswSq(Path dir, SiftData sift, BufferAllocator allocator) throws IOException {
        VectorIndexParams params = VectorIndexParams.withIvfHnswSqParams(
                DistanceType.L2,
                new IvfBuildParams.Builder().setNumPartitions(1).build(),
                new HnswBuildParams.Builder()
                        .setM(QuiverAnn.PARAMS.m())
                        .setEfConstruction(QuiverAnn.PARAMS.efConstruction())
                        .build(),
                new SQBuildParams.Builder().setNumBits((short) 8).build());
        return new LanceAnn(dir, sift, allocator, IndexType.IVF_HNSW_SQ, params);
    }

    static LanceAnn ivfPq(Path dir, SiftData sift, BufferAllocator allocator) throws IOException {
        VectorIndexParams params = VectorIndexParams.withIvfPqParams(
                DistanceType.L2,
                new IvfBuildParams.Builder().setNumPartitions(partitions(sift)).build(),
                new PQBuildParams.Builder().setNumSubVectors(16).setNumBits(8).build());
        return new LanceAnn(dir, sift, allocator, IndexType.IVF_PQ, params);
    }

    static int partitions(SiftData sift) {
        return Math.max(1, (int) Math.sqrt(sift.base().length));
    }

    /** Asks for {@code _distance} too: Lance returns it anyway and warns, per query, when it is not asked for. */
    @Override
    public long[] search(float[] query, int k, AnnSetting setting, boolean filtered) throws IOException {
        Query.Builder q =
                new Query.Builder().setColumn("emb").setKey(query).setK(k).setDistanceType(DistanceType.L2);
        if (setting.ef() > 0) {
            q.setEf(setting.ef());
        }
        if (setting.nprobes() > 0) {
            q.setMinimumNprobes(setting.nprobes()).setMaximumNprobes(setting.nprobes());
        }
        if (setting.refine() > 0) {
            q.setRefineFactor(setting.refine());
        }
        ScanOptions.Builder options =
                new ScanOptions.Builder().columns(List.of("id", "_distance")).nearest(q.build());
        if (filtered) {
            options.filter("grp < " + SiftData.FILTER_GROUPS).prefilter(true);
        }
        long[][] ids = {new long[0]};
        LanceIo.forEachBatch(
                dataset, options.build(), root -> ids[0] = Ids.append(ids[0], (BigIntVector) root.getVector("id")));
        return ids[0];
    }

    @Override
    public double buildSeconds() {
        return buildSeconds;
    }

    @Override
    public void close() {
        dataset.close();
    }
}

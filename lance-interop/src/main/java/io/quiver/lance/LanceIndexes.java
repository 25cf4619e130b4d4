package io.quiver.lance;

import io.quiver.engine.schema.Column;
import io.quiver.format.proto.TypeId;
import io.quiver.sql.spi.OptionValues;
import io.quiver.vector.VectorMetric;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lance.index.DistanceType;
import org.lance.index.IndexOptions;
import org.lance.index.IndexParams;
import org.lance.index.IndexType;
import org.lance.index.vector.HnswBuildParams;
import org.lance.index.vector.IvfBuildParams;
import org.lance.index.vector.PQBuildParams;
import org.lance.index.vector.SQBuildParams;
import org.lance.index.vector.VectorIndexParams;

/**
 * {@code ALTER TABLE t ADD VECTOR INDEX [name] ON col [USING method] [WITH (...)]} as a Lance index.
 * Lance has no plain HNSW: {@code USING HNSW} (the default) is IVF_HNSW_SQ, with one partition
 * (a single graph) unless {@code partitions} says otherwise. Methods: HNSW, IVF_HNSW_SQ,
 * IVF_HNSW_PQ, IVF_PQ, IVF_FLAT. Options: metric (l2, cosine, dot), partitions, m,
 * ef_construction (HNSW methods), sub_vectors (PQ methods: must divide the dimension).
 */
final class LanceIndexes {
    private static final List<String> OPTIONS = List.of("metric", "partitions", "m", "ef_construction", "sub_vectors");

    private LanceIndexes() {}

    static IndexOptions options(String name, Column column, String method, Map<String, String> with)
            throws SQLSyntaxErrorException, SQLFeatureNotSupportedException {
        if (column.type().id() != TypeId.VECTOR_F32) {
            throw new SQLSyntaxErrorException(
                    "column " + column.name() + " is " + column.type()
                            + ", not a VECTOR: it cannot have a vector index",
                    "42809");
        }
        IndexType type = switch (method.toUpperCase(Locale.ROOT)) {
            case "HNSW", "IVF_HNSW_SQ" -> IndexType.IVF_HNSW_SQ;
            case "IVF_HNSW_PQ" -> IndexType.IVF_HNSW_PQ;
            case "IVF_PQ" -> IndexType.IVF_PQ;
            case "IVF_FLAT" -> IndexType.IVF_FLAT;
            default ->
                throw new SQLFeatureNotSupportedException(
                        "unknown index method " + method
                                + " for a LANCE table (known: HNSW = IVF_HNSW_SQ, IVF_HNSW_PQ, IVF_PQ, IVF_FLAT)",
                        "0A000");
        };
        for (String key : with.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new SQLSyntaxErrorException(
                        "unknown index option '" + key + "' (known: " + String.join(", ", OPTIONS) + ")", "42601");
            }
        }
        DistanceType distance = LanceNearest.distanceType(VectorMetric.parse(with.getOrDefault("metric", "l2")));
        int dimension = column.type().dimension();
        IvfBuildParams ivf = new IvfBuildParams.Builder()
                .setNumPartitions(positive(with, "partitions", 1))
                .build();
        HnswBuildParams hnsw = new HnswBuildParams.Builder()
                .setM(positive(with, "m", 16))
                .setEfConstruction(positive(with, "ef_construction", 100))
                .build();
        int subVectors = positive(with, "sub_vectors", dimension % 16 == 0 ? dimension / 16 : 1);
        if (dimension % subVectors != 0) {
            throw new SQLSyntaxErrorException(
                    "sub_vectors " + subVectors + " must divide the dimension " + dimension, "42601");
        }
        PQBuildParams pq =
                new PQBuildParams.Builder().setNumSubVectors(subVectors).build();
        VectorIndexParams vector = switch (type) {
            case IVF_HNSW_SQ ->
                VectorIndexParams.withIvfHnswSqParams(distance, ivf, hnsw, new SQBuildParams.Builder().build());
            case IVF_HNSW_PQ -> VectorIndexParams.withIvfHnswPqParams(distance, ivf, hnsw, pq);
            case IVF_PQ -> VectorIndexParams.withIvfPqParams(distance, ivf, pq);
            default ->
                new VectorIndexParams.Builder(ivf).setDistanceType(distance).build();
        };
        IndexParams params = IndexParams.builder().setVectorIndexParams(vector).build();
        return IndexOptions.builder(List.of(column.name()), type, params)
                .withIndexName(name)
                .build();
    }

    private static int positive(Map<String, String> with, String key, int otherwise) throws SQLSyntaxErrorException {
        String value = with.get(key);
        return value == null ? otherwise : OptionValues.positive(key, value);
    }
}

package io.quiver.engine.ann;

import io.quiver.engine.BenchTable;
import io.quiver.engine.Dataset;
import io.quiver.vector.Fvecs;
import io.quiver.vector.Neighbor;
import io.quiver.vector.TopK;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The vector data the ANN benchmarks share: SIFT-small from {@code datasets/siftsmall} and seeded
 * clustered Gaussian sets, as float arrays and as cached tables ({@code id BIGINT, grp INT,
 * emb VECTOR(d)}, {@code grp = id % 100}), with brute-force ground truth.
 */
public final class AnnData {
    public static final Schema SCHEMA_128 = schema(128);

    private AnnData() {}

    static Schema schema(int dimension) {
        Field item = new Field(
                "item", FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null);
        return new Schema(List.of(
                new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
                new Field("grp", FieldType.notNullable(new ArrowType.Int(32, true)), null),
                new Field("emb", FieldType.notNullable(new ArrowType.FixedSizeList(dimension)), List.of(item))));
    }

    /** SIFT-small's folder in the repository these benchmarks were built in. */
    public static Path siftDir() {
        // bench-data is <repo>/bench/target/bench-data
        Path repo = BenchTable.dataRoot().getParent().getParent().getParent();
        Path candidate = repo.resolve("datasets/siftsmall");
        if (!Files.isDirectory(candidate)) {
            throw new IllegalStateException("SIFT-small not found at " + candidate);
        }
        return candidate;
    }

    public static List<float[]> siftBase() throws IOException {
        return siftBase(siftDir());
    }

    public static List<float[]> siftQueries() throws IOException {
        return siftQueries(siftDir());
    }

    public static List<int[]> siftTruth() throws IOException {
        return siftTruth(siftDir());
    }

    /** SIFT-small's base vectors from its folder {@code dir}. */
    public static List<float[]> siftBase(Path dir) throws IOException {
        return Fvecs.readAll(dir.resolve("siftsmall_base.fvecs"));
    }

    public static List<float[]> siftQueries(Path dir) throws IOException {
        return Fvecs.readAll(dir.resolve("siftsmall_query.fvecs"));
    }

    public static List<int[]> siftTruth(Path dir) throws IOException {
        return Fvecs.readAllInts(dir.resolve("siftsmall_groundtruth.ivecs"));
    }

    /**
     * {@code n} vectors around {@code clusters} Gaussian centres (spread 1 around centres spread
     * 4), the shape of real embeddings more than uniform noise is.
     */
    public static float[][] clustered(long seed, int n, int dimension, int clusters) {
        Random random = new Random(seed);
        float[][] centres = new float[clusters][dimension];
        for (float[] c : centres) {
            for (int d = 0; d < dimension; d++) {
                c[d] = (float) (4 * random.nextGaussian());
            }
        }
        float[][] out = new float[n][dimension];
        for (int i = 0; i < n; i++) {
            float[] c = centres[random.nextInt(clusters)];
            for (int d = 0; d < dimension; d++) {
                out[i][d] = c[d] + (float) random.nextGaussian();
            }
        }
        return out;
    }

    /** The ids of the k nearest (L2) vectors that {@code keep} accepts, by brute force. */
    public static long[] truth(float[][] base, float[] query, int k, IntPredicate keep) {
        TopK top = new TopK(k);
        for (int i = 0; i < base.length; i++) {
            if (keep.test(i)) {
                float sum = 0;
                for (int d = 0; d < query.length; d++) {
                    float diff = query[d] - base[i][d];
                    sum += diff * diff;
                }
                top.offer(i, sum);
            }
        }
        return top.sorted().stream().mapToLong(Neighbor::id).toArray();
    }

    /** |found ∩ truth| / |truth|. */
    public static double recall(long[] found, long[] truth) {
        int hits = 0;
        for (long f : found) {
            for (long t : truth) {
                if (f == t) {
                    hits++;
                    break;
                }
            }
        }
        return truth.length == 0 ? 1 : hits / (double) truth.length;
    }

    /** Opens (or writes once) the table of these vectors under {@code bench-data/<name>-<hash>}. */
    public static Dataset table(String name, String parameters, float[][] vectors) throws IOException {
        Path path = BenchTable.dataRoot().resolve(name + "-" + BenchTable.hash(parameters));
        return BenchTable.openOrCreate(path, vectors.length, dir -> write(dir, vectors));
    }

    private static void write(Path dir, float[][] vectors) throws IOException {
        int dimension = vectors[0].length;
        int batch = 8192;
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(dir, schema(dimension));
                VectorSchemaRoot root = VectorSchemaRoot.create(schema(dimension), allocator)) {
            for (int start = 0; start < vectors.length; start += batch) {
                int n = Math.min(batch, vectors.length - start);
                fill(root, vectors, start, n);
                ds.append(root);
            }
        }
    }

    /**
     * Fills {@code root} (of {@link #schema}) with rows {@code [start, start + n)} of
     * {@code vectors}: {@code id} is the row's index, {@code grp} is {@code id % 100}.
     */
    public static void fill(VectorSchemaRoot root, float[][] vectors, int start, int n) {
        int dimension = vectors[0].length;
        root.allocateNew();
        BigIntVector id = (BigIntVector) root.getVector("id");
        IntVector grp = (IntVector) root.getVector("grp");
        FixedSizeListVector emb = (FixedSizeListVector) root.getVector("emb");
        Float4Vector values = (Float4Vector) emb.getDataVector();
        for (int i = 0; i < n; i++) {
            id.setSafe(i, start + i);
            grp.setSafe(i, (start + i) % 100);
            emb.setNotNull(i);
            for (int d = 0; d < dimension; d++) {
                values.setSafe(i * dimension + d, vectors[start + i][d]);
            }
        }
        values.setValueCount(n * dimension);
        root.setRowCount(n);
    }
}

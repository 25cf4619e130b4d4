package io.quiver.bench.compare;

import io.quiver.engine.SampleRows;
import io.quiver.engine.schema.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The one data set both systems get: {@code (id BIGINT PRIMARY KEY, label VARCHAR,
 * embedding VECTOR(128), image BLOB)}, ids 0..N-1 in table order, labels of about 20 characters,
 * uniform random embeddings and 2 KiB random blobs (random bytes do not compress, as encoded
 * images barely do). Every value depends only on its row's id and the seed, so a row can be made
 * again to check what a system returns. Batches are built in Quiver's form (the blob as binary
 * marked {@code quiver.type=blob}); {@link LanceBatch} views them in Lance's.
 */
final class CompareRows {
    static final int DIMENSION = 128;
    static final int BLOB_BYTES = 2 << 10;
    static final int BATCH_ROWS = 8192;
    static final long SEED = 20_261_202L;

    private CompareRows() {}

    static Schema quiverSchema() {
        return schema(new Field(
                "image",
                new FieldType(
                        true,
                        ArrowType.Binary.INSTANCE,
                        null,
                        Map.of(ColumnType.ARROW_TYPE_KEY, ColumnType.ARROW_BLOB)),
                null));
    }

    /** Lance's blob encoding takes only large binary, marked {@code lance-encoding:blob}. */
    static Schema lanceSchema() {
        return schema(new Field(
                "image",
                new FieldType(true, ArrowType.LargeBinary.INSTANCE, null, Map.of("lance-encoding:blob", "true")),
                null));
    }

    private static Schema schema(Field image) {
        Field item = new Field(
                "item", FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null);
        return new Schema(List.of(
                new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
                new Field("label", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
                new Field("embedding", FieldType.nullable(new ArrowType.FixedSizeList(DIMENSION)), List.of(item)),
                image));
    }

    /** The shared table's labels ({@link SampleRows#label}), so both data sets read alike. */
    static String label(long id) {
        return SampleRows.label(id);
    }

    /** The label an upsert of round {@code round} gives a row, so a lookup can tell it landed. */
    static String upsertedLabel(long id, int round) {
        return "upserted " + round + " " + label(id);
    }

    static byte[] blob(long id) {
        byte[] bytes = new byte[BLOB_BYTES];
        random(id, 1).nextBytes(bytes);
        return bytes;
    }

    static float[] embedding(long id) {
        SplittableRandom random = random(id, 2);
        float[] v = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            v[d] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }

    private static SplittableRandom random(long id, long stream) {
        return new SplittableRandom(SEED ^ (id * 0x9E3779B97F4A7C15L + stream));
    }

    /** The whole data set in batches of {@link #BATCH_ROWS}, Quiver's form; the caller closes them. */
    static List<VectorSchemaRoot> generate(BufferAllocator allocator, long rows) {
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (long first = 0; first < rows; first += BATCH_ROWS) {
            int n = (int) Math.min(BATCH_ROWS, rows - first);
            long[] ids = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = first + i;
            }
            batches.add(batch(allocator, ids, null));
        }
        return batches;
    }

    /**
     * The rows of these ids in Quiver's form, labelled as {@link #upsertedLabel} of
     * {@code upsertRound} (null: their original labels).
     */
    static VectorSchemaRoot batch(BufferAllocator allocator, long[] ids, Integer upsertRound) {
        VectorSchemaRoot root = VectorSchemaRoot.create(quiverSchema(), allocator);
        int n = ids.length;
        BigIntVector id = (BigIntVector) root.getVector("id");
        VarCharVector label = (VarCharVector) root.getVector("label");
        FixedSizeListVector embedding = (FixedSizeListVector) root.getVector("embedding");
        Float4Vector values = (Float4Vector) embedding.getDataVector();
        VarBinaryVector image = (VarBinaryVector) root.getVector("image");
        root.getFieldVectors().forEach(v -> v.setInitialCapacity(n));
        label.setInitialCapacity(n, 40);
        image.setInitialCapacity(n, BLOB_BYTES);
        root.allocateNew();
        for (int i = 0; i < n; i++) {
            long row = ids[i];
            id.set(i, row);
            String text = upsertRound == null ? label(row) : upsertedLabel(row, upsertRound);
            label.setSafe(i, text.getBytes(StandardCharsets.UTF_8));
            embedding.setNotNull(i);
            float[] v = embedding(row);
            for (int d = 0; d < DIMENSION; d++) {
                values.set(i * DIMENSION + d, v[d]);
            }
            image.setSafe(i, blob(row));
        }
        values.setValueCount(n * DIMENSION);
        root.setRowCount(n);
        return root;
    }

    /** The bytes of Arrow buffers the batches hold: what a write takes in. */
    static long arrowBytes(List<VectorSchemaRoot> batches) {
        long bytes = 0;
        for (VectorSchemaRoot batch : batches) {
            for (var v : batch.getFieldVectors()) {
                bytes += v.getBufferSize();
            }
        }
        return bytes;
    }
}

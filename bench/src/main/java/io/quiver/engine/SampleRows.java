package io.quiver.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The rows every benchmark reads or writes: {@code (id BIGINT NOT NULL, label VARCHAR,
 * embedding VECTOR(128))} with ids counting up from 0, labels of about 20 characters
 * ("horse photo 00000042") and embeddings of uniform random floats in [-1, 1). Random floats do
 * not compress, as real embeddings barely do. A batch depends only on the seed, its first id and
 * its size, so batches can be made in any order.
 */
public final class SampleRows {
    static final int DIMENSION = 128;
    static final long SEED = 20_250_601L;
    static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("label", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field(
                    "embedding",
                    FieldType.nullable(new ArrowType.FixedSizeList(DIMENSION)),
                    List.of(new Field(
                            "item",
                            FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
                            null)))));

    private static final String[] ANIMALS = {"cat", "dog", "bird", "fish", "horse"};

    private SampleRows() {}

    /** The label of row {@code id}: about 20 characters, one of five words and the zero-padded id. */
    public static String label(long id) {
        String digits = Long.toString(id);
        return ANIMALS[(int) (id % ANIMALS.length)] + " photo " + "0".repeat(Math.max(0, 8 - digits.length())) + digits;
    }

    /** Replaces {@code batch}'s contents (of {@link #SCHEMA}) with the rows of ids [firstId, firstId + rows). */
    static void fill(VectorSchemaRoot batch, long firstId, int rows) {
        BigIntVector id = (BigIntVector) batch.getVector("id");
        VarCharVector label = (VarCharVector) batch.getVector("label");
        FixedSizeListVector embedding = (FixedSizeListVector) batch.getVector("embedding");
        Float4Vector values = (Float4Vector) embedding.getDataVector();
        batch.getFieldVectors().forEach(v -> v.setInitialCapacity(rows));
        label.setInitialCapacity(rows, 20);
        batch.allocateNew();
        SplittableRandom random = new SplittableRandom(SEED ^ firstId * 0x9E3779B97F4A7C15L);
        for (int i = 0; i < rows; i++) {
            long row = firstId + i;
            id.set(i, row);
            label.setSafe(i, label(row).getBytes(StandardCharsets.UTF_8));
            embedding.setNotNull(i);
            for (int d = 0; d < DIMENSION; d++) {
                values.set(i * DIMENSION + d, (float) (random.nextDouble() * 2 - 1));
            }
        }
        values.setValueCount(rows * DIMENSION);
        batch.setRowCount(rows);
    }

    /** The Arrow bytes of a batch: every buffer of every column, as a scan or append handles them. */
    static long arrowBytes(VectorSchemaRoot batch) {
        long bytes = 0;
        for (FieldVector v : batch.getFieldVectors()) {
            bytes += v.getBufferSize();
        }
        return bytes;
    }
}

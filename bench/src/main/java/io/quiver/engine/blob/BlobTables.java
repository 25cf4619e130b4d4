package io.quiver.engine.blob;

import io.quiver.engine.BenchTable;
import io.quiver.engine.Dataset;
import io.quiver.engine.DatasetOptions;
import io.quiver.engine.WriteOptions;
import io.quiver.engine.schema.ColumnType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Cached tables of {@code (id BIGINT, image BLOB)} for the blob benchmarks: every row holds a
 * blob of the same size, of seeded random bytes (incompressible, like encoded media).
 */
final class BlobTables {
    static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field(
                    "image",
                    new FieldType(
                            false,
                            ArrowType.Binary.INSTANCE,
                            null,
                            Map.of(ColumnType.ARROW_TYPE_KEY, ColumnType.ARROW_BLOB)),
                    null)));

    private static final long SEED = 20261122L;
    /** Bump when the generated rows change, so that tables cached by older code are not reused. */
    private static final int GENERATOR_VERSION = 1;

    private BlobTables() {}

    /** The table of {@code rows} blobs of {@code blobBytes} each, stored with this inline threshold. */
    static Dataset open(int rows, int blobBytes, int inlineBytes) throws IOException {
        WriteOptions write = WriteOptions.DEFAULT.withBlobInlineBytes(inlineBytes);
        String name = "blobs-" + rows + "x" + blobBytes + "-inline" + inlineBytes + "-"
                + BenchTable.hash("generator=" + GENERATOR_VERSION + " seed=" + SEED + " write=" + write);
        Path table = BenchTable.dataRoot().resolve(name);
        return BenchTable.openOrCreate(table, rows, dir -> generate(dir, rows, blobBytes, write));
    }

    private static void generate(Path dir, int rows, int blobBytes, WriteOptions write) throws IOException {
        int batchRows = Math.max(1, Math.min(8192, (32 << 20) / blobBytes));
        byte[] blob = new byte[blobBytes];
        try (Dataset ds = Dataset.create(dir, SCHEMA, DatasetOptions.DEFAULT.withWriteOptions(write));
                VectorSchemaRoot batch = VectorSchemaRoot.create(SCHEMA, ds.allocator())) {
            for (int first = 0; first < rows; first += batchRows) {
                int n = Math.min(batchRows, rows - first);
                batch.allocateNew();
                BigIntVector id = (BigIntVector) batch.getVector("id");
                VarBinaryVector image = (VarBinaryVector) batch.getVector("image");
                for (int i = 0; i < n; i++) {
                    id.setSafe(i, first + i);
                    new SplittableRandom(SEED + first + i).nextBytes(blob);
                    image.setSafe(i, blob);
                }
                batch.setRowCount(n);
                ds.append(batch);
            }
        }
    }
}

package io.quiver.engine.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.blob.Blob;
import io.quiver.engine.Dataset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobSmokeTest {
    @Test
    void roundTrip(@TempDir Path dir) throws Exception {
        Schema schema = new Schema(List.of(
                Field.notNullable("id", new ArrowType.Int(64, true)),
                new Field(
                        "image",
                        new FieldType(true, ArrowType.Binary.INSTANCE, null, Map.of("quiver.type", "blob")),
                        null)));
        Random r = new Random(1);
        int[] sizes = {0, 1, 4096, 1 << 20, 100};
        byte[][] values = new byte[sizes.length][];
        try (Dataset ds = Dataset.create(dir.resolve("t"), schema)) {
            try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, ds.allocator())) {
                BigIntVector id = (BigIntVector) root.getVector(0);
                VarBinaryVector img = (VarBinaryVector) root.getVector(1);
                for (int i = 0; i < sizes.length; i++) {
                    values[i] = new byte[sizes[i]];
                    r.nextBytes(values[i]);
                    id.setSafe(i, i);
                    img.setSafe(i, values[i]);
                }
                root.setRowCount(sizes.length);
                ds.append(root);
            }
            try (var reader = ds.scan().toArrowReader()) {
                reader.loadNextBatch();
                var root = reader.getVectorSchemaRoot();
                for (int i = 0; i < sizes.length; i++) {
                    Blob b = ds.blob(root.getVector("image"), i);
                    assertEquals(sizes[i], b.length());
                    assertArrayEquals(values[i], b.readAllBytes());
                    assertArrayEquals(values[i], b.openStream().readAllBytes());
                }
            }
            ds.verify();
        }
    }
}

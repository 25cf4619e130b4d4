package io.quiver.engine.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quiver.engine.Dataset;
import io.quiver.engine.DatasetOptions;
import io.quiver.engine.WriteOptions;
import io.quiver.engine.testing.ModelRows;
import io.quiver.engine.testing.RandomRows;
import io.quiver.engine.testing.TestRandom;
import io.quiver.engine.vector.NearestQuery;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nearest-neighbour scan's BLOB columns: stored descriptors by default, the blobs' bytes with
 * {@code withBlobBytes()}, inline and packed blobs alike, the same bytes both ways.
 */
@ExtendWith(TestRandom.class)
class BlobNearestTest {
    private static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            RandomRows.vector("emb", 4),
            RandomRows.blob("img")));

    @TempDir
    Path dir;

    @Test
    void searchResultsCarryBlobBytesWhenAsked(Random random) throws IOException {
        DatasetOptions options = DatasetOptions.DEFAULT.withWriteOptions(WriteOptions.DEFAULT.withBlobInlineBytes(64));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            float[] v = {random.nextFloat(), random.nextFloat(), random.nextFloat(), random.nextFloat()};
            byte[] img = random.nextInt(8) == 0 ? null : new byte[random.nextInt(300)]; // inline and packed
            if (img != null) {
                random.nextBytes(img);
            }
            rows.add(new Object[] {(long) i, v, img});
        }
        try (Dataset ds = Dataset.create(dir.resolve("t"), SCHEMA, options)) {
            ModelRows.append(ds, rows);
            float[] query = {0.5f, 0.5f, 0.5f, 0.5f};
            try (ArrowReader bytes =
                            ds.scan().nearest("emb", query, 20).withBlobBytes().toArrowReader();
                    ArrowReader descriptors =
                            ds.scan().nearest("emb", query, 20).toArrowReader()) {
                bytes.loadNextBatch();
                descriptors.loadNextBatch();
                VectorSchemaRoot withBytes = bytes.getVectorSchemaRoot();
                VectorSchemaRoot stored = descriptors.getVectorSchemaRoot();
                assertEquals(20, withBytes.getRowCount());
                BigIntVector ids = (BigIntVector) withBytes.getVector("id");
                VarBinaryVector img = (VarBinaryVector) withBytes.getVector("img");
                VarBinaryVector handles = (VarBinaryVector) stored.getVector("img");
                Float4Vector distances = (Float4Vector) withBytes.getVector(NearestQuery.DISTANCE);
                for (int i = 0; i < 20; i++) {
                    assertEquals(ids.get(i), ((BigIntVector) stored.getVector("id")).get(i), "same search");
                    byte[] expected = (byte[]) rows.get((int) ids.get(i))[2];
                    if (expected == null) {
                        assertNull(img.getObject(i), "row " + i);
                        assertNull(ds.blob(handles, i), "row " + i);
                    } else {
                        assertArrayEquals(expected, img.get(i), "row " + i);
                        assertArrayEquals(expected, ds.blob(handles, i).readAllBytes(), "row " + i);
                    }
                    assertEquals(distances.get(i), ((Float4Vector) stored.getVector(NearestQuery.DISTANCE)).get(i));
                }
            }
        }
    }
}

package io.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vectors with NaN or an infinity are refused on write, naming the row, as query vectors are. */
class NonFiniteVectorTest {
    private static final Schema SCHEMA = new Schema(List.of(
            Field.notNullable("id", new ArrowType.Int(64, true)),
            new Field(
                    "v",
                    FieldType.nullable(new ArrowType.FixedSizeList(2)),
                    List.of(Field.nullable("item", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE))))));

    @TempDir
    Path dir;

    private static VectorSchemaRoot batch(BufferAllocator allocator, float... values) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        int rows = values.length / 2;
        BigIntVector ids = (BigIntVector) root.getVector("id");
        FixedSizeListVector v = (FixedSizeListVector) root.getVector("v");
        Float4Vector items = (Float4Vector) v.getDataVector();
        for (int i = 0; i < rows; i++) {
            ids.setSafe(i, i);
            v.setNotNull(i);
            items.setSafe(2 * i, values[2 * i]);
            items.setSafe(2 * i + 1, values[2 * i + 1]);
        }
        root.setRowCount(rows);
        return root;
    }

    @Test
    void nanAndInfinitiesAreRefusedAndNothingIsCommitted() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(
                        dir.resolve("t"), SCHEMA, null, DatasetOptions.DEFAULT.withAllocator(allocator))) {
            try (VectorSchemaRoot ok = batch(allocator, 1, 2)) {
                ds.append(ok);
            }
            long version = ds.version();
            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                try (VectorSchemaRoot rows = batch(allocator, 1, 2, 3, 4, 5, bad)) {
                    NonFiniteVectorException e = assertThrows(NonFiniteVectorException.class, () -> ds.append(rows));
                    assertTrue(
                            e.getMessage().contains("row 3") && e.getMessage().contains("element 1"), e.getMessage());
                }
            }
            assertEquals(version, ds.version());
            assertEquals(1, ds.count());
        }
    }
}

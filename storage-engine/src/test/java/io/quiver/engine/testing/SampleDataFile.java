package io.quiver.engine.testing;

import io.quiver.engine.datafile.DataFileOptions;
import io.quiver.engine.datafile.DataFileWriter;
import io.quiver.engine.schema.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
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
 * A small valid data file with columns of several kinds of layout (fixed width, bit-packed,
 * variable width, fixed-size lists), nulls, and pages both zstd-compressed and plain: the
 * starting point for mutations of untrusted bytes.
 */
public final class SampleDataFile {
    public static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("noise", FieldType.nullable(new ArrowType.Int(32, true)), null),
            new Field("text", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field("flag", FieldType.nullable(ArrowType.Bool.INSTANCE), null),
            new Field("score", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
            new Field("blob", FieldType.nullable(ArrowType.Binary.INSTANCE), null),
            new Field(
                    "vec",
                    FieldType.nullable(new ArrowType.FixedSizeList(3)),
                    List.of(new Field(
                            "item",
                            FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
                            null)))));

    private static final byte[] BYTES = build();

    private SampleDataFile() {}

    /** The file's bytes (a copy). */
    public static byte[] bytes() {
        return BYTES.clone();
    }

    private static byte[] build() {
        int rows = 300;
        Random random = new Random(42);
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator)) {
            root.allocateNew();
            FixedSizeListVector vec = (FixedSizeListVector) root.getVector("vec");
            Float4Vector items = (Float4Vector) vec.getDataVector();
            for (int i = 0; i < rows; i++) {
                ((BigIntVector) root.getVector("id")).setSafe(i, i);
                boolean isNull = i % 7 == 3;
                if (isNull) {
                    ((IntVector) root.getVector("noise")).setNull(i);
                    ((VarCharVector) root.getVector("text")).setNull(i);
                    ((BitVector) root.getVector("flag")).setNull(i);
                    ((Float8Vector) root.getVector("score")).setNull(i);
                    ((VarBinaryVector) root.getVector("blob")).setNull(i);
                    vec.setNull(i);
                    continue;
                }
                ((IntVector) root.getVector("noise")).setSafe(i, random.nextInt());
                ((VarCharVector) root.getVector("text"))
                        .setSafe(i, ("text " + i % 13).getBytes(StandardCharsets.UTF_8));
                ((BitVector) root.getVector("flag")).setSafe(i, i % 3 == 0 ? 1 : 0);
                ((Float8Vector) root.getVector("score")).setSafe(i, i * 0.5);
                byte[] blob = new byte[random.nextInt(9)];
                random.nextBytes(blob);
                ((VarBinaryVector) root.getVector("blob")).setSafe(i, blob);
                vec.setNotNull(i);
                for (int d = 0; d < 3; d++) {
                    items.setSafe(i * 3 + d, random.nextFloat());
                }
            }
            items.setValueCount(rows * 3);
            root.setRowCount(rows);
            Path dir = Files.createTempDirectory("quiver-sample");
            Path file = dir.resolve("sample.qvd");
            try (DataFileWriter writer = new DataFileWriter(
                    file, TableSchema.fromArrow(SCHEMA).columns(), new DataFileOptions(256, 3, 0.2))) {
                writer.write(root.getFieldVectors(), 0, rows);
                writer.finish();
            }
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            Files.delete(dir);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.quiver.engine.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quiver.blob.BlobSource;
import io.quiver.engine.Dataset;
import io.quiver.engine.schema.ColumnType;
import io.quiver.engine.testing.TestRandom;
import io.quiver.engine.testing.Trees;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Wrong uses of BLOB columns are refused up front: an append whose blob column is not binary
 * fails with IllegalArgumentException before writing any file or version, and {@code
 * Dataset.blob} refuses columns that do not hold blob descriptors.
 */
@ExtendWith(TestRandom.class)
class BlobMisuseTest {
    @TempDir
    Path dir;

    /** The blob column as a batch of the wrong type would carry it. */
    private static Field badBlobField(String type) {
        Map<String, String> blobMark = Map.of(ColumnType.ARROW_TYPE_KEY, ColumnType.ARROW_BLOB);
        return switch (type) {
            case "utf8" -> Field.nullable("blob", ArrowType.Utf8.INSTANCE);
            case "utf8 marked blob" ->
                new Field("blob", new FieldType(true, ArrowType.Utf8.INSTANCE, null, blobMark), null);
            case "bigint" -> Field.nullable("blob", new ArrowType.Int(64, true));
            case "large binary" -> Field.nullable("blob", ArrowType.LargeBinary.INSTANCE);
            case "large binary marked blob" ->
                new Field("blob", new FieldType(true, ArrowType.LargeBinary.INSTANCE, null, blobMark), null);
            case "fixed-size binary" -> Field.nullable("blob", new ArrowType.FixedSizeBinary(16));
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** A batch of three rows (id, label, blob of the given wrong type) with values in every cell. */
    private static VectorSchemaRoot badBatch(Dataset ds, String type, Random random) {
        Schema schema = new Schema(List.of(
                BlobRows.SCHEMA.getFields().get(0), BlobRows.SCHEMA.getFields().get(1), badBlobField(type)));
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, ds.allocator());
        for (int i = 0; i < 3; i++) {
            ((BigIntVector) root.getVector("id")).setSafe(i, 100 + i);
            ((VarCharVector) root.getVector("label")).setSafe(i, ("bad " + i).getBytes(StandardCharsets.UTF_8));
            byte[] bytes = BlobRows.randomBytes(random, 16);
            switch (root.getVector("blob")) {
                case VarCharVector v -> v.setSafe(i, "/path/to/clip.mp4".getBytes(StandardCharsets.UTF_8));
                case BigIntVector v -> v.setSafe(i, random.nextLong());
                case LargeVarBinaryVector v -> v.setSafe(i, bytes);
                case FixedSizeBinaryVector v -> v.setSafe(i, bytes);
                default -> throw new IllegalStateException();
            }
        }
        root.setRowCount(3);
        return root;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "utf8",
                "utf8 marked blob",
                "bigint",
                "large binary",
                "large binary marked blob",
                "fixed-size binary"
            })
    void anAppendWithANonBinaryBlobColumnIsRefusedAndWritesNothing(String type, Random random) throws IOException {
        Path table = dir.resolve("t");
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(table, BlobRows.SCHEMA, BlobRows.options(allocator, 2, 0, 1 << 20))) {
            BlobRows model = new BlobRows();
            // Refused on the empty table and on one that already has packs.
            for (int attempt = 0; attempt < 2; attempt++) {
                List<String> files = Trees.files(table);
                long version = ds.version();
                try (VectorSchemaRoot bad = badBatch(ds, type, random)) {
                    assertThrows(IllegalArgumentException.class, () -> ds.append(bad), type);
                }
                assertEquals(version, ds.version(), type + ": no version committed");
                assertEquals(files, Trees.files(table), type + ": no file left in data/, blobs/ or versions/");
                try (Dataset reopened = Dataset.open(table)) {
                    assertEquals(version, reopened.version(), type + ": no version on disk");
                }
                Map<Long, BlobRows.Row> good = new LinkedHashMap<>();
                for (long id = attempt * 10L; id < attempt * 10L + 5; id++) {
                    good.put(id, BlobRows.randomRow(random));
                }
                model.appendBytes(ds, good);
            }
            model.check(ds, random, type + ": the good appends");
            ds.verify();
        }
    }

    /** The batch is checked before any source is opened, so a refused append streams nothing. */
    @Test
    void anAppendFromSourcesWithAMistypedColumnOpensNoSource(Random random) throws IOException {
        Path table = dir.resolve("t");
        Schema mistyped = new Schema(
                List.of(BlobRows.SCHEMA.getFields().get(0), Field.nullable("label", new ArrowType.Int(64, true))));
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(table, BlobRows.SCHEMA, BlobRows.options(allocator, 2, 0, 1 << 20))) {
            new BlobRows().appendBytes(ds, Map.of(1L, BlobRows.randomRow(random)));
            List<String> files = Trees.files(table);
            long version = ds.version();
            List<BlobSource> sources = new ArrayList<>();
            boolean[] opened = {false};
            for (int i = 0; i < 2; i++) {
                byte[] bytes = BlobRows.randomBytes(random, 10_000);
                sources.add(() -> {
                    opened[0] = true;
                    return new ByteArrayInputStream(bytes);
                });
            }
            try (VectorSchemaRoot batch = VectorSchemaRoot.create(mistyped, ds.allocator())) {
                for (int i = 0; i < 2; i++) {
                    ((BigIntVector) batch.getVector("id")).setSafe(i, 10 + i);
                    ((BigIntVector) batch.getVector("label")).setSafe(i, i);
                }
                batch.setRowCount(2);
                assertThrows(IllegalArgumentException.class, () -> ds.append(batch, Map.of("blob", sources)));
            }
            assertFalse(opened[0], "no source was opened");
            assertEquals(version, ds.version());
            assertEquals(files, Trees.files(table));
        }
    }

    /**
     * Only a BLOB column read as descriptors gives handles: not a BIGINT, UTF8 or plain BINARY
     * column (whose bytes could pass for a descriptor), nor a BLOB column read as bytes.
     */
    @Test
    void blobHandlesAreOnlyForBlobColumnsReadAsDescriptors(Random random) throws IOException {
        Schema schema = new Schema(List.of(
                BlobRows.SCHEMA.getFields().get(0),
                BlobRows.SCHEMA.getFields().get(1),
                Field.nullable("raw", ArrowType.Binary.INSTANCE),
                BlobRows.SCHEMA.getFields().get(2)));
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(dir.resolve("t"), schema, BlobRows.options(allocator, 2, 0, 1 << 20))) {
            byte[] blob = BlobRows.randomBytes(random, 100);
            try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema, ds.allocator())) {
                ((BigIntVector) batch.getVector("id")).setSafe(0, 1);
                ((VarCharVector) batch.getVector("label")).setSafe(0, "one".getBytes(StandardCharsets.UTF_8));
                ((VarBinaryVector) batch.getVector("blob")).setSafe(0, blob);
                ((VarBinaryVector) batch.getVector("raw")).setSafe(0, blob);
                batch.setRowCount(1);
                ds.append(batch);
            }
            byte[] descriptor;
            try (ArrowReader reader = ds.scan().toArrowReader()) {
                reader.loadNextBatch();
                descriptor = ((VarBinaryVector) reader.getVectorSchemaRoot().getVector("blob")).get(0);
            }
            // A second row whose plain binary value is exactly a valid stored descriptor.
            try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema, ds.allocator())) {
                ((BigIntVector) batch.getVector("id")).setSafe(0, 2);
                ((VarBinaryVector) batch.getVector("raw")).setSafe(0, descriptor);
                batch.setRowCount(1);
                ds.append(batch);
            }
            try (ArrowReader reader = ds.scan().toArrowReader()) {
                while (reader.loadNextBatch()) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    for (int i = 0; i < root.getRowCount(); i++) {
                        for (String column : List.of("id", "label", "raw")) {
                            FieldVector v = root.getVector(column);
                            int row = i;
                            assertThrows(IllegalArgumentException.class, () -> ds.blob(v, row), column);
                        }
                    }
                }
            }
            try (ArrowReader reader = ds.scan().withBlobBytes().toArrowReader()) {
                reader.loadNextBatch();
                FieldVector bytes = reader.getVectorSchemaRoot().getVector("blob");
                assertThrows(IllegalArgumentException.class, () -> ds.blob(bytes, 0), "blob read as bytes");
            }
        }
    }
}

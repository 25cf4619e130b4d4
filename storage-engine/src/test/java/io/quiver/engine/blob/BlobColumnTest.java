package io.quiver.engine.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quiver.blob.BlobSource;
import io.quiver.engine.Dataset;
import io.quiver.engine.testing.TestRandom;
import io.quiver.engine.testing.Trees;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** BLOB columns against a model of their bytes: every size, every way in and every way out. */
@ExtendWith(TestRandom.class)
class BlobColumnTest {
    /** Sizes around the inline threshold and the 64 KiB checksum chunk, and a 1 MiB blob. */
    private static final int[] SIZES = {0, 1, 4095, 4096, 4097, 65_535, 65_536, 65_537, 1 << 20};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "inline threshold {0}")
    @ValueSource(ints = {0, 4096})
    void blobsOfEverySizeReadBackByScanTakeAndTimeTravel(int inlineBytes, Random random) throws IOException {
        BlobModel model = new BlobModel();
        Path table = dir.resolve("t");
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(
                        table,
                        BlobModel.SCHEMA,
                        BlobModel.options(allocator, inlineBytes, 1 + random.nextInt(3 << 20)))) {
            Map<Long, byte[]> first = new LinkedHashMap<>();
            long id = 0;
            for (int size : SIZES) {
                first.put(id++, BlobModel.randomBytes(random, size));
            }
            first.put(id++, null);
            for (int i = 0; i < 120; i++) {
                first.put(id++, random.nextInt(10) == 0 ? null : BlobModel.randomBytes(random, random.nextInt(9000)));
            }
            long v1 = model.appendBytes(ds, first);
            BlobModel atV1 = model.copy();
            model.check(ds, random, "after the first append");

            Path file = dir.resolve("clip.bin");
            byte[] fromFile = BlobModel.randomBytes(random, 200_000);
            Files.write(file, fromFile);
            byte[] fromStream = BlobModel.randomBytes(random, 70_000);
            byte[] fromArray = BlobModel.randomBytes(random, 3);
            model.appendSources(
                    ds,
                    new long[] {id, id + 1, id + 2, id + 3},
                    java.util.Arrays.asList(
                            BlobSource.of(file),
                            BlobSource.of(new ByteArrayInputStream(fromStream)),
                            BlobSource.of(fromArray),
                            null),
                    java.util.Arrays.asList(fromFile, fromStream, fromArray, null));
            model.check(ds, random, "after appending from sources");
            ds.verify();

            try (Dataset old = Dataset.open(table, v1)) {
                atV1.check(old, random, "version " + v1);
            }
        }
        try (BufferAllocator allocator = new RootAllocator();
                Dataset reopened = Dataset.open(table, BlobModel.options(allocator, inlineBytes, 1 << 20))) {
            model.check(reopened, random, "reopened");
            reopened.verify();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not a blob column", "too few sources", "blob column also in the batch", "failing source"})
    void badBlobAppendsAreRejectedAndWriteNothing(String mistake, Random random) throws IOException {
        Path table = dir.resolve("t");
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(table, BlobModel.SCHEMA, BlobModel.options(allocator, 0, 1 << 20))) {
            BlobModel model = new BlobModel();
            model.appendBytes(ds, Map.of(1L, BlobModel.randomBytes(random, 5000)));
            List<String> filesBefore = Trees.files(table);
            long version = ds.version();
            switch (mistake) {
                case "not a blob column" -> {
                    try (VectorSchemaRoot batch = BlobModel.idBatch(ds, 2)) {
                        assertThrows(
                                IllegalArgumentException.class,
                                () -> ds.append(batch, Map.of("id", List.of(BlobSource.of(new byte[1])))));
                    }
                }
                case "too few sources" -> {
                    try (VectorSchemaRoot batch = BlobModel.idBatch(ds, 2, 3)) {
                        assertThrows(
                                IllegalArgumentException.class,
                                () -> ds.append(batch, Map.of("blob", List.of(BlobSource.of(new byte[1])))));
                    }
                }
                case "blob column also in the batch" -> {
                    try (VectorSchemaRoot batch = VectorSchemaRoot.create(BlobModel.SCHEMA, allocator)) {
                        batch.setRowCount(0);
                        assertThrows(
                                IllegalArgumentException.class,
                                () -> ds.append(batch, Map.of("blob", new ArrayList<>())));
                    }
                }
                default -> {
                    // The second source fails after the first was written to a pack: that pack goes too.
                    BlobSource failing = () -> {
                        throw new IOException("camera unplugged");
                    };
                    try (VectorSchemaRoot batch = BlobModel.idBatch(ds, 2, 3)) {
                        IOException e = assertThrows(
                                IOException.class,
                                () -> ds.append(
                                        batch, Map.of("blob", List.of(BlobSource.of(new byte[9000]), failing))));
                        assertEquals("camera unplugged", e.getMessage());
                    }
                }
            }
            assertEquals(version, ds.version(), mistake + ": no commit");
            assertEquals(filesBefore, Trees.files(table), mistake + ": no file left behind");
            model.check(ds, random, mistake);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"id", "blob with bytes"})
    void blobHandlesNeedAColumnOfDescriptors(String column, Random random) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds =
                        Dataset.create(dir.resolve("t"), BlobModel.SCHEMA, BlobModel.options(allocator, 0, 1 << 20))) {
            new BlobModel().appendBytes(ds, Map.of(1L, BlobModel.randomBytes(random, 10)));
            var scan = column.equals("id") ? ds.scan() : ds.scan().withBlobBytes();
            try (var reader = scan.toArrowReader()) {
                reader.loadNextBatch();
                var vector = reader.getVectorSchemaRoot().getVector(column.equals("id") ? "id" : "blob");
                assertThrows(IllegalArgumentException.class, () -> ds.blob(vector, 0));
            }
        }
    }
}

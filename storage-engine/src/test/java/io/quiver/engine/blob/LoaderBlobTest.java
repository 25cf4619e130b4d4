package io.quiver.engine.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quiver.blob.Blob;
import io.quiver.engine.Dataset;
import io.quiver.engine.loader.DataLoader;
import io.quiver.engine.loader.LoaderBatch;
import io.quiver.engine.testing.TestRandom;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The loader over a blob table: decoders run on every blob, rows view blobs as handles. */
@ExtendWith(TestRandom.class)
class LoaderBlobTest {
    @TempDir
    Path dir;

    @Test
    void decodedBlobsMatchTheModelOnEveryRankOfAShuffledEpoch(Random random) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(
                        dir.resolve("t"), BlobModel.SCHEMA, BlobModel.options(allocator, 1000, 1 << 20))) {
            BlobModel model = new BlobModel();
            Map<Long, byte[]> rows = new LinkedHashMap<>();
            for (long id = 0; id < 300; id++) {
                rows.put(id, random.nextInt(8) == 0 ? null : BlobModel.randomBytes(random, random.nextInt(3000)));
            }
            model.appendBytes(ds, rows);
            List<Long> seen = new ArrayList<>();
            for (int rank = 0; rank < 2; rank++) {
                try (DataLoader loader = DataLoader.builder(ds)
                        .columns("id", "blob")
                        .batchSize(1 + random.nextInt(40))
                        .shard(rank, 2)
                        .shuffle(11)
                        .prefetch(random.nextInt(3))
                        .decode("blob", Blob::readAllBytes)
                        .build()) {
                    for (LoaderBatch batch = loader.next(); batch != null; batch = loader.next()) {
                        List<byte[]> decoded = batch.decoded("blob", byte[].class);
                        for (int i = 0; i < batch.rowCount(); i++) {
                            LoaderBatch.Row row = batch.row(i);
                            long id = (Long) row.get("id");
                            seen.add(id);
                            assertArrayEquals(model.rows.get(id), decoded.get(i), "decoded blob of id " + id);
                            assertArrayEquals(model.rows.get(id), row.decoded("blob", byte[].class));
                            if (model.rows.get(id) != null) {
                                assertInstanceOf(Blob.class, row.get("blob"));
                                BlobModel.checkBlob(row.blob("blob"), model.rows.get(id), random, "id " + id);
                            }
                        }
                        batch.close();
                    }
                }
            }
            assertEquals(
                    List.copyOf(model.rows.keySet()), seen.stream().sorted().toList(), "every row once");
        }
    }

    @Test
    void decodersNeedABlobColumnThatIsRead(Random random) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds =
                        Dataset.create(dir.resolve("t"), BlobModel.SCHEMA, BlobModel.options(allocator, 0, 1 << 20))) {
            new BlobModel().appendBytes(ds, Map.of(1L, BlobModel.randomBytes(random, 10)));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> DataLoader.builder(ds).decode("id", Blob::length).build());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> DataLoader.builder(ds)
                            .columns("id")
                            .decode("blob", Blob::length)
                            .build());
        }
    }
}

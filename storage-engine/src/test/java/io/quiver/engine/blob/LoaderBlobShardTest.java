package io.quiver.engine.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quiver.blob.Blob;
import io.quiver.engine.Dataset;
import io.quiver.engine.loader.BlobDecoder;
import io.quiver.engine.loader.DataLoader;
import io.quiver.engine.loader.LoaderBatch;
import io.quiver.engine.testing.TestRandom;
import io.quiver.format.Crc32c;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The loader over a table with id, label and BLOB columns, in many fragments, with inline and
 * packed blobs: for both shuffles and two epochs, two ranks together see every row (once, but for the one padding an odd count),
 * every decoded value and every row view matches the model, and a rerun repeats the order.
 */
@ExtendWith(TestRandom.class)
class LoaderBlobShardTest {
    @TempDir
    Path dir;

    /** What the decoder makes of a blob: enough to tell any two different blobs apart. */
    record Digest(long length, int crc32c) {
        static Digest of(byte[] bytes) {
            return new Digest(bytes.length, Crc32c.of(bytes));
        }
    }

    private static final BlobDecoder<Digest> DIGEST = blob -> Digest.of(blob.readAllBytes());

    private static BlobRows fill(Dataset ds, Random random) throws IOException {
        BlobRows model = new BlobRows();
        long id = 0;
        for (int a = 0; a < 3; a++) {
            Map<Long, BlobRows.Row> batch = new LinkedHashMap<>();
            int rows = 60 + random.nextInt(60);
            for (int i = 0; i < rows; i++) {
                String label = random.nextInt(10) == 0 ? null : "label-" + id;
                byte[] blob = random.nextInt(8) == 0 ? null : BlobRows.randomBytes(random, random.nextInt(5_000));
                batch.put(id++, new BlobRows.Row(label, blob));
            }
            model.appendBytes(ds, batch);
        }
        return model;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"global shuffle", "block shuffle"})
    void twoRanksSeeEveryRowOnceWithDecodedBlobsMatchingTheModel(String shuffle, Random random) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                // Inline below 1000 bytes, packed above; fragments of 37 rows.
                Dataset ds = Dataset.create(
                        dir.resolve("t"), BlobRows.SCHEMA, BlobRows.options(allocator, 37, 1000, 64 << 10))) {
            BlobRows model = fill(ds, random);
            // Every rank must build the same plan: the shuffle's arguments are drawn once.
            Plan plan = new Plan(
                    shuffle, random.nextLong(), 1 + random.nextInt(16), 1 + random.nextInt(64), 1 + random.nextInt(50));
            for (long epoch = 0; epoch < 2; epoch++) {
                List<Long> seen = new ArrayList<>();
                for (int rank = 0; rank < 2; rank++) {
                    List<Long> order = read(ds, model, plan, epoch, rank, random);
                    assertEquals(
                            order,
                            read(ds, model, plan, epoch, rank, random),
                            "rank " + rank + " of epoch " + epoch + " again: the same rows in the same order");
                    seen.addAll(order);
                }
                List<Long> all = List.copyOf(model.rows.keySet());
                assertEquals(
                        all,
                        seen.stream().distinct().sorted().toList(),
                        shuffle + ", epoch " + epoch + ": every row across the ranks");
                assertEquals(
                        all.size() + all.size() % 2,
                        seen.size(),
                        shuffle + ", epoch " + epoch + ": each once, one repeated when the rows are odd");
            }
        }
    }

    /** What every rank's loader shares. */
    private record Plan(String shuffle, long seed, int blockRows, int bufferRows, int batchSize) {}

    /**
     * One rank's epoch, read ahead by a random number of batches; checks every row of every batch
     * against the model and returns the ids in order.
     */
    private static List<Long> read(Dataset ds, BlobRows model, Plan plan, long epoch, int rank, Random random)
            throws IOException {
        String shuffle = plan.shuffle();
        DataLoader.Builder builder = DataLoader.builder(ds)
                .batchSize(plan.batchSize())
                .shard(rank, 2)
                .epoch(epoch)
                .prefetch(random.nextInt(3))
                .decode("blob", DIGEST);
        if (shuffle.equals("global shuffle")) {
            builder.shuffle(plan.seed());
        } else {
            builder.blockShuffle(plan.seed(), plan.blockRows(), plan.bufferRows());
        }
        List<Long> ids = new ArrayList<>();
        try (DataLoader loader = builder.build()) {
            for (LoaderBatch next = loader.next(); next != null; next = loader.next()) {
                try (LoaderBatch batch = next) {
                    List<Digest> digests = batch.decoded("blob", Digest.class);
                    for (int i = 0; i < batch.rowCount(); i++) {
                        LoaderBatch.Row row = batch.row(i);
                        long id = assertInstanceOf(Long.class, row.get("id"));
                        ids.add(id);
                        BlobRows.Row expected = model.rows.get(id);
                        String context = shuffle + ", epoch " + epoch + ", rank " + rank + ", id " + id;
                        assertEquals(expected.label(), row.get("label"), context + ": label");
                        if (expected.blob() == null) {
                            assertNull(row.get("blob"), context);
                            assertNull(digests.get(i), context + ": a null blob decodes to null");
                        } else {
                            Blob blob = assertInstanceOf(Blob.class, row.get("blob"));
                            assertArrayEquals(expected.blob(), blob.readAllBytes(), context + ": blob");
                            assertEquals(Digest.of(expected.blob()), digests.get(i), context + ": decoded");
                            assertEquals(Digest.of(expected.blob()), row.decoded("blob", Digest.class), context);
                        }
                    }
                }
            }
        }
        return ids;
    }

    @Test
    void decodersAreOnlyForBlobColumns(Random random) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(
                        dir.resolve("t"), BlobRows.SCHEMA, BlobRows.options(allocator, 37, 1000, 1 << 20))) {
            fill(ds, random);
            for (String column : List.of("id", "label", "no such column")) {
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DataLoader.builder(ds).decode(column, DIGEST).build(),
                        column);
            }
        }
    }

    /**
     * A decoder failing on the read-ahead threads fails {@code next()} with its own exception, and
     * closing the loader then releases every batch (the allocator would report a leak on close).
     */
    @Test
    void aFailingDecoderFailsNextWithItsExceptionAndLeaksNothing(Random random) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(
                        dir.resolve("t"), BlobRows.SCHEMA, BlobRows.options(allocator, 37, 1000, 1 << 20))) {
            BlobRows model = fill(ds, random);
            Set<Long> lengths = new HashSet<>();
            model.rows.values().stream()
                    .filter(r -> r.blob() != null)
                    .forEach(r -> lengths.add((long) r.blob().length));
            long poisoned = lengths.stream()
                    .skip(random.nextInt(lengths.size()))
                    .findFirst()
                    .orElseThrow();
            IOException failure = new IOException("cannot decode a blob of " + poisoned + " bytes");
            try (DataLoader loader = DataLoader.builder(ds)
                    .batchSize(1 + random.nextInt(20))
                    .shuffle(random.nextLong())
                    .prefetch(1 + random.nextInt(3))
                    .decode("blob", blob -> {
                        if (blob.length() == poisoned) {
                            throw failure;
                        }
                        return blob.length();
                    })
                    .build()) {
                IOException thrown = assertThrows(IOException.class, () -> {
                    for (LoaderBatch batch = loader.next(); batch != null; batch = loader.next()) {
                        batch.close();
                    }
                });
                assertSame(failure, thrown);
            }
        }
    }
}

package io.quiver.engine.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.Dataset;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.testing.IdRows;
import io.quiver.engine.testing.SmallFiles;
import io.quiver.engine.testing.TestRandom;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The loader against the model of an id table: coverage, determinism, resume, epochs, versions. */
@ExtendWith(TestRandom.class)
class DataLoaderTest {
    @TempDir
    Path dir;

    /** Reads the rest of an epoch: the ids of each batch, in order. */
    private static List<List<Long>> drain(DataLoader loader) throws IOException {
        List<List<Long>> batches = new ArrayList<>();
        for (LoaderBatch batch = loader.next(); batch != null; batch = loader.next()) {
            BigIntVector ids = (BigIntVector) batch.root().getVector("id");
            List<Long> values = new ArrayList<>();
            for (int i = 0; i < batch.rowCount(); i++) {
                values.add(ids.get(i));
            }
            batches.add(values);
            batch.close();
        }
        return batches;
    }

    private static List<List<Long>> read(DataLoader.Builder builder) throws IOException {
        try (DataLoader loader = builder.build()) {
            return drain(loader);
        }
    }

    private Dataset table(BufferAllocator allocator, Random random, int rows) throws IOException {
        Dataset ds = Dataset.create(
                dir.resolve("t"), IdRows.SCHEMA, SmallFiles.options(allocator, 256, 1 + random.nextInt(97)));
        IdRows.append(ds, IdRows.range(0, rows));
        return ds;
    }

    /**
     * Every rank reads as many batches as every other (a rank with one batch fewer hangs
     * distributed training's collectives): 5,001 rows in batches of 2,501 over two ranks gave
     * rank 0 one batch and rank 1 none. As PyTorch's DistributedSampler: dropLast cuts the epoch
     * to a multiple of the world size, otherwise the epoch is padded with its first rows.
     */
    @Test
    void everyRankReadsTheSameNumberOfBatches(Random random) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = table(allocator, random, 5001)) {
            for (boolean dropLast : new boolean[] {true, false}) {
                List<Long> counts = new ArrayList<>();
                for (int rank = 0; rank < 2; rank++) {
                    try (DataLoader loader = DataLoader.builder(ds)
                            .batchSize(2501)
                            .shard(rank, 2)
                            .dropLast(dropLast)
                            .build()) {
                        counts.add(loader.batchCount());
                        assertEquals(loader.batchCount(), drain(loader).size());
                    }
                }
                assertEquals(List.of(dropLast ? 0L : 1L, dropLast ? 0L : 1L), counts, "dropLast " + dropLast);
            }
            for (int round = 0; round < 40; round++) {
                int world = 1 + random.nextInt(8);
                int rows = 1 + random.nextInt(5001);
                int batchSize = 1 + random.nextInt(Math.max(1, rows / world + 2));
                boolean dropLast = random.nextBoolean();
                String what = rows + " rows, world " + world + ", batch " + batchSize + ", dropLast " + dropLast;
                List<Long> seen = new ArrayList<>();
                long batches = -1;
                for (int rank = 0; rank < world; rank++) {
                    try (DataLoader loader = DataLoader.builder(ds)
                            .filter(Filters.lt("id", (long) rows))
                            .batchSize(batchSize)
                            .shard(rank, world)
                            .shuffle(round)
                            .dropLast(dropLast)
                            .build()) {
                        List<List<Long>> read = drain(loader);
                        assertEquals(loader.batchCount(), read.size(), what);
                        if (batches >= 0) {
                            assertEquals(
                                    batches, loader.batchCount(), what + ": rank " + rank + " reads as many batches");
                        }
                        batches = loader.batchCount();
                        read.forEach(seen::addAll);
                    }
                }
                int share = dropLast ? rows / world : (rows + world - 1) / world;
                long expectedBatches = dropLast ? share / batchSize : (share + batchSize - 1) / batchSize;
                assertEquals(expectedBatches, batches, what);
                if (dropLast) {
                    assertEquals(seen.size(), seen.stream().distinct().count(), what + ": no row twice");
                    assertEquals((long) share / batchSize * batchSize * world, seen.size(), what);
                } else {
                    assertEquals(rows, seen.stream().distinct().count(), what + ": every row");
                    assertEquals((long) share * world, seen.size(), what + ": padded to equal shares");
                }
            }
        }
    }

    @Test
    void ranksCoverEveryRowWithAndWithoutShuffleDeletesAndFilters(Random random) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = table(allocator, random, 500)) {
            ds.delete(Filters.in("id", 3L, 77L, 200L));
            for (int world : new int[] {1, 2, 3}) {
                for (String shuffle : new String[] {"none", "global", "block"}) {
                    for (boolean filtered : new boolean[] {false, true}) {
                        List<Long> expected = LongStream.range(0, 500)
                                .filter(id -> id != 3 && id != 77 && id != 200 && (!filtered || id < 321))
                                .boxed()
                                .toList();
                        List<Long> seen = new ArrayList<>();
                        int batchSize = 1 + random.nextInt(40);
                        // Every rank must shuffle alike: the same seed and block sizes.
                        int blockRows = 1 + random.nextInt(30);
                        int bufferRows = 1 + random.nextInt(100);
                        for (int rank = 0; rank < world; rank++) {
                            DataLoader.Builder b = DataLoader.builder(ds)
                                    .batchSize(batchSize)
                                    .shard(rank, world)
                                    .prefetch(random.nextInt(3));
                            if (shuffle.equals("global")) {
                                b.shuffle(5);
                            } else if (shuffle.equals("block")) {
                                b.blockShuffle(5, blockRows, bufferRows);
                            }
                            if (filtered) {
                                b.filter(Filters.lt("id", 321L));
                            }
                            read(b).forEach(seen::addAll);
                            List<List<Long>> dropped = read(b.dropLast(true));
                            dropped.forEach(
                                    batch -> assertEquals(batchSize, batch.size(), "dropLast keeps full batches only"));
                        }
                        String what = "world " + world + " shuffle " + shuffle + " filtered " + filtered;
                        assertEquals(expected, seen.stream().distinct().sorted().toList(), what);
                        int share = (expected.size() + world - 1) / world;
                        assertEquals(share * world, seen.size(), what + ": equal shares, padded by repetition");
                        if (shuffle.equals("none") && world == 1) {
                            assertEquals(expected, seen, "unshuffled order is table order");
                        }
                    }
                }
            }
        }
    }

    @Test
    void sameStateSameBatchesAndResumeFromEveryBoundary(Random random) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = table(allocator, random, 300)) {
            DataLoader.Builder b =
                    DataLoader.builder(ds).batchSize(17).shard(1, 2).shuffle(9).epoch(3);
            List<List<Long>> all = read(b.prefetch(0));
            assertEquals(all, read(b.prefetch(3)), "read-ahead changes nothing");
            for (int k = 0; k <= all.size(); k++) {
                LoaderState state;
                try (DataLoader first = b.resumeFrom(null).build()) {
                    for (int i = 0; i < k; i++) {
                        first.next().close();
                    }
                    state = first.state();
                }
                assertEquals(all.subList(k, all.size()), read(b.resumeFrom(state)), "resumed after " + k + " batches");
            }
            LoaderState state;
            try (DataLoader loader = b.resumeFrom(null).build()) {
                state = loader.state();
            }
            assertThrows(
                    IllegalArgumentException.class, () -> read(b.batchSize(18).resumeFrom(state)));
        }
    }

    @Test
    void blockShuffleMixesWholeBlocksWithinTheBuffer(Random random) throws IOException {
        int blockRows = 1 + random.nextInt(20);
        int blocksPerBuffer = 1 + random.nextInt(5);
        // Whole blocks only, so that windows of positions line up with windows of blocks.
        int rows = blockRows * (10 + random.nextInt(30));
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = table(allocator, random, rows)) {
            DataLoader.Builder b = DataLoader.builder(ds)
                    .batchSize(1 + random.nextInt(50))
                    .blockShuffle(3, blockRows, blockRows * blocksPerBuffer);
            List<Long> order = read(b).stream().flatMap(List::stream).toList();
            assertEquals(
                    LongStream.range(0, rows).boxed().toList(),
                    order.stream().sorted().toList());
            assertNotEquals(LongStream.range(0, rows).boxed().toList(), order, "rows are mixed");
            // Table order is id order, so a block is a run of ids with the same id / blockRows.
            for (int from = 0; from < order.size(); from += blockRows * blocksPerBuffer) {
                List<Long> window = order.subList(from, Math.min(order.size(), from + blockRows * blocksPerBuffer));
                long blocks =
                        window.stream().map(id -> id / blockRows).distinct().count();
                assertTrue(
                        blocks <= blocksPerBuffer,
                        "a buffer of " + blocksPerBuffer + " blocks of " + blockRows + " rows holds " + blocks
                                + " blocks");
            }
            assertEquals(order, read(b).stream().flatMap(List::stream).toList(), "same seed, same order");
            assertNotEquals(
                    order, read(b.epoch(1)).stream().flatMap(List::stream).toList(), "epochs differ");
        }
    }

    @Test
    void epochsShuffleDifferentlyAndLoadersKeepTheirVersion(Random random) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = table(allocator, random, 200)) {
            DataLoader.Builder b = DataLoader.builder(ds).batchSize(50).shuffle(1);
            List<Long> epoch0 = read(b.epoch(0)).stream().flatMap(List::stream).toList();
            List<Long> epoch1 = read(b.epoch(1)).stream().flatMap(List::stream).toList();
            assertNotEquals(epoch0, epoch1);
            assertEquals(
                    epoch0.stream().sorted().toList(), epoch1.stream().sorted().toList());
            try (DataLoader loader = b.epoch(0).build()) {
                IdRows.append(ds, IdRows.range(1000, 1100));
                ds.delete(Filters.lt("id", 100L));
                List<Long> seen = drain(loader).stream().flatMap(List::stream).toList();
                assertEquals(epoch0, seen, "a loader reads the version it was built on");
            }
            assertTrue(read(b.epoch(0)).stream().flatMap(List::stream).anyMatch(id -> id >= 1000));
        }
    }
}

package io.quiver.engine.pk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quiver.engine.AutoCompaction;
import io.quiver.engine.AutoCompactor;
import io.quiver.engine.CompactionOptions;
import io.quiver.engine.Dataset;
import io.quiver.engine.DatasetOptions;
import io.quiver.engine.DuplicateKeyException;
import io.quiver.engine.testing.IdRows;
import io.quiver.engine.testing.TableRows;
import io.quiver.engine.testing.TestRandom;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers on separate handles of one keyed table: upserts of overlapping keys make a serial
 * history (replaying the committed batches in version order gives the table), concurrent
 * inserts of one key admit exactly one, and a background compactor loses nothing.
 */
@ExtendWith(TestRandom.class)
class PrimaryKeyConcurrencyTest {
    private static final int WRITERS = 4;
    private static final int KEYS = 40;

    @TempDir
    Path dir;

    /** An upsert batch of the id table whose {@code grp} column carries a marker instead of id mod 7. */
    private static VectorSchemaRoot marked(BufferAllocator allocator, long[] ids, int marker) {
        VectorSchemaRoot batch = IdRows.batch(allocator, ids);
        IntVector grp = (IntVector) batch.getVector("grp");
        for (int i = 0; i < ids.length; i++) {
            grp.set(i, marker);
        }
        return batch;
    }

    @Test
    void concurrentUpsertsFormASerialHistoryAndACompactorLosesNothing(Random random) throws Exception {
        Path table = dir.resolve("t");
        long seed = random.nextLong();
        Map<Long, List<Object>> committed = new ConcurrentHashMap<>(); // version -> [ids, marker]
        try (BufferAllocator root = new RootAllocator()) {
            IdRows.create(table, root, PrimaryKey.of("id").withBuckets(4)).close();
        }
        try (BufferAllocator root = new RootAllocator();
                AutoCompactor compactor = AutoCompactor.start(
                        table,
                        new AutoCompaction(2, new CompactionOptions(1 << 20, 0.05, 0.5)),
                        Duration.ofMillis(5))) {
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> futures = new ArrayList<>();
            AtomicInteger markers = new AtomicInteger();
            for (int w = 0; w < WRITERS; w++) {
                Random mine = new Random(seed + w);
                futures.add(pool.submit(() -> {
                    try (Dataset ds = Dataset.open(table, DatasetOptions.DEFAULT.withAllocator(root))) {
                        for (int k = 0; k < 15; k++) {
                            long[] ids = mine.longs(1 + mine.nextInt(8), 0, KEYS)
                                    .distinct()
                                    .toArray();
                            int marker = markers.incrementAndGet();
                            try (VectorSchemaRoot batch = marked(root, ids, marker)) {
                                long version = ds.upsert(batch);
                                committed.put(version, List.of(ids, marker));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            assertNull(compactor.lastFailure(), "the compactor only ever lost races");
        }
        // Replay in commit order: the later upsert of a key wins.
        Map<Long, Integer> model = new TreeMap<>();
        new TreeMap<>(committed).values().forEach(c -> {
            for (long id : (long[]) c.get(0)) {
                model.put(id, (Integer) c.get(1));
            }
        });
        try (BufferAllocator root = new RootAllocator();
                Dataset ds = IdRows.open(table, root)) {
            Map<Long, Integer> scanned = new TreeMap<>();
            for (Map<String, Object> row : TableRows.rows(ds)) {
                assertEquals(null, scanned.put((Long) row.get("id"), (Integer) row.get("grp")), "a key twice");
            }
            assertEquals(model, scanned, "the table is the upserts replayed in version order");
            ds.verify();
        }
    }

    @Test
    void concurrentInsertsOfOneKeyAdmitExactlyOne() throws Exception {
        Path table = dir.resolve("t");
        try (BufferAllocator root = new RootAllocator()) {
            IdRows.create(table, root, PrimaryKey.of("id")).close();
            for (int round = 0; round < 10; round++) {
                long id = round;
                ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
                List<Future<Boolean>> tries = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    tries.add(pool.submit(() -> {
                        try (Dataset ds = Dataset.open(table, DatasetOptions.DEFAULT.withAllocator(root))) {
                            IdRows.append(ds, id);
                            return true;
                        } catch (DuplicateKeyException e) {
                            assertEquals(List.of(List.of(id)), e.keys());
                            return false;
                        }
                    }));
                }
                List<Boolean> outcomes = new ArrayList<>();
                for (Future<Boolean> f : tries) {
                    outcomes.add(f.get());
                }
                pool.shutdown();
                assertEquals(1, Collections.frequency(outcomes, true), "round " + round + ": " + outcomes);
            }
            try (Dataset ds = IdRows.open(table, root)) {
                assertEquals(IdRows.ids(ds), List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L));
                ds.verify();
            }
        }
    }
}

package io.quiver.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quiver.engine.Dataset;
import io.quiver.engine.DatasetOptions;
import io.quiver.engine.Warehouse;
import io.quiver.engine.testing.ModelRows;
import io.quiver.engine.testing.RandomRows;
import io.quiver.engine.testing.TestRandom;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open table versions shared by a node's readers: a held version stays readable while others
 * push it out of the cache, and is closed once its last reader lets go.
 */
@ExtendWith(TestRandom.class)
class QuiverTablesTest {
    private static final Schema SCHEMA = new Schema(List.of(RandomRows.nullable("x", new ArrowType.Int(64, true))));

    @TempDir
    Path dir;

    /** A table of versions 2..6 holding 10, 20, ... 50 rows; returns the row count of each version. */
    private static long[] versions(Warehouse warehouse, Random random) throws Exception {
        long[] rows = new long[7];
        try (Dataset ds = warehouse.create("t", SCHEMA)) {
            for (int v = 2; v <= 6; v++) {
                ModelRows.append(ds, new RandomRows(random, SCHEMA).next(10));
                rows[v] = ds.count();
            }
        }
        return rows;
    }

    @Test
    void aHeldVersionOutlivesItsEvictionAndClosesAfterItsLastReader(Random random) throws Exception {
        Warehouse warehouse = new Warehouse(dir);
        long[] rows = versions(warehouse, random);
        try (QuiverTables tables = new QuiverTables(warehouse, DatasetOptions.DEFAULT, 2)) {
            QuiverTables.Lease held = tables.lease("t", 2);
            for (int v = 3; v <= 6; v++) {
                tables.lease("t", v).close(); // pushes version 2 out of the cache
            }
            assertEquals(rows[2], held.dataset().scan().count(), "still readable");
            Dataset evicted = held.dataset();
            held.close();
            assertThrows(IllegalStateException.class, () -> evicted.scan().count(), "closed with its last reader");
            held.close(); // a second close is harmless
        }
    }

    @Test
    void concurrentReadersOfManyVersionsEachReadTheirOwn(Random random) throws Exception {
        Warehouse warehouse = new Warehouse(dir);
        long[] rows = versions(warehouse, random);
        long seed = random.nextLong();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (QuiverTables tables = new QuiverTables(warehouse, DatasetOptions.DEFAULT, 2)) {
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Random own = new Random(seed + t);
                readers.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        int v = 2 + own.nextInt(5);
                        try (QuiverTables.Lease lease = tables.lease("t", v)) {
                            assertEquals(rows[v], lease.dataset().scan().count(), "version " + v);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : readers) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}

package io.quiver.engine.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.CommitConflictException;
import io.quiver.engine.Dataset;
import io.quiver.engine.DatasetOptions;
import io.quiver.engine.expr.Expr;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.testing.ExactDistances;
import io.quiver.engine.testing.ModelRows;
import io.quiver.engine.testing.RandomRows;
import io.quiver.engine.testing.TestRandom;
import io.quiver.format.CorruptFileException;
import io.quiver.vector.HnswParams;
import io.quiver.vector.VectorMetric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
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
 * Nearest-neighbour scans against a brute-force model of the live rows, through index builds,
 * appends, deletes, optimizeIndex, compaction, reopening and dropping the index.
 */
@ExtendWith(TestRandom.class)
class NearestSearchModelTest {
    private static final int DIM = 16;
    private static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            RandomRows.nullable("label", ArrowType.Utf8.INSTANCE),
            RandomRows.vector("emb", DIM)));
    private static final VectorIndexOptions ONE_THREAD = VectorIndexOptions.DEFAULTS
            .withName("emb_idx")
            .withParams(new HnswParams(12, 60))
            .withBuildThreads(1);

    @TempDir
    Path dir;

    /** The live rows: id to {label, vector}. */
    private final Map<Long, Object[]> model = new TreeMap<>();

    private long nextId;

    private void append(Dataset ds, Random random, int rows) throws IOException {
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            long id = nextId++;
            float[] v = null;
            if (random.nextInt(20) != 0) {
                v = new float[DIM];
                for (int d = 0; d < DIM; d++) {
                    v[d] = (float) random.nextGaussian();
                }
            }
            Object[] row = {id, "label-" + (id % 10), v};
            batch.add(row);
            model.put(id, row);
        }
        try (VectorSchemaRoot root = ModelRows.toRoot(ds.allocator(), SCHEMA, batch)) {
            ds.append(root);
        }
    }

    private void delete(Dataset ds, Random random, int count) throws IOException {
        List<Object> ids = new ArrayList<>();
        List<Long> live = new ArrayList<>(model.keySet());
        for (int i = 0; i < count && !live.isEmpty(); i++) {
            ids.add(live.remove(random.nextInt(live.size())));
        }
        ids.forEach(model::remove);
        ds.delete(Filters.in("id", ids));
    }

    /** The model's answer: ids of the k nearest live rows with a vector that pass {@code keep}. */
    private List<Long> bruteForce(float[] q, int k, VectorMetric metric, Predicate<Object[]> keep) {
        return model.values().stream()
                .filter(r -> r[2] != null && keep.test(r))
                .sorted(Comparator.<Object[]>comparingDouble(r -> ExactDistances.of(metric, q, (float[]) r[2]))
                        .thenComparingLong(r -> (Long) r[0]))
                .limit(k)
                .map(r -> (Long) r[0])
                .toList();
    }

    /** Runs a nearest scan and checks each returned row against the model; returns the ids. */
    private List<Long> nearest(Dataset ds, float[] q, int k, VectorMetric metric, Expr filter, Predicate<Object[]> keep)
            throws IOException {
        var scan = ds.scan().nearest("emb", q, k).ef(80).metric(metric).columns("id", "label");
        if (filter != null) {
            scan.filter(filter);
        }
        List<Long> ids = new ArrayList<>();
        try (ArrowReader reader = scan.toArrowReader()) {
            double previous = Double.NEGATIVE_INFINITY;
            while (reader.loadNextBatch()) {
                for (Object[] row : ModelRows.toRows(reader.getVectorSchemaRoot())) {
                    long id = (Long) row[0];
                    Object[] expected = model.get(id);
                    assertTrue(expected != null, "row " + id + " is deleted but came back");
                    assertTrue(keep.test(expected), "row " + id + " fails the filter but came back");
                    assertEquals(expected[1], row[1]);
                    double d = ExactDistances.of(metric, q, (float[]) expected[2]);
                    assertEquals(d, (Float) row[2], 1e-3 * Math.max(1, Math.abs(d)), "distance of row " + id);
                    assertTrue((Float) row[2] >= previous - 1e-6, "rows out of distance order");
                    previous = (Float) row[2];
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /** Checks k rows (or all matching), and that most of the model's k nearest are among them. */
    private void check(
            Dataset ds, Random random, VectorMetric metric, Expr filter, Predicate<Object[]> keep, String when)
            throws IOException {
        int found = 0;
        int wanted = 0;
        for (int q = 0; q < 20; q++) {
            float[] query = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                query[d] = (float) random.nextGaussian();
            }
            List<Long> truth = bruteForce(query, 10, metric, keep);
            List<Long> got = nearest(ds, query, 10, metric, filter, keep);
            assertEquals(truth.size(), got.size(), when + ": rows returned");
            found += (int) got.stream().filter(truth::contains).count();
            wanted += truth.size();
        }
        assertTrue(found >= 0.9 * wanted, when + ": recall@10 " + found / (double) wanted);
    }

    @Test
    void nearestRowsFollowTheModelThroughEveryChange(Random random) throws IOException {
        try (Dataset ds = Dataset.create(dir.resolve("t"), SCHEMA)) {
            append(ds, random, 1500);
            append(ds, random, 1500);
            check(ds, random, VectorMetric.L2, null, r -> true, "exact, no index");
            ds.createVectorIndex("emb", ONE_THREAD);
            check(ds, random, VectorMetric.L2, null, r -> true, "indexed");
            Expr oneInTen = Filters.eq("label", "label-3");
            check(ds, random, VectorMetric.L2, oneInTen, r -> "label-3".equals(r[1]), "filtered 10%");
            Expr few = Filters.in("id", 5L, 17L, 2900L, 99L);
            check(
                    ds,
                    random,
                    VectorMetric.L2,
                    few,
                    r -> List.of(5L, 17L, 2900L, 99L).contains(r[0]),
                    "4 rows match");

            append(ds, random, 700);
            delete(ds, random, 400);
            IndexInfo stale = ds.indexes().get(0);
            assertEquals(model.keySet().stream().filter(id -> id >= 3000).count(), stale.unindexedRows());
            assertEquals(model.keySet().stream().filter(id -> id < 3000).count(), stale.indexedRows());
            check(ds, random, VectorMetric.L2, null, r -> true, "after append and delete");
            check(ds, random, VectorMetric.L2, oneInTen, r -> "label-3".equals(r[1]), "filtered, after changes");
            check(ds, random, VectorMetric.COSINE, null, r -> true, "cosine: no index ranks by it");

            ds.optimizeIndex("emb_idx");
            IndexInfo fresh = ds.indexes().get(0);
            assertEquals(0, fresh.unindexedRows());
            assertEquals(ds.count(), fresh.indexedRows());
            check(ds, random, VectorMetric.L2, null, r -> true, "after optimizeIndex");

            delete(ds, random, 300);
            ds.compact();
            IndexInfo compacted = ds.indexes().get(0);
            assertEquals(0, compacted.unindexedRows(), "compaction brought the index up to date");
            check(ds, random, VectorMetric.L2, oneInTen, r -> "label-3".equals(r[1]), "after compaction");
        }
        try (Dataset reopened = Dataset.open(dir.resolve("t"))) {
            check(reopened, random, VectorMetric.L2, null, r -> true, "reopened");
            reopened.dropIndex("emb_idx");
            assertEquals(List.of(), reopened.indexes());
            check(reopened, random, VectorMetric.L2, null, r -> true, "index dropped");
        }
    }

    /**
     * A handle keeps per-version state between queries (open fragments, index coverage, live and
     * filtered ordinal sets): after each commit on it, its answers must be those of a handle
     * opened fresh on the new version, and deleted rows must stay out of nearest scans and takes.
     */
    @Test
    void cachedVersionStateNeverOutlivesItsVersion(Random random) throws IOException {
        Path table = dir.resolve("v");
        Expr oneInTen = Filters.eq("label", "label-3");
        try (Dataset ds = Dataset.create(table, SCHEMA)) {
            append(ds, random, 1200);
            ds.createVectorIndex("emb", ONE_THREAD);
            List<float[]> queries = new ArrayList<>();
            for (int q = 0; q < 5; q++) {
                float[] query = new float[DIM];
                for (int d = 0; d < DIM; d++) {
                    query[d] = (float) random.nextGaussian();
                }
                queries.add(query);
            }
            for (int round = 0; round < 6; round++) {
                String when = "round " + round + " at version " + ds.version();
                long[] addresses = ds.scan().rowAddresses();
                List<List<Long>> warm = new ArrayList<>();
                for (float[] q : queries) { // twice: the second runs on what the first cached
                    for (int pass = 0; pass < 2; pass++) {
                        warm.add(nearest(ds, q, 10, VectorMetric.L2, null, r -> true));
                        warm.add(nearest(ds, q, 10, VectorMetric.L2, oneInTen, r -> "label-3".equals(r[1])));
                    }
                }
                try (Dataset fresh = Dataset.open(table)) {
                    List<List<Long>> cold = new ArrayList<>();
                    for (float[] q : queries) {
                        for (int pass = 0; pass < 2; pass++) {
                            cold.add(nearest(fresh, q, 10, VectorMetric.L2, null, r -> true));
                            cold.add(nearest(fresh, q, 10, VectorMetric.L2, oneInTen, r -> "label-3".equals(r[1])));
                        }
                    }
                    assertEquals(cold, warm, when + ": the handle's answers are a fresh handle's");
                }
                if (random.nextBoolean()) {
                    append(ds, random, 100 + random.nextInt(200));
                }
                Set<Long> before = new HashSet<>(model.keySet());
                delete(ds, random, 50 + random.nextInt(150));
                try (VectorSchemaRoot rows = ds.take(addresses, "id")) {
                    throw new AssertionError(when + ": a take of deleted rows returned " + rows.getRowCount());
                } catch (IllegalArgumentException expected) {
                    // some of the old addresses are of rows deleted since
                }
                before.removeAll(model.keySet());
                assertTrue(!before.isEmpty(), when + ": the round deleted rows");
                if (round == 3) {
                    ds.optimizeIndex("emb_idx");
                }
            }
        }
    }

    @Test
    void aDamagedIndexFileIsATypedErrorAndBadRequestsAreRefused(Random random) throws IOException {
        Path table = dir.resolve("d");
        try (Dataset ds = Dataset.create(table, SCHEMA)) {
            append(ds, random, 500);
            ds.createVectorIndex("emb", ONE_THREAD);
            assertThrows(IllegalArgumentException.class, () -> ds.createVectorIndex("emb", ONE_THREAD));
            assertThrows(
                    IllegalArgumentException.class, () -> ds.createVectorIndex("label", VectorIndexOptions.DEFAULTS));
            assertThrows(IllegalArgumentException.class, () -> ds.dropIndex("nope"));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> ds.scan()
                            .nearest("emb", new float[DIM + 1], 5)
                            .toArrowReader()
                            .loadNextBatch());
            assertThrows(IllegalArgumentException.class, () -> ds.scan().nearest("emb", new float[DIM], 0));
        }
        Path index;
        try (var files = Files.list(table.resolve("indexes"))) {
            index = files.filter(p -> p.toString().endsWith(".qvi")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(index);
        bytes[bytes.length / 2] ^= 1;
        Files.write(index, bytes);
        try (Dataset ds = Dataset.open(table)) {
            assertThrows(
                    CorruptFileException.class,
                    () -> ds.scan()
                            .nearest("emb", new float[DIM], 5)
                            .toArrowReader()
                            .loadNextBatch());
            assertThrows(CorruptFileException.class, ds::verify);
        }
    }

    @Test
    void upsertedRowsComeBackWithTheirNewVectorOnly(Random random) throws IOException {
        Path table = dir.resolve("k");
        try (Dataset ds = Dataset.create(table, SCHEMA, PrimaryKey.of("id"), DatasetOptions.DEFAULT)) {
            append(ds, random, 1000);
            ds.createVectorIndex("emb", ONE_THREAD);
            // Replace 200 rows: the model forgets their old vectors, so a stale row would show
            // its old distance and fail the check.
            long saved = nextId;
            List<Object[]> replaced = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long id = random.nextInt((int) saved);
                float[] v = new float[DIM];
                for (int d = 0; d < DIM; d++) {
                    v[d] = (float) random.nextGaussian();
                }
                Object[] row = {id, "label-" + (id % 10), v};
                replaced.removeIf(r -> (Long) r[0] == id);
                replaced.add(row);
                model.put(id, row);
            }
            try (VectorSchemaRoot root = ModelRows.toRoot(ds.allocator(), SCHEMA, replaced)) {
                ds.upsert(root);
            }
            check(ds, random, VectorMetric.L2, null, r -> true, "after upserts");
            for (Object[] row : replaced) {
                List<Long> nearest = nearest(ds, (float[]) row[2], 1, VectorMetric.L2, null, r -> true);
                assertEquals(List.of(row[0]), nearest, "an upserted row is nearest to its own new vector");
            }
        }
    }

    @Test
    void droppingTheColumnDropsItsIndexAndCleanupReclaimsTheFile(Random random) throws IOException {
        Path table = dir.resolve("x");
        try (Dataset ds = Dataset.create(table, SCHEMA)) {
            append(ds, random, 200);
            ds.createVectorIndex("emb", ONE_THREAD);
            assertEquals(1, ds.indexes().size());
            ds.dropColumns("emb");
            assertEquals(List.of(), ds.indexes());
            ds.cleanup(java.time.Duration.ZERO);
            try (var files = Files.list(table.resolve("indexes"))) {
                assertEquals(0, files.filter(p -> p.toString().endsWith(".qvi")).count());
            }
            ds.verify();
        }
    }

    @Test
    void twoWritersCreatingTheSameIndexConflict(Random random) throws IOException {
        Path table = dir.resolve("c");
        try (Dataset a = Dataset.create(table, SCHEMA)) {
            append(a, random, 300);
            try (Dataset b = Dataset.open(table)) {
                a.createVectorIndex("emb", ONE_THREAD);
                assertThrows(CommitConflictException.class, () -> b.createVectorIndex("emb", ONE_THREAD));
            }
            try (var files = Files.list(table.resolve("indexes"))) {
                assertEquals(1, files.count(), "the losing writer's index file is removed");
            }
        }
    }
}

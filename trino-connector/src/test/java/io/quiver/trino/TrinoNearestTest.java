package io.quiver.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.Dataset;
import io.quiver.engine.Warehouse;
import io.quiver.engine.testing.ExactDistances;
import io.quiver.engine.testing.ModelRows;
import io.quiver.engine.testing.RandomRows;
import io.quiver.engine.testing.TestRandom;
import io.quiver.engine.vector.VectorIndexOptions;
import io.quiver.vector.DistanceFunction;
import io.quiver.vector.VectorMetric;
import io.trino.Session;
import io.trino.testing.MaterializedRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ORDER BY <distance>(emb, ARRAY[...]) LIMIT k} through Trino: pushed into the engine as a
 * nearest-neighbour search, filtered first, compared with a brute-force ranking of the rows
 * written, for each of Trino's four vector functions; NULL vectors placed as the query asks.
 */
@ExtendWith(TestRandom.class)
class TrinoNearestTest extends TrinoTestCluster {
    private static final int DIMENSION = 8;
    private static final String[] LABELS = {"cat", "cow", "dog", "bird", "crab"};
    private static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            RandomRows.nullable("label", ArrowType.Utf8.INSTANCE),
            RandomRows.vector("emb", DIMENSION),
            RandomRows.blob("img")));

    private static List<Object[]> rows;

    @BeforeAll
    static void start() throws Exception {
        Random random = new Random(TestRandom.BASE_SEED);
        rows = new ArrayList<>();
        Warehouse warehouse = new Warehouse(dir);
        try (Dataset plain = warehouse.create("plain", SCHEMA);
                Dataset indexed = warehouse.create("indexed", SCHEMA)) {
            for (int b = 0; b < 3; b++) {
                List<Object[]> batch = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    batch.add(new Object[] {
                        (long) rows.size() + i,
                        random.nextInt(20) == 0 ? null : LABELS[random.nextInt(LABELS.length)],
                        random.nextInt(15) == 0 ? null : vector(random),
                        random.nextInt(10) == 0 ? null : bytes(random)
                    });
                }
                ModelRows.append(plain, batch);
                ModelRows.append(indexed, batch);
                rows.addAll(batch);
            }
            indexed.createVectorIndex("emb", VectorIndexOptions.DEFAULTS.withMetric(VectorMetric.L2));
        }
        // A table with a column named as the engine's distance column.
        Schema clashing = new Schema(List.of(
                SCHEMA.getFields().get(0),
                RandomRows.nullable("_distance", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
                SCHEMA.getFields().get(2)));
        try (Dataset ds = warehouse.create("clashing", clashing)) {
            ModelRows.append(
                    ds, rows.stream().map(r -> new Object[] {r[0], -1f, r[2]}).toList());
        }
        startTrino();
    }

    private static float[] vector(Random random) {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static byte[] bytes(Random random) {
        byte[] b = new byte[random.nextInt(3000)];
        random.nextBytes(b);
        return b;
    }

    /** A Trino array of doubles that convert back to exactly these floats. */
    private static String array(float[] v) {
        List<String> items = new ArrayList<>();
        for (float f : v) {
            items.add("DOUBLE '" + f + "'");
        }
        return "ARRAY[" + String.join(", ", items) + "]";
    }

    /** The k nearest rows passing {@code filter} by brute force: (id, value), nearest first. */
    private static List<double[]> bruteForce(DistanceFunction f, float[] query, Predicate<Object[]> filter, int k) {
        Comparator<double[]> nearestFirst = Comparator.comparingDouble(r -> r[1]);
        return rows.stream()
                .filter(r -> r[2] != null && filter.test(r))
                .map(r -> new double[] {(Long) r[0], ExactDistances.of(f, query, (float[]) r[2])})
                .sorted(f.similarity() ? nearestFirst.reversed() : nearestFirst)
                .limit(k)
                .toList();
    }

    @Test
    void eachFunctionsTopKIsTheEnginesNearestSearchAndMatchesBruteForce(Random random) {
        for (DistanceFunction f : DistanceFunction.values()) {
            if (f == DistanceFunction.L2_DISTANCE) {
                continue; // Quiver's SQL has it, Trino does not
            }
            float[] query = vector(random);
            int k = 1 + random.nextInt(20);
            String sql = "SELECT id, " + f.sqlName() + "(emb, " + array(query) + ") AS d, img FROM plain"
                    + " WHERE label LIKE 'c%' ORDER BY d" + (f.similarity() ? " DESC" : "") + " LIMIT " + k;
            String plan = trino.explain(sql);
            assertTrue(plan.contains("nearest k=" + k), f + ": pushed as a nearest search\n" + plan);
            assertFalse(plan.contains("Filter"), plan);
            List<double[]> expected = bruteForce(f, query, r -> r[1] != null && ((String) r[1]).startsWith("c"), k);
            List<MaterializedRow> got = trino.rows(sql);
            assertEquals(expected.size(), got.size(), sql);
            for (int i = 0; i < got.size(); i++) {
                assertEquals((long) expected.get(i)[0], got.get(i).getField(0), sql + ": row " + i);
                assertEquals(expected.get(i)[1], (Double) got.get(i).getField(1), 1e-4, sql + ": row " + i);
                // Blobs of a search result are read through their descriptors.
                Object[] written = rows.get((int) expected.get(i)[0]);
                assertTrue(ModelRows.valueEquals(written[3], got.get(i).getField(2)), sql + ": blob of row " + i);
            }
        }
    }

    @Test
    void rowsWithoutAVectorComeFirstOrLastAsAsked(Random random) {
        float[] query = vector(random);
        long nulls = rows.stream().filter(r -> r[2] == null).count();
        int k = (int) nulls + 5;
        String head = "SELECT id, euclidean_distance(emb, " + array(query) + ") AS d FROM plain ORDER BY d";
        assertTrue(trino.explain(head + " NULLS FIRST LIMIT " + k).contains("nearest k=" + k), "pushed");
        List<MaterializedRow> first = trino.rows(head + " NULLS FIRST LIMIT " + k);
        assertEquals(k, first.size());
        for (int i = 0; i < k; i++) {
            assertEquals(i < nulls, first.get(i).getField(1) == null, "row " + i + " of NULLS FIRST");
        }
        List<double[]> nearest = bruteForce(DistanceFunction.EUCLIDEAN_DISTANCE, query, r -> true, 5);
        for (int i = 0; i < 5; i++) {
            assertEquals((long) nearest.get(i)[0], first.get((int) nulls + i).getField(0));
        }
        List<MaterializedRow> last = trino.rows(head + " NULLS LAST LIMIT 5");
        for (int i = 0; i < 5; i++) {
            assertEquals((long) nearest.get(i)[0], last.get(i).getField(0), "NULLS LAST row " + i);
        }
    }

    @Test
    void anIndexedTableAnswersFromItsGraphWithExactDistances(Random random) {
        int found = 0;
        int queries = 10;
        for (int q = 0; q < queries; q++) {
            float[] query = vector(random);
            String sql = "SELECT id, euclidean_distance(emb, " + array(query) + ") AS d FROM indexed"
                    + " WHERE label IN ('dog', 'bird') ORDER BY d LIMIT 10";
            List<double[]> expected = bruteForce(
                    DistanceFunction.EUCLIDEAN_DISTANCE, query, r -> "dog".equals(r[1]) || "bird".equals(r[1]), 10);
            if (q == 0) {
                String plan = trino.explain(sql);
                assertTrue(
                        plan.contains("constraint on [label] distance euclidean_distance(emb")
                                && plan.contains("nearest k=10"),
                        plan);
            }
            List<MaterializedRow> got = trino.rows(sql);
            assertEquals(10, got.size(), "k rows whenever k rows pass the filter");
            double previous = 0;
            for (MaterializedRow row : got) {
                Object[] written = rows.get((int) (long) (Long) row.getField(0));
                assertTrue("dog".equals(written[1]) || "bird".equals(written[1]), "passes the filter");
                double d = (Double) row.getField(1);
                assertEquals(
                        ExactDistances.of(DistanceFunction.EUCLIDEAN_DISTANCE, query, (float[]) written[2]), d, 1e-4);
                assertTrue(d >= previous, "nearest first");
                previous = d;
                found += expected.stream().anyMatch(e -> e[0] == (Long) row.getField(0)) ? 1 : 0;
            }
        }
        double recall = found / (10.0 * queries);
        assertTrue(recall >= 0.9, "recall@10 " + recall);
    }

    @Test
    void aColumnNamedLikeTheEnginesDistanceStaysItself(Random random) {
        float[] query = vector(random);
        String sql = "SELECT id, _distance, euclidean_distance(emb, " + array(query) + ") AS d FROM clashing"
                + " ORDER BY d LIMIT 5";
        assertTrue(trino.explain(sql).contains("nearest k=5"), trino.explain(sql));
        List<double[]> expected = bruteForce(DistanceFunction.EUCLIDEAN_DISTANCE, query, r -> true, 5);
        List<MaterializedRow> got = trino.rows(sql);
        for (int i = 0; i < 5; i++) {
            assertEquals((long) expected.get(i)[0], got.get(i).getField(0));
            assertEquals(-1f, got.get(i).getField(1), "the stored column");
            assertEquals(expected.get(i)[1], (Double) got.get(i).getField(2), 1e-4, "the distance");
        }
    }

    @Test
    void anArrayOfDecimalLiteralsIsAConstantVectorToo() {
        // ARRAY[0.5, ...] is array(decimal); Trino casts it to array(double) and folds the cast.
        String sql =
                "SELECT id FROM plain ORDER BY euclidean_distance(emb, ARRAY[0.5, -0.25, 1, 0, 0, 0, 0, 2]) LIMIT 3";
        assertTrue(trino.explain(sql).contains("nearest k=3"), trino.explain(sql));
        float[] query = {0.5f, -0.25f, 1, 0, 0, 0, 0, 2};
        assertEquals(
                bruteForce(DistanceFunction.EUCLIDEAN_DISTANCE, query, r -> true, 3).stream()
                        .map(r -> (long) r[0])
                        .toList(),
                trino.rows(sql).stream().map(r -> r.getField(0)).toList());
    }

    @Test
    void theSearchBeamIsASessionProperty(Random random) {
        Session wide = Session.builder(trino.runner().getDefaultSession())
                .setCatalogSessionProperty("quiver", "nearest_ef", "2000")
                .build();
        for (int q = 0; q < 5; q++) {
            float[] query = vector(random);
            String sql = "SELECT id FROM indexed ORDER BY euclidean_distance(emb, " + array(query) + ") LIMIT 10";
            // A beam wider than the table visits every row: the graph's answer is the exact one.
            List<Long> expected = bruteForce(DistanceFunction.EUCLIDEAN_DISTANCE, query, r -> true, 10).stream()
                    .map(r -> (long) r[0])
                    .toList();
            String plan =
                    (String) trino.runner().execute(wide, "EXPLAIN " + sql).getOnlyValue();
            assertTrue(plan.contains("nearest k=10 ef=2000"), "the beam is fixed when the query is planned\n" + plan);
            List<Object> got = trino.runner().execute(wide, sql).getOnlyColumn().toList();
            assertEquals(expected, got, sql);
        }
        Session bad = Session.builder(trino.runner().getDefaultSession())
                .setCatalogSessionProperty("quiver", "nearest_ef", "-1")
                .build();
        var error =
                assertThrows(RuntimeException.class, () -> trino.runner().execute(bad, "SELECT count(*) FROM indexed"));
        assertTrue(error.getMessage().contains("nearest_ef must be from 0 to 100000"), error.getMessage());
    }

    @Test
    void aDistanceWithoutTopKIsComputedForEveryRow(Random random) {
        float[] query = vector(random);
        String sql = "SELECT id, cosine_distance(emb, " + array(query) + ") FROM plain ORDER BY id";
        String plan = trino.explain(sql);
        assertTrue(plan.contains("distance cosine_distance(emb") && !plan.contains("nearest"), plan);
        List<MaterializedRow> got = trino.rows(sql);
        assertEquals(rows.size(), got.size());
        for (int i = 0; i < rows.size(); i++) {
            Object[] written = rows.get(i);
            if (written[2] == null) {
                assertNull(got.get(i).getField(1), "row " + i);
            } else {
                assertEquals(
                        ExactDistances.of(DistanceFunction.COSINE_DISTANCE, query, (float[]) written[2]),
                        (Double) got.get(i).getField(1),
                        1e-5,
                        "row " + i);
            }
        }
        // A filter on a distance is Trino's (it computes the distance itself), and agrees.
        String within = "SELECT count(*) FROM plain WHERE euclidean_distance(emb, " + array(query) + ") < 3";
        long expected = rows.stream()
                .filter(r -> r[2] != null
                        && ExactDistances.of(DistanceFunction.EUCLIDEAN_DISTANCE, query, (float[]) r[2]) < 3)
                .count();
        assertEquals(expected, trino.rows(within).getFirst().getField(0));
    }
}

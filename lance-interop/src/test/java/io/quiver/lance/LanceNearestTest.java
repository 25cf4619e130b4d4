package io.quiver.lance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.testing.TestRandom;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ORDER BY distance LIMIT k through Lance's vector search, compared with brute force over the
 * same rows: every metric, with a prefilter, with NULL vectors, through a parameter; and the
 * same query through a Lance vector index once one is built.
 */
@ExtendWith(TestRandom.class)
class LanceNearestTest {
    private static final int DIM = 8;
    private static final int ROWS = 300;

    @TempDir
    Path warehouse;

    private record Row(long id, float[] v, String label) {}

    @Test
    void nearestMatchesBruteForce(Random random) throws Exception {
        try (LanceSql s = new LanceSql(warehouse)) {
            List<Row> rows = load(s, random);
            for (int q = 0; q < 5; q++) {
                float[] query = vector(random);
                for (String f : List.of("l2_distance", "cosine_distance", "dot_product")) {
                    String order = f.equals("dot_product") ? "DESC" : "ASC";
                    String sql =
                            "SELECT id, " + f + "(v, ?) AS d FROM t WHERE label <> 'b' AND v IS NOT NULL ORDER BY d "
                                    + order + " LIMIT 10";
                    List<List<Object>> got = s.rows(sql, query);
                    List<Row> expected = bruteForce(rows, query, f, r -> !"b".equals(r.label()) && r.label() != null);
                    assertEquals(
                            ids(expected, 10),
                            got.stream().map(r -> r.getFirst()).toList(),
                            f);
                    for (int i = 0; i < got.size(); i++) {
                        double want = distance(f).applyAsDouble(expected.get(i).v(), query);
                        assertEquals(want, ((Number) got.get(i).get(1)).doubleValue(), 1e-3, f + " distance");
                    }
                    assertTrue(s.explain(sql, query).contains("nearest `v` k=10"), s.explain(sql, query));
                }
            }
        }
    }

    /**
     * Rows whose vector is NULL have no distance and come first or last as SQL orders NULLs:
     * the same rows, in the same places, as the same query on a Quiver table.
     */
    @Test
    void nullVectorsAreOrderedAsOnQuiverTables(Random random) throws Exception {
        try (LanceSql s = new LanceSql(warehouse)) {
            s.run("CREATE TABLE t (id BIGINT, v VECTOR(" + DIM + ")) USING LANCE");
            s.run("CREATE TABLE q (id BIGINT, v VECTOR(" + DIM + "))");
            for (long id = 0; id < 8; id++) {
                float[] v = id == 1 || id == 4 ? null : vector(random);
                s.run("INSERT INTO t VALUES (?, ?)", id, v);
                s.run("INSERT INTO q VALUES (?, ?)", id, v);
            }
            float[] query = vector(random);
            for (String order : List.of("", " ASC NULLS FIRST", " NULLS LAST", " DESC", " DESC NULLS LAST")) {
                // Limits that never cut the two NULL rows apart: which one a cut keeps is open.
                for (int limit : List.of(2, 3, 6, 10)) {
                    String sql = "SELECT id, l2_distance(v, ?) AS d FROM %s ORDER BY d" + order + " LIMIT " + limit;
                    List<List<Object>> got = s.rows(sql.formatted("t"), query);
                    assertEquals(placesOf(s.rows(sql.formatted("q"), query)), placesOf(got), sql);
                    int rows = Math.min(limit, 8);
                    assertEquals(rows, got.size(), sql);
                    int nulls = (int) got.stream().filter(r -> r.get(1) == null).count();
                    if (order.contains("NULLS FIRST")) {
                        assertEquals(Math.min(2, rows), nulls, sql);
                        assertTrue(got.stream().limit(nulls).allMatch(r -> r.get(1) == null), sql);
                    } else if (order.contains("NULLS LAST")) {
                        assertEquals(Math.max(0, rows - 6), nulls, sql);
                        assertTrue(got.stream().skip(rows - nulls).allMatch(r -> r.get(1) == null), sql);
                    }
                    if (!order.contains("DESC")) { // nearest first: Lance's vector search, not a sort
                        String plan = s.explain(sql.formatted("t"), query);
                        assertTrue(plan.contains("nearest `v` k=" + limit), plan);
                    }
                }
            }
        }
    }

    /**
     * The ids of (id, distance) rows in order, with each run of rows without a distance as a set:
     * SQL leaves the order among them open.
     */
    private static List<Object> placesOf(List<List<Object>> rows) {
        List<Object> places = new ArrayList<>();
        Set<Object> nullRun = null;
        for (List<Object> row : rows) {
            if (row.get(1) != null) {
                places.add(row.getFirst());
                nullRun = null;
            } else {
                if (nullRun == null) {
                    nullRun = new HashSet<>();
                    places.add(nullRun);
                }
                nullRun.add(row.getFirst());
            }
        }
        return places;
    }

    @Test
    void indexedSearchFindsMostOfTheExactNeighbours(Random random) throws Exception {
        try (LanceSql s = new LanceSql(warehouse)) {
            List<Row> rows = load(s, random);
            s.run("ALTER TABLE t ADD VECTOR INDEX v_hnsw ON v WITH (metric = 'l2', m = 8, ef_construction = 50)");
            List<List<Object>> described = s.rows("DESCRIBE t");
            assertTrue(
                    described.stream()
                            .anyMatch(r -> r.get(0).equals("v_hnsw") && r.get(1).equals("index")),
                    described.toString());
            int found = 0;
            for (int q = 0; q < 10; q++) {
                float[] query = vector(random);
                List<Object> got = s.rows("SELECT id FROM t ORDER BY l2_distance(v, ?) LIMIT 10", query).stream()
                        .map(r -> r.getFirst())
                        .toList();
                assertEquals(10, got.size());
                for (Object id : ids(bruteForce(rows, query, "l2_distance", r -> true), 10)) {
                    found += got.contains(id) ? 1 : 0;
                }
            }
            assertTrue(found >= 80, "recall@10 of the Lance index: " + found + "/100");
            s.run("ALTER TABLE t DROP INDEX v_hnsw");
            assertTrue(s.rows("DESCRIBE t").stream().noneMatch(r -> r.get(1).equals("index")));
        }
    }

    private static List<Row> load(LanceSql s, Random random) throws Exception {
        s.run("CREATE TABLE t (id BIGINT, v VECTOR(" + DIM + "), label VARCHAR) USING LANCE");
        List<Row> rows = new ArrayList<>();
        String[] labels = {"a", "b", "c", null};
        for (int id = 0; id < ROWS; id++) {
            rows.add(new Row(id, random.nextInt(20) == 0 ? null : vector(random), labels[random.nextInt(4)]));
        }
        for (Row r : rows) {
            s.run("INSERT INTO t VALUES (?, ?, ?)", r.id(), r.v(), r.label());
        }
        return rows;
    }

    private static float[] vector(Random random) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static List<Row> bruteForce(List<Row> rows, float[] q, String f, java.util.function.Predicate<Row> where) {
        ToDoubleBiFunction<float[], float[]> d = distance(f);
        boolean similarity = f.equals("dot_product");
        return rows.stream()
                .filter(r -> r.v() != null && where.test(r))
                .sorted(Comparator.comparingDouble(r -> (similarity ? -1 : 1) * d.applyAsDouble(r.v(), q)))
                .toList();
    }

    private static List<Object> ids(List<Row> rows, int k) {
        return rows.stream().limit(k).map(r -> (Object) r.id()).toList();
    }

    private static ToDoubleBiFunction<float[], float[]> distance(String f) {
        return switch (f) {
            case "l2_distance" ->
                (a, b) -> {
                    double sum = 0;
                    for (int i = 0; i < a.length; i++) {
                        sum += (a[i] - b[i]) * (a[i] - b[i]);
                    }
                    return Math.sqrt(sum);
                };
            case "cosine_distance" -> (a, b) -> 1 - dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
            default -> LanceNearestTest::dot;
        };
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}

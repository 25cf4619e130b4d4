package io.quiver.lance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.testing.TestRandom;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
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
            // Rows with a NULL vector come last (ascending) when fewer than k rows have one.
            List<List<Object>> all =
                    s.rows("SELECT id FROM t WHERE id < 5 ORDER BY l2_distance(v, ?) LIMIT 10", vector(random));
            long withVector =
                    rows.stream().filter(r -> r.id() < 5 && r.v() != null).count();
            assertEquals(5, all.size());
            for (int i = (int) withVector; i < 5; i++) {
                long id = (Long) all.get(i).getFirst();
                assertEquals(null, rows.get((int) id).v(), "row " + id + " should have a NULL vector");
            }
        }
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

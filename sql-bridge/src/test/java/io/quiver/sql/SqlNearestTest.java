package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.explain;
import static io.quiver.sql.SqlTestSupport.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.testing.TestRandom;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** ORDER BY distance LIMIT k: pushed into the engine's search, exact without an index, filtered, with NULL vectors. */
@ExtendWith(TestRandom.class)
class SqlNearestTest {
    private static final List<String> FUNCTIONS =
            List.of("l2_distance", "euclidean_distance", "cosine_distance", "cosine_similarity", "dot_product");

    @TempDir
    Path dir;

    /** [id, distance] rows of a nearest query, checked against brute force: ids exactly, distances to 1e-4. */
    static void assertTopK(List<List<Object>> expected, List<List<Object>> actual, String context) {
        assertEquals(
                expected.stream().map(List::getFirst).toList(),
                actual.stream().map(List::getFirst).toList(),
                context);
        for (int i = 0; i < expected.size(); i++) {
            Double e = (Double) expected.get(i).get(1);
            Double a = (Double) actual.get(i).get(1);
            assertTrue(
                    e == null ? a == null : a != null && Math.abs(e - a) < 1e-4,
                    context + ": row " + i + ": " + e + " vs " + a);
        }
    }

    static String nearest(String function, String where, int k) {
        return "SELECT id, " + function + "(v, ?) AS d FROM p" + (where == null ? "" : " WHERE " + where) + " ORDER BY "
                + function + "(v, ?)" + (VectorTable.similarity(function) ? " DESC" : "") + " LIMIT " + k;
    }

    @Test
    void exactSearchEqualsBruteForce(Random random) throws Exception {
        VectorTable t = new VectorTable(random, 4);
        try (QuiverSql sql = QuiverSql.open(dir)) {
            t.create(sql, 300, 0.05);
            for (int round = 0; round < 12; round++) {
                String f = FUNCTIONS.get(random.nextInt(FUNCTIONS.size()));
                int k = random.nextInt(1, 25);
                float[] q = t.randomVector();
                int n = random.nextInt(1000);
                boolean filtered = random.nextBoolean();
                String where = filtered ? "k < ? AND s IS NOT NULL" : null;
                Predicate<List<Object>> p = filtered ? r -> (Long) r.get(1) < n && r.get(2) != null : r -> true;
                String s = nearest(f, where, k);
                Object[] args = filtered ? new Object[] {q, n, q} : new Object[] {q, q};
                String plan = explain(sql, s, args);
                assertTrue(plan.contains("nearest=[") && (!filtered || plan.contains("filter=[")), s + "\n" + plan);
                List<List<Object>> expected = t.topK(f, q, k, p);
                assertTopK(expected, query(sql, s, args), s);
                // A sort key the planner does not recognize (x * 2): Calcite sorts every row itself.
                String reference = s.replace(" LIMIT", " * 2 LIMIT").replace(" DESC * 2", " * 2 DESC");
                assertFalse(explain(sql, reference, args).contains("nearest="), reference);
                assertTopK(expected, query(sql, reference, args), reference);
            }
        }
    }

    @Test
    void filtersTheEngineCannotEvaluateStayExact(Random random) throws Exception {
        VectorTable t = new VectorTable(random, 4);
        try (QuiverSql sql = QuiverSql.open(dir)) {
            t.create(sql, 400, 0.05);
            sql.execute("ALTER TABLE p ADD VECTOR INDEX ON v");
            record Case(String where, Predicate<List<Object>> p) {}
            List<Case> cases = List.of(
                    new Case("id % 7 = 0", r -> (Long) r.get(0) % 7 == 0),
                    new Case("char_length(s) > 3", r -> r.get(2) != null && ((String) r.get(2)).length() > 3),
                    new Case("k < 500 AND id % 2 = 1", r -> (Long) r.get(1) < 500 && (Long) r.get(0) % 2 == 1));
            for (Case c : cases) {
                for (String f : List.of("l2_distance", "dot_product")) {
                    float[] q = t.randomVector();
                    String s = nearest(f, c.where(), 10);
                    assertTopK(t.topK(f, q, 10, c.p()), query(sql, s, q, q), s);
                }
            }
        }
    }

    @Test
    void hnswRecallAndFilters(Random random) throws Exception {
        VectorTable t = new VectorTable(random, 8);
        try (QuiverSql sql = QuiverSql.open(dir)) {
            t.create(sql, 3000, 0);
            sql.execute(
                    "ALTER TABLE p ADD VECTOR INDEX p_v ON v USING HNSW WITH (metric = 'l2', m = 16, ef_construction = 100)");
            double found = 0;
            int queries = 20;
            for (int i = 0; i < queries; i++) {
                float[] q = t.randomVector();
                Set<Object> truth = new HashSet<>(t.topK("l2_distance", q, 10, r -> true).stream()
                        .map(List::getFirst)
                        .toList());
                List<List<Object>> got = query(sql, nearest("l2_distance", null, 10), q, q);
                assertEquals(10, got.size());
                found += got.stream().filter(r -> truth.contains(r.getFirst())).count();
            }
            double recall = found / (10.0 * queries);
            assertTrue(recall >= 0.9, "recall@10 " + recall);

            for (int i = 0; i < 10; i++) {
                float[] q = t.randomVector();
                int n = random.nextInt(20, 1000);
                String s = "SELECT id, k FROM p WHERE k < ? ORDER BY l2_distance(v, ?) LIMIT 10";
                assertTrue(explain(sql, s, n, q).contains("nearest="), s);
                List<List<Object>> got = query(sql, s, n, q);
                long matching = t.rows.stream().filter(r -> (Long) r.get(1) < n).count();
                assertEquals(Math.min(10, matching), got.size(), "k < " + n);
                got.forEach(r -> assertTrue((Long) r.get(1) < n, "k < " + n + ": " + r));
            }
        }
    }
}

package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.column;
import static io.quiver.sql.SqlTestSupport.explain;
import static io.quiver.sql.SqlTestSupport.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.testing.TestRandom;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Projections, filters, limits and key lookups pushed into the engine: EXPLAIN shows them, and the rows are right. */
@ExtendWith(TestRandom.class)
class SqlPushdownTest {
    @TempDir
    Path dir;

    @Test
    void projectionFilterAndLimit(Random random) throws Exception {
        VectorTable t = new VectorTable(random, 3);
        try (QuiverSql sql = QuiverSql.open(dir)) {
            t.create(sql, 600, 0.1);
            String plan = explain(sql, "SELECT s, id FROM p");
            assertTrue(plan.contains("columns=[[id, s]]") || plan.contains("columns=[[s, id]]"), plan);
            assertFalse(plan.contains("filter="), plan);
            assertEquals(
                    t.rows.stream().map(r -> Arrays.asList(r.get(2), r.get(0))).toList(),
                    query(sql, "SELECT s, id FROM p ORDER BY id"));

            for (int round = 0; round < 15; round++) {
                int n = random.nextInt(1000);
                int m = random.nextInt(1000);
                record Case(String where, Predicate<List<Object>> p) {}
                Predicate<List<Object>> hasK = r -> r.get(1) != null;
                Case c = switch (random.nextInt(8)) {
                    case 0 -> new Case("k > " + n, r -> (Long) r.get(1) > n);
                    case 1 ->
                        new Case(
                                "k BETWEEN " + Math.min(n, m) + " AND " + Math.max(n, m),
                                r -> (Long) r.get(1) >= Math.min(n, m) && (Long) r.get(1) <= Math.max(n, m));
                    case 2 ->
                        new Case(
                                "s LIKE 'abc%" + n % 7 + "'",
                                r -> r.get(2) != null
                                        && ((String) r.get(2)).startsWith("abc")
                                        && ((String) r.get(2)).endsWith("" + n % 7));
                    case 3 -> new Case("s IS NULL", r -> r.get(2) == null);
                    case 4 ->
                        new Case(
                                "k IN (" + n + ", " + m + ", 5)",
                                r -> List.of((long) n, (long) m, 5L).contains(r.get(1)));
                    case 5 ->
                        new Case(
                                "NOT (k <= " + n + ") AND s IS NOT NULL", r -> (Long) r.get(1) > n && r.get(2) != null);
                    case 6 ->
                        new Case(
                                "k < " + n + " OR s = 'a" + n % 7 + "'",
                                r -> (Long) r.get(1) < n || ("a" + n % 7).equals(r.get(2)));
                    default ->
                        new Case("v IS NULL OR id >= " + (n / 2), r -> r.get(3) == null || (Long) r.get(0) >= n / 2);
                };
                String q = "SELECT id FROM p WHERE " + c.where();
                String where = explain(sql, q);
                assertTrue(where.contains("filter=[") && !where.contains("EnumerableFilter"), q + "\n" + where);
                List<Object> expected = t.rows.stream()
                        .filter(hasK.and(c.p()))
                        .map(r -> r.get(0))
                        .toList();
                assertEquals(expected, column(sql, q + " ORDER BY id"), q);
                // The same condition where the engine cannot evaluate it: Calcite filters.
                String notPushed =
                        "SELECT id FROM p WHERE (" + c.where().replace("k ", "(k + 0) ") + ") AND id + 0 > 0";
                assertEquals(expected, column(sql, notPushed + " ORDER BY id"), notPushed);
            }

            String limited = explain(sql, "SELECT id, k FROM p LIMIT 7");
            assertTrue(limited.contains("limit=[7]"), limited);
            List<List<Object>> seven = query(sql, "SELECT id, k FROM p LIMIT 7");
            assertEquals(7, seven.size());
            assertEquals(7, new HashSet<>(seven).size());
            List<List<Object>> all = t.rows.stream().map(r -> r.subList(0, 2)).toList();
            assertTrue(all.containsAll(seven), seven.toString());
            assertEquals(3, query(sql, "SELECT id FROM p WHERE k < 500 LIMIT 3").size());
            query(sql, "SELECT id, k FROM p WHERE k < 500 LIMIT 3")
                    .forEach(r -> assertTrue((Long) r.get(1) < 500, r.toString()));
        }
    }

    @Test
    void keyLookups(Random random) throws Exception {
        VectorTable t = new VectorTable(random, 2);
        try (QuiverSql sql = QuiverSql.open(dir)) {
            t.create(sql, 400, 0.1);
            assertTrue(explain(sql, "SELECT k FROM p WHERE id = ?", 1L).contains("lookup=[[?0]]"));
            assertTrue(explain(sql, "SELECT k FROM p WHERE id IN (1, 2, 3)").contains("lookup=["));
            PreparedSql one = sql.prepare("SELECT id, k, s FROM p WHERE id = ?");
            for (int i = 0; i < 50; i++) {
                long id = random.nextInt(-5, 420);
                List<List<Object>> expected = t.rows.stream()
                        .filter(r -> r.get(0).equals(id))
                        .map(r -> r.subList(0, 3))
                        .toList();
                assertEquals(expected, SqlTestSupport.rows(one.execute(List.of(id))), "id = " + id);
            }
            for (int i = 0; i < 20; i++) {
                List<Long> ids =
                        random.longs(random.nextInt(1, 8), -5, 420).boxed().toList();
                String in = "SELECT id, s FROM p WHERE id IN ("
                        + String.join(", ", ids.stream().map(String::valueOf).toList()) + ")";
                List<List<Object>> expected = t.rows.stream()
                        .filter(r -> ids.contains(r.get(0)))
                        .map(r -> Arrays.asList(r.get(0), r.get(2)))
                        .toList();
                assertEquals(expected, query(sql, in + " ORDER BY id"), in);
            }
            sql.execute("DELETE FROM p WHERE id = 10");
            sql.execute("UPDATE p SET k = -1 WHERE id = 11");
            assertEquals(List.of(), query(sql, "SELECT id FROM p WHERE id = 10"), "a deleted key");
            assertEquals(List.of(-1L), column(sql, "SELECT k FROM p WHERE id = ?", 11L), "an updated key");
            assertEquals(List.of(11L), column(sql, "SELECT id FROM p WHERE id IN (10, 11) ORDER BY id"));
        }
    }
}

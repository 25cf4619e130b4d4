package io.quiver.sql;

import static io.quiver.sql.SqlNearestTest.assertTopK;
import static io.quiver.sql.SqlNearestTest.nearest;
import static io.quiver.sql.SqlTestSupport.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.testing.TestRandom;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Nearest-neighbour queries over rows with NULL vectors, and over deleted and updated rows. */
@ExtendWith(TestRandom.class)
class SqlNearestNullsTest {
    @TempDir
    Path dir;

    @Test
    void nullVectorsComeLastAscendingAndFirstDescending(Random random) throws Exception {
        VectorTable t = new VectorTable(random, 3);
        try (QuiverSql sql = QuiverSql.open(dir)) {
            t.create(sql, 12, 0.5);
            Set<Object> nullIds = new HashSet<>(t.rows.stream()
                    .filter(r -> r.get(3) == null)
                    .map(List::getFirst)
                    .toList());
            long withVector = t.rows.size() - nullIds.size();
            for (String f : List.of("l2_distance", "dot_product", "cosine_similarity", "cosine_distance")) {
                for (int k : List.of(3, (int) withVector + 2, 12, 20)) {
                    float[] q = t.randomVector();
                    String s = nearest(f, null, k);
                    List<List<Object>> got = query(sql, s, q, q);
                    List<List<Object>> expected = t.topK(f, q, k, r -> true);
                    assertEquals(expected.size(), got.size(), s);
                    // Rows with a NULL distance tie: check which are NULL, and the rest exactly.
                    for (int i = 0; i < got.size(); i++) {
                        if (expected.get(i).get(1) == null) {
                            assertNull(got.get(i).get(1), s + ": row " + i);
                            assertTrue(nullIds.contains(got.get(i).getFirst()), s + ": row " + i + " " + got.get(i));
                        }
                    }
                    assertTopK(
                            expected.stream().filter(r -> r.get(1) != null).toList(),
                            got.stream().filter(r -> r.get(1) != null).toList(),
                            s);
                    assertEquals(
                            got.size(),
                            new HashSet<>(got.stream().map(List::getFirst).toList()).size(),
                            s + ": distinct rows");
                }
            }
        }
    }

    @Test
    void deletedAndUpdatedRowsNeverShowUp(Random random) throws Exception {
        VectorTable t = new VectorTable(random, 4);
        try (QuiverSql sql = QuiverSql.open(dir)) {
            t.create(sql, 500, 0);
            boolean index = random.nextBoolean();
            if (index) {
                sql.execute("ALTER TABLE p ADD VECTOR INDEX ON v");
            }
            float[] q = t.randomVector();
            // Delete the 5 nearest rows and move 5 others right next to the query.
            List<Object> nearestIds = t.topK("l2_distance", q, 5, r -> true).stream()
                    .map(List::getFirst)
                    .toList();
            sql.execute("DELETE FROM p WHERE id IN ("
                    + String.join(", ", nearestIds.stream().map(String::valueOf).toList()) + ")");
            t.rows.removeIf(r -> nearestIds.contains(r.getFirst()));
            for (int i = 0; i < 5; i++) {
                List<Object> row = t.rows.get(random.nextInt(t.rows.size()));
                float[] moved = q.clone();
                moved[0] += (i + 1) * 1e-3f;
                sql.execute("UPDATE p SET v = ? WHERE id = ?", moved, row.getFirst());
                t.rows.set(
                        t.rows.indexOf(row),
                        Arrays.asList(row.get(0), row.get(1), row.get(2), SqlTestSupport.vector(moved)));
            }
            String s = nearest("l2_distance", null, 10);
            List<List<Object>> got = query(sql, s, q, q);
            got.forEach(r -> assertFalse(
                    nearestIds.contains(r.getFirst()), "a deleted row: " + r + (index ? " (indexed)" : "")));
            List<List<Object>> expected = t.topK("l2_distance", q, 10, r -> true);
            if (index) {
                assertEquals(
                        expected.subList(0, 5).stream().map(List::getFirst).toList(),
                        got.subList(0, 5).stream().map(List::getFirst).toList(),
                        "the moved rows first");
            } else {
                assertTopK(expected, got, s);
            }
        }
    }
}

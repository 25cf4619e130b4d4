package io.quiver.lance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.testing.TestRandom;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Filters pushed to Lance return exactly what Calcite computes itself: random WHERE clauses over
 * columns with NULLs, strings full of quotes, backslashes and LIKE wildcards, and identifiers that
 * need quoting, each run pushed and unpushed (a LIMIT below the filter keeps it in Calcite).
 */
@ExtendWith(TestRandom.class)
class LanceFilterPushdownTest {
    private static final String[] WORDS = {
        "it's", "a\\b", "100%", "under_score", "\"quoted\"", "back`tick", "", "plain", "Ünïcødé", "O''Brien", "x\\%"
    };

    @TempDir
    Path warehouse;

    @Test
    void pushedFiltersMatchCalcite(Random random) throws Exception {
        try (LanceSql s = new LanceSql(warehouse)) {
            s.run("CREATE TABLE t (id BIGINT, i INTEGER, name VARCHAR, \"Odd Name\" VARCHAR, r REAL, d DOUBLE,"
                    + " flag BOOLEAN, \"day\" DATE) USING LANCE");
            StringJoiner values = new StringJoiner(", ");
            for (int id = 0; id < 120; id++) {
                values.add("(" + id + ", " + maybe(random, Integer.toString(random.nextInt(21) - 10)) + ", "
                        + maybe(random, quote(WORDS[random.nextInt(WORDS.length)])) + ", "
                        + maybe(random, quote(WORDS[random.nextInt(WORDS.length)])) + ", "
                        + maybe(random, (random.nextInt(9) - 4) / 4.0 + "") + ", "
                        + maybe(random, (random.nextInt(9) - 4) / 2.0 + "") + ", "
                        + maybe(random, random.nextBoolean() + "") + ", "
                        + maybe(random, "DATE '2024-01-" + (10 + random.nextInt(5)) + "'") + ")");
            }
            s.run("INSERT INTO t VALUES " + values);
            int pushed = 0;
            for (int q = 0; q < 60; q++) {
                String where = condition(random, 2);
                String query = "SELECT id FROM t WHERE " + where + " ORDER BY id";
                String reference = "SELECT id FROM (SELECT * FROM t LIMIT 1000000) WHERE " + where + " ORDER BY id";
                // The reference must be Calcite's own filtering, or the test compares Lance with itself.
                assertFalse(s.explain(reference).contains("lance=[scan filter"), reference);
                List<List<Object>> expected = s.rows(reference);
                assertEquals(expected, s.rows(query), () -> "WHERE " + where);
                if (s.explain(query).contains("lance=[scan filter")) {
                    pushed++;
                }
            }
            assertTrue(pushed > 30, "only " + pushed + " of 60 filters were pushed to Lance");
        }
    }

    @Test
    void explainShowsTheLanceFilterAndWhatStaysInCalcite() throws Exception {
        try (LanceSql s = new LanceSql(warehouse)) {
            s.run("CREATE TABLE t (id BIGINT, name VARCHAR) USING LANCE");
            s.run("INSERT INTO t VALUES (1, 'it''s'), (2, 'x'), (7, 'y')");
            String plan = s.explain("SELECT id FROM t WHERE name = 'it''s' AND id % 7 = 0 LIMIT 5");
            assertTrue(plan.contains("lance=[scan filter `name` = 'it''s'"), plan);
            assertTrue(plan.contains("MOD"), plan); // id % 7 = 0 has no Lance rendering: Calcite filters it
            assertEquals(List.of(), s.rows("SELECT id FROM t WHERE name = 'it''s' AND id % 7 = 0"));
            assertEquals(List.of(List.of(7L)), s.rows("SELECT id FROM t WHERE name <> 'x' AND id % 7 = 0"));
            String limited = s.explain("SELECT id FROM t LIMIT 2");
            assertTrue(limited.contains("limit=[2]") && limited.contains("lance=[scan limit 2]"), limited);
            String bound = s.explain("SELECT id FROM t WHERE name = ?", "x");
            assertTrue(bound.contains("rendered when run (it has parameters)"), bound);
            assertEquals(List.of(List.of(2L)), s.rows("SELECT id FROM t WHERE name = ?", "x"));
            assertEquals(List.of(List.of(1L)), s.rows("SELECT id FROM t WHERE name = ?", "it's"));
            assertEquals(List.of(), s.rows("SELECT id FROM t WHERE name = ?", new Object[] {null}));
        }
    }

    private static String maybe(Random random, String value) {
        return random.nextInt(5) == 0 ? "NULL" : value;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String condition(Random random, int depth) {
        if (depth > 0 && random.nextInt(3) == 0) {
            return switch (random.nextInt(3)) {
                case 0 -> "(" + condition(random, depth - 1) + " AND " + condition(random, depth - 1) + ")";
                case 1 -> "(" + condition(random, depth - 1) + " OR " + condition(random, depth - 1) + ")";
                default -> "NOT (" + condition(random, depth - 1) + ")";
            };
        }
        String[] ops = {"=", "<>", "<", "<=", ">", ">="};
        String op = ops[random.nextInt(ops.length)];
        String text = random.nextBoolean() ? "name" : "\"Odd Name\"";
        return switch (random.nextInt(11)) {
            case 0 -> "i " + op + " " + (random.nextInt(25) - 12);
            case 1 -> text + " " + op + " " + quote(WORDS[random.nextInt(WORDS.length)]);
            case 2 -> text + (random.nextBoolean() ? " IS NULL" : " IS NOT NULL");
            case 3 -> "i IN (" + (random.nextInt(21) - 10) + ", " + (random.nextInt(21) - 10) + ")";
            case 4 -> text + " LIKE " + quote(likePattern(random));
            case 5 -> text + " LIKE " + quote("%!%%") + " ESCAPE '!'";
            case 6 -> "r " + op + " " + (random.nextInt(9) - 4) / 4.0;
            case 7 -> "d " + op + " " + (random.nextInt(9) - 4) / 2.0;
            case 8 -> random.nextBoolean() ? "flag" : "flag = " + random.nextBoolean();
            case 9 -> "\"day\" " + op + " DATE '2024-01-1" + random.nextInt(5) + "'";
            default -> text + " IN (" + quote(WORDS[random.nextInt(WORDS.length)]) + ", NULL)";
        };
    }

    private static String likePattern(Random random) {
        List<String> parts = new ArrayList<>(List.of("%", "_", "a", "'", "\\", "it", "%s"));
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            p.append(parts.get(random.nextInt(parts.size())));
        }
        return p.toString();
    }
}

package io.quiver.sql.oracle;

import static org.junit.jupiter.api.Assertions.fail;

import io.quiver.engine.testing.TestRandom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test: random tables built the same way in Quiver and in DuckDB (with DuckDB set to
 * answer as PostgreSQL would, see {@link DuckDialect}), then random queries whose answers must
 * agree. Every mismatch of a run is collected; the test fails once, listing them grouped by kind.
 * {@code -Dquiver.oracle.queries=N} runs N queries (default 1,000); {@code -Dquiver.seed=N}
 * replays a run; {@code -Dquiver.oracle.timings=true} prints each setup statement's time. All
 * mismatches go to {@code target/sql-oracle-mismatches.txt}.
 */
@ExtendWith(TestRandom.class)
class SqlOracleTest {
    private static final int QUERIES = Integer.getInteger("quiver.oracle.queries", 1_000);
    private static final int SHOWN = 30;
    /** How many times each query shape runs: once with literals, then with parameters. */
    private static final int ROUNDS = 10;

    @TempDir
    Path dir;

    private record Mismatch(String kind, String why, String sql, String quiver, String duck, String rowDiff) {
        String group() {
            return kind + ": " + why.replaceAll("\\d+", "N");
        }

        @Override
        public String toString() {
            return "[" + kind + ": " + why + "]\n  SQL:    " + sql + "\n  Quiver: " + quiver + "\n  DuckDB: " + duck
                    + (rowDiff == null ? "" : "\n  " + rowDiff);
        }
    }

    @Test
    void quiverAnswersAsDuckDbDoes(Random random) throws Exception {
        List<Mismatch> mismatches = new ArrayList<>();
        // Queries both engines refused, per kind: a generator bug would hide here.
        Map<String, Integer> bothFailed = new java.util.TreeMap<>();
        long quiverNanos = 0;
        long duckNanos = 0;
        long started = System.nanoTime();
        try (Engines engines = new Engines(dir)) {
            boolean[] diverged = new boolean[2];
            OracleTables.build(random, (sql, parameters) -> {
                long t0 = System.nanoTime();
                Outcome q = engines.quiver(sql, parameters);
                if (Boolean.getBoolean("quiver.oracle.timings")) {
                    System.out.println((System.nanoTime() - t0) / 1_000_000 + " ms: " + ResultComparator.clip(sql, 60));
                }
                Outcome d = engines.duck(sql, parameters);
                String why = q.failed() || d.failed()
                        ? ResultComparator.difference(OracleQuery.unordered("setup", sql), q, d)
                        // DDL: Quiver counts 0 rows, DuckDB -1.
                        : Math.max(0, q.updateCount()) == Math.max(0, d.updateCount()) ? null : "update counts differ";
                if (why != null) {
                    mismatches.add(
                            new Mismatch("setup", why, sql, show(q, q.updateCount()), show(d, d.updateCount()), null));
                }
                // The first statement after which a table differs is the one to blame.
                for (int t = 0; t < 2; t++) {
                    String check = OracleTables.contents(t == 0 ? "a" : "b");
                    if (diverged[t] || sql.startsWith("CREATE") || !sql.contains(t == 0 ? " a " : " b ")) {
                        continue;
                    }
                    Outcome qc = engines.quiver(check, List.of());
                    Outcome dc = engines.duck(check, List.of());
                    String differs = ResultComparator.difference(OracleQuery.unordered("setup", check), qc, dc);
                    if (differs != null) {
                        diverged[t] = true;
                        mismatches.add(new Mismatch(
                                "setup",
                                "the table differs after this statement",
                                sql,
                                check,
                                differs,
                                ResultComparator.onlyIn(qc, dc, 3)));
                    }
                }
            });
            long setupMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("SqlOracleTest: tables built in " + setupMillis + " ms");
            List<OracleQuery> queries = new ArrayList<>();
            queries.add(OracleQuery.unordered("table contents", "SELECT * FROM a"));
            queries.add(OracleQuery.unordered("table contents", "SELECT * FROM b"));
            while (queries.size() < QUERIES) {
                // One shape, asked once with literals and then with other constants as parameters
                // (planned once: Calcite takes 50-300 ms to plan a statement, then runs it in ~1 ms).
                long shape = random.nextLong();
                for (int round = 0; round < ROUNDS && queries.size() < QUERIES; round++) {
                    List<Object> parameters = round == 0 ? null : new ArrayList<>();
                    OracleQuery query = new RandomQueries(new Random(shape), new Random(random.nextLong()), parameters)
                            .next()
                            .withParameters(parameters);
                    if (round == 1 && query.parameters().isEmpty()) {
                        break; // nothing to bind: the same text again would test nothing new
                    }
                    queries.add(query);
                }
            }
            for (OracleQuery query : queries) {
                long t0 = System.nanoTime();
                Outcome q = engines.quiver(query.sql(), query.parameters());
                long t1 = System.nanoTime();
                Outcome d = engines.duck(query.sql(), query.parameters());
                quiverNanos += t1 - t0;
                duckNanos += System.nanoTime() - t1;
                String why = ResultComparator.difference(query, q, d);
                if (why == null && q.failed()) {
                    bothFailed.merge(query.kind(), 1, Integer::sum);
                }
                if (why != null) {
                    mismatches.add(new Mismatch(
                            query.kind(),
                            why,
                            query.sql() + (query.parameters().isEmpty() ? "" : "  parameters " + query.parameters()),
                            ResultComparator.show(q, 3),
                            ResultComparator.show(d, 3),
                            ResultComparator.onlyIn(q, d, 3)));
                }
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("SqlOracleTest: " + QUERIES + " queries in " + millis + " ms (Quiver "
                + quiverNanos / 1_000_000 + " ms, DuckDB " + duckNanos / 1_000_000 + " ms), " + mismatches.size()
                + " mismatches; refused by both: " + bothFailed);
        if (!mismatches.isEmpty()) {
            fail(report(mismatches));
        }
    }

    private static String show(Outcome o, long updateCount) {
        return o.failed() ? ResultComparator.show(o, 0) : "update count " + updateCount;
    }

    /** Counts per kind of mismatch, then up to SHOWN of them, one of each kind first. */
    private static String report(List<Mismatch> mismatches) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        mismatches.forEach(m -> counts.merge(m.group(), 1, Integer::sum));
        Set<Mismatch> shown = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        for (Mismatch m : mismatches) {
            if (groups.add(m.group()) && shown.size() < SHOWN) {
                shown.add(m);
            }
        }
        for (Mismatch m : mismatches) {
            if (shown.size() < SHOWN) {
                shown.add(m);
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(mismatches.size())
                .append(" of ")
                .append(QUERIES)
                .append(" queries disagree with DuckDB. Replay: -Dquiver.seed=")
                .append(TestRandom.BASE_SEED)
                .append(" -Dtest=SqlOracleTest\n");
        counts.forEach((group, n) ->
                b.append("  ").append(n).append(" x ").append(group).append('\n'));
        shown.forEach(m -> b.append(m).append('\n'));
        Path file = Path.of("target", "sql-oracle-mismatches.txt");
        if (Files.isDirectory(file.getParent())) {
            StringBuilder all = new StringBuilder(b);
            mismatches.forEach(m -> all.append(m).append('\n'));
            Files.write(file, all.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            b.append("(all ")
                    .append(mismatches.size())
                    .append(" in ")
                    .append(file.toAbsolutePath())
                    .append(")\n");
        }
        return b.toString();
    }
}

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
 * replays a run. All mismatches go to {@code target/sql-oracle-mismatches.txt}.
 */
@ExtendWith(TestRandom.class)
class SqlOracleTest {
    private static final int QUERIES = Integer.getInteger("quiver.oracle.queries", 1_000);
    private static final int SHOWN = 30;

    @TempDir
    Path dir;

    private record Mismatch(String kind, String why, String sql, String quiver, String duck) {
        String group() {
            return kind + ": " + why;
        }

        @Override
        public String toString() {
            return "[" + group() + "]\n  SQL:    " + sql + "\n  Quiver: " + quiver + "\n  DuckDB: " + duck;
        }
    }

    @Test
    void quiverAnswersAsDuckDbDoes(Random random) throws Exception {
        List<Mismatch> mismatches = new ArrayList<>();
        long started = System.nanoTime();
        try (Engines engines = new Engines(dir)) {
            OracleTables.build(random, sql -> {
                Outcome q = engines.quiver(sql);
                Outcome d = engines.duck(sql);
                String why = q.failed() || d.failed()
                        ? ResultComparator.difference(OracleQuery.unordered("setup", sql), q, d)
                        : q.updateCount() == d.updateCount() ? null : "update counts differ";
                if (why != null) {
                    mismatches.add(new Mismatch("setup", why, sql, show(q, q.updateCount()), show(d, d.updateCount())));
                }
            });
            List<OracleQuery> queries = new ArrayList<>();
            queries.add(OracleQuery.unordered("table contents", "SELECT * FROM a"));
            queries.add(OracleQuery.unordered("table contents", "SELECT * FROM b"));
            RandomQueries generator = new RandomQueries(random);
            while (queries.size() < QUERIES) {
                queries.add(generator.next());
            }
            for (OracleQuery query : queries) {
                Outcome q = engines.quiver(query.sql());
                Outcome d = engines.duck(query.sql());
                String why = ResultComparator.difference(query, q, d);
                if (why != null) {
                    mismatches.add(new Mismatch(
                            query.kind(), why, query.sql(), ResultComparator.show(q, 5), ResultComparator.show(d, 5)));
                }
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println(
                "SqlOracleTest: " + QUERIES + " queries in " + millis + " ms, " + mismatches.size() + " mismatches");
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

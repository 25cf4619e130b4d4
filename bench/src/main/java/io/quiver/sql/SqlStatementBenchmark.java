package io.quiver.sql;

import io.quiver.engine.QuiverBenchmark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a statement costs before its rows: an INSERT of 1,000 literal rows (5 columns, a
 * VECTOR(8) among them; a new text each time, parsed and committed), and planning of statements that are not prepared (their constants
 * change every time, so the plan cache never helps): a key lookup and a hybrid query. Warm, one
 * thread, on a 10,000-row table. Targets (issue 16): the INSERT at most 0.5 s, each unprepared
 * statement at most 20 ms.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class SqlStatementBenchmark extends QuiverBenchmark {
    private static final int ROWS = 10_000;

    @State(Scope.Thread)
    public static class Session {
        Path warehouse;
        QuiverSql sql;
        /** More texts than the session's plan cache holds, so each INSERT is parsed afresh. */
        final String[] inserts = new String[100];

        int next;
        final SplittableRandom random = new SplittableRandom(42);

        @Setup(Level.Trial)
        public void open() throws IOException, SQLException {
            warehouse = Files.createTempDirectory("quiver-sql-statements");
            sql = QuiverSql.open(warehouse);
            sql.execute(
                    "CREATE TABLE t (id BIGINT PRIMARY KEY, label VARCHAR, x INTEGER, d DOUBLE, embedding VECTOR(8))");
            sql.execute("CREATE TABLE sink (id BIGINT, label VARCHAR, x INTEGER, d DOUBLE, embedding VECTOR(8))");
            for (int from = 0; from < ROWS; from += 1000) {
                sql.execute("INSERT INTO t " + values(from, 1000));
            }
            for (int i = 0; i < inserts.length; i++) {
                inserts[i] = "INSERT INTO sink " + values(0, 1000);
            }
        }

        /** {@code VALUES} of {@code n} literal rows with ids from {@code from}. */
        String values(int from, int n) {
            StringJoiner rows = new StringJoiner(",\n", "VALUES ", "");
            for (int i = from; i < from + n; i++) {
                rows.add(String.format(
                        Locale.ROOT,
                        "(%d, 'label %d', %d, %.3f, %s)",
                        i,
                        i % 100,
                        random.nextInt(-1000, 1000),
                        random.nextDouble() * 100,
                        vector()));
            }
            return rows.toString();
        }

        String vector() {
            StringJoiner v = new StringJoiner(", ", "ARRAY[", "]");
            for (int j = 0; j < 8; j++) {
                v.add(String.format(Locale.ROOT, "%.4f", random.nextDouble()));
            }
            return v.toString();
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException, IOException {
            sql.close();
            try (var files = Files.walk(warehouse)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    @Benchmark
    public long insertThousandLiteralRows(Session s) throws SQLException {
        return s.sql.execute(s.inserts[s.next++ % s.inserts.length]).updateCount();
    }

    @Benchmark
    public Object unpreparedKeyLookup(Session s) throws SQLException {
        return SqlStatementBenchmark.first(s.sql, "SELECT * FROM t WHERE id = " + s.random.nextInt(ROWS));
    }

    @Benchmark
    public Object unpreparedHybridQuery(Session s) throws SQLException {
        return first(
                s.sql,
                "SELECT id FROM t WHERE label = 'label " + s.random.nextInt(100) + "' ORDER BY l2_distance(embedding, "
                        + s.vector() + ") LIMIT 10");
    }

    private static Object first(QuiverSql sql, String query) throws SQLException {
        try (var rs = sql.execute(query).rows()) {
            return rs.next() ? rs.getObject(1) : null;
        }
    }
}

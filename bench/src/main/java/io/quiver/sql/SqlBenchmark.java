package io.quiver.sql;

import io.quiver.engine.Dataset;
import io.quiver.engine.QuiverBenchmark;
import io.quiver.engine.expr.Filters;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * SQL over JDBC against the Java API on the same cached table ({@link SqlBenchTable}: 1M rows, a
 * 1%-selective {@code label}, 128-d clustered vectors with an HNSW index), warm, one thread,
 * prepared statements; JMH's sampling mode gives the latency percentiles. Targets: a key lookup
 * {@code SELECT * FROM t WHERE id = ?} p50 at most 0.5 ms; the hybrid
 * {@code SELECT id FROM t WHERE label = ? ORDER BY l2_distance(embedding, ?) LIMIT 10} p50 at most
 * 5 ms; each at most 1.5x its Java API twin ({@code dataset.get(id)}; {@code
 * scan().nearest(...).filter(eq(label))}).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SqlBenchmark extends QuiverBenchmark {
    static final String GET = "SELECT * FROM t WHERE id = ?";
    static final String HYBRID = "SELECT id FROM t WHERE label = ? ORDER BY l2_distance(embedding, ?) LIMIT 10";
    private static final int K = 10;

    /** A JDBC connection with both statements prepared, and the same table opened through the Java API. */
    @State(Scope.Thread)
    public static class Session {
        @Param("1000000")
        public int rows;

        Connection connection;
        PreparedStatement get;
        PreparedStatement hybrid;
        Dataset dataset;
        float[][] queries;
        final SplittableRandom random = new SplittableRandom(42);

        @Setup(Level.Trial)
        public void open() throws IOException, SQLException {
            var warehouse = SqlBenchTable.cached(rows);
            connection = DriverManager.getConnection("jdbc:quiver:" + warehouse);
            get = connection.prepareStatement(GET);
            hybrid = connection.prepareStatement(HYBRID);
            dataset = Dataset.open(warehouse.resolve(SqlBenchTable.TABLE));
            queries = SqlBenchTable.queries();
            printPlan(GET, 7L);
            printPlan(HYBRID, SqlBenchTable.label(7), queries[0]);
            checkAgree();
        }

        /** The plan of a statement, to show in the output that the engine gets the lookup or the search. */
        private void printPlan(String query, Object... params) throws SQLException {
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN PLAN FOR " + query)) {
                for (int i = 0; i < params.length; i++) {
                    explain.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = explain.executeQuery()) {
                    while (rs.next()) {
                        System.out.println("# plan: " + rs.getString(1).strip().replace("\n", "\n#       "));
                    }
                }
            }
        }

        /** The SQL and Java paths answer the same, so the benchmarks compare like with like. */
        private void checkAgree() throws IOException, SQLException {
            for (int i = 0; i < 5; i++) {
                long id = random.nextLong(rows);
                Map<String, Object> row = dataset.get(id);
                Object[] sqlRow = sqlGet(id, null);
                if (!row.get("label").equals(sqlRow[1]) || (long) sqlRow[0] != id) {
                    throw new IllegalStateException("SQL and Java rows differ for id " + id);
                }
                String label = SqlBenchTable.label(i);
                float[] q = queries[i];
                long[] viaSql = sqlHybrid(label, q);
                long[] viaJava = javaHybrid(label, q);
                if (!Arrays.equals(viaSql, viaJava) || viaSql.length != K) {
                    throw new IllegalStateException("SQL and Java neighbours differ: " + Arrays.toString(viaSql)
                            + " against " + Arrays.toString(viaJava));
                }
            }
            System.out.println("# SQL and Java API agree on 5 lookups and 5 hybrid queries");
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            dataset.close();
            connection.close();
        }

        long nextId() {
            return random.nextLong(rows);
        }

        /** Every column of the row, as JDBC hands them out. */
        Object[] sqlGet(long id, Blackhole bh) throws SQLException {
            get.setLong(1, id);
            try (ResultSet rs = get.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row " + id);
                }
                Object[] row = {rs.getLong(1), rs.getString(2), rs.getObject(3)};
                if (bh != null) {
                    bh.consume(row);
                }
                return row;
            }
        }

        long[] sqlHybrid(String label, float[] q) throws SQLException {
            hybrid.setString(1, label);
            hybrid.setObject(2, q);
            long[] ids = new long[K];
            int n = 0;
            try (ResultSet rs = hybrid.executeQuery()) {
                while (rs.next()) {
                    ids[n++] = rs.getLong(1);
                }
            }
            return n == K ? ids : Arrays.copyOf(ids, n);
        }

        long[] javaHybrid(String label, float[] q) throws IOException {
            try (ArrowReader reader = dataset.scan()
                    .nearest("embedding", q, K)
                    .filter(Filters.eq("label", label))
                    .columns("id")
                    .toArrowReader()) {
                long[] ids = new long[0];
                while (reader.loadNextBatch()) {
                    BigIntVector v = (BigIntVector) reader.getVectorSchemaRoot().getVector(0);
                    int at = ids.length;
                    ids = Arrays.copyOf(ids, at + v.getValueCount());
                    for (int i = 0; i < v.getValueCount(); i++) {
                        ids[at + i] = v.get(i);
                    }
                }
                return ids;
            }
        }
    }

    /**
     * What each hybrid call asks: a random query vector and a random label among the first
     * {@code labels}. The engine keeps the rows a filter accepts for the 16 most recent filters,
     * so with 16 labels every call finds them (warm steady state) and with all 100 about five in
     * six calls scan the {@code label} column of the whole table first.
     */
    @State(Scope.Thread)
    public static class Hybrid {
        @Param({"16", "100"})
        public int labels;

        String[] names;

        @Setup(Level.Trial)
        public void names() {
            names = new String[labels];
            for (int i = 0; i < labels; i++) {
                names[i] = SqlBenchTable.label(i);
            }
        }

        String next(Session s) {
            return names[s.random.nextInt(labels)];
        }
    }

    @Benchmark
    public void getSql(Session s, Blackhole bh) throws SQLException {
        s.sqlGet(s.nextId(), bh);
    }

    @Benchmark
    public Map<String, Object> getJava(Session s) throws IOException {
        return s.dataset.get(s.nextId());
    }

    @Benchmark
    public long[] hybridSql(Session s, Hybrid h) throws SQLException {
        return s.sqlHybrid(h.next(s), s.queries[s.random.nextInt(s.queries.length)]);
    }

    @Benchmark
    public long[] hybridJava(Session s, Hybrid h) throws IOException {
        return s.javaHybrid(h.next(s), s.queries[s.random.nextInt(s.queries.length)]);
    }
}

package io.quiver.engine.ann;

import io.quiver.engine.QuiverBenchmark;
import io.quiver.engine.expr.Expr;
import io.quiver.engine.expr.Filters;
import io.quiver.vector.HnswParams;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
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

/**
 * Nearest-neighbour scans of 200,000 clustered 128-d vectors (k = 10, one thread; JMH's sampling
 * mode gives the latency percentiles), unfiltered and with a filter matching 1% of the rows
 * ({@code grp = 7}). Each trial prints its recall@10 against brute force and the fewest rows any
 * query returned. The first run builds the index (m 16, ef_construction 100, two threads) into
 * the cached table and prints how long that took.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class AnnScaleBenchmark extends QuiverBenchmark {
    private static final int K = 10;

    @Param({"none", "1%"})
    public String filter;

    @Param({"32", "64", "128"})
    public int ef;

    private QuiverTableSearch searcher;
    private float[][] queries;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        float[][] all = Clustered200k.vectorsAndQueries();
        float[][] base = Clustered200k.base(all);
        queries = Clustered200k.queries(all);
        boolean filtered = filter.equals("1%");
        Expr expr = filtered ? Filters.eq("grp", 7) : null;
        IntPredicate keep = filtered ? id -> id % 100 == 7 : id -> true;
        searcher = new QuiverTableSearch(Clustered200k.table(base), HnswParams.DEFAULTS, 2, expr);
        double recall = 0;
        int fewest = Integer.MAX_VALUE;
        for (float[] q : queries) {
            long[] found = searcher.search(q, K, ef);
            fewest = Math.min(fewest, found.length);
            recall += AnnData.recall(found, AnnData.truth(base, q, K, keep));
        }
        System.out.printf(
                "# recall@10 filter=%s ef=%d: %.4f, fewest rows returned %d%n",
                filter, ef, recall / queries.length, fewest);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        searcher.close();
    }

    @Benchmark
    public long[] query() throws IOException {
        float[] q = queries[next];
        next = (next + 1) % queries.length;
        return searcher.search(q, K, ef);
    }
}

package io.quiver.engine.ann;

import io.quiver.engine.QuiverBenchmark;
import io.quiver.vector.HnswParams;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * SIFT-small (10,000 x 128), k = 10, one thread: queries per second of Quiver's table search, of
 * its index file alone, and of Lucene's and jvector's graphs called directly, all built with m 16
 * and ef_construction 100, over several search beams. Each trial prints its recall@10 over the
 * 100 queries against the published ground truth ("# recall@10 ...").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SiftAnnBenchmark extends QuiverBenchmark {
    private static final int K = 10;

    @Param({"quiver", "quiverIndex", "lucene", "jvector"})
    public String impl;

    @Param({"16", "32", "64", "128"})
    public int ef;

    private AnnSearcher searcher;
    private List<float[]> queries;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        List<float[]> base = AnnData.siftBase();
        queries = AnnData.siftQueries();
        HnswParams params = HnswParams.DEFAULTS;
        searcher = switch (impl) {
            case "quiver" ->
                new QuiverTableSearch(
                        AnnData.table("sift-small", "sift-small m16 efc100", base.toArray(float[][]::new)),
                        params,
                        1,
                        null);
            case "quiverIndex" -> new QuiverIndexDirect(base, params);
            case "lucene" -> new LuceneDirect(base, params);
            case "jvector" -> new JVectorDirect(base, params);
            default -> throw new IllegalArgumentException("unknown impl " + impl);
        };
        List<int[]> truth = AnnData.siftTruth();
        double recall = 0;
        for (int q = 0; q < queries.size(); q++) {
            long[] t = new long[K];
            for (int i = 0; i < K; i++) {
                t[i] = truth.get(q)[i];
            }
            recall += AnnData.recall(searcher.search(queries.get(q), K, ef), t);
        }
        System.out.printf("# recall@10 impl=%s ef=%d: %.4f%n", impl, ef, recall / queries.size());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        searcher.close();
    }

    @Benchmark
    public long[] query() throws IOException {
        float[] q = queries.get(next);
        next = (next + 1) % queries.size();
        return searcher.search(q, K, ef);
    }
}

package io.quiver.engine;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.VectorSchemaRoot;
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
 * {@link Dataset#take} of {@code takeRows} rows at random addresses, all columns, from the shared
 * {@link BenchTable}. Each invocation draws new addresses from a seeded random stream (drawing
 * 1,000 takes a few microseconds, inside the measured time), so pages are not simply reused from
 * the previous take. Target: at most 5 ms per take of 1,000 rows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@State(Scope.Thread)
public class TakeBenchmark extends QuiverBenchmark {
    @Param("1000")
    public int takeRows;

    /**
     * The dataset's cache of decompressed pages (DatasetOptions.pageCacheBytes): 128 is the
     * default; 0 decompresses the compressed id and label pages on every take.
     */
    @Param({"128", "0"})
    public int pageCacheMiB;

    private Dataset dataset;
    private long[] all;
    private long[] addresses;
    private SplittableRandom random;

    @Setup(Level.Trial)
    public void collectAddresses(BenchTable table) throws IOException {
        all = table.rowAddresses();
        addresses = new long[takeRows];
        random = new SplittableRandom(SampleRows.SEED);
        dataset = Dataset.open(
                table.dataset().path(), DatasetOptions.DEFAULT.withPageCacheBytes((long) pageCacheMiB << 20));
    }

    @TearDown(Level.Trial)
    public void close() {
        dataset.close();
    }

    @Benchmark
    public long takeAllColumns() throws IOException {
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = all[random.nextInt(all.length)];
        }
        try (VectorSchemaRoot rows = dataset.take(addresses)) {
            return rows.getRowCount() + SampleRows.arrowBytes(rows);
        }
    }
}

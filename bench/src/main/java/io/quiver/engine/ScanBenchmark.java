package io.quiver.engine;

import io.quiver.engine.expr.Filters;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scans of the shared {@link BenchTable} on one thread, every batch read and dropped. The full
 * scan runs in throughput mode with {@link ArrowMegabytes} counters, so JMH reports MB/s of
 * decoded Arrow data (the buffers the scan returned) next to scans per second. Target: a full
 * scan of all columns at 1 GB/s or more.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 8, time = 4)
public class ScanBenchmark extends QuiverBenchmark {
    /** Every row, every column: the decode path at full width. */
    @Benchmark
    public long fullScan(BenchTable table, ArrowMegabytes decoded) throws IOException {
        long rows = 0;
        try (ArrowReader reader = table.dataset().scan().toArrowReader()) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot batch = reader.getVectorSchemaRoot();
                rows += batch.getRowCount();
                decoded.add(batch);
            }
        }
        return rows;
    }

    /**
     * {@code id < 1000}, every column: 1,000 rows, all in the first batch; statistics should rule
     * out every later batch without decoding it.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 5, time = 1)
    @Measurement(iterations = 10, time = 1)
    public long filteredScan(BenchTable table) throws IOException {
        long rows = 0;
        try (ArrowReader reader =
                table.dataset().scan().filter(Filters.lt("id", 1000L)).toArrowReader()) {
            while (reader.loadNextBatch()) {
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
        }
        return rows;
    }
}

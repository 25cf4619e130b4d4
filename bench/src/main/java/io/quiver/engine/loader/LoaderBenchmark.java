package io.quiver.engine.loader;

import io.quiver.engine.BenchTable;
import io.quiver.engine.QuiverBenchmark;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One epoch of a {@link DataLoader} over the shared {@link BenchTable} (all columns, one rank,
 * batches of 1,024 rows, two read ahead), in table order, in a global shuffle and in a block
 * shuffle (runs of 1,024 rows mixed in a 16,384-row buffer). One operation is one row, so JMH's
 * ops/s are rows/s. Targets: 1.5 million rows/s in order, 300,000 rows/s shuffled, on this
 * 2-core machine.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@State(Scope.Thread)
public class LoaderBenchmark extends QuiverBenchmark {
    /** Rows per epoch: the shared table's default size (JMH needs the constant here). */
    static final int ROWS = 1_000_000;

    @Param({"none", "global", "block"})
    public String shuffle;

    private long epoch;

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long epoch(BenchTable table) throws IOException {
        DataLoader.Builder builder =
                DataLoader.builder(table.dataset()).batchSize(1024).prefetch(2).epoch(epoch++);
        switch (shuffle) {
            case "global" -> builder.shuffle(42);
            case "block" -> builder.blockShuffle(42, 1024, 16_384);
            default -> {}
        }
        long rows = 0;
        try (DataLoader loader = builder.build()) {
            for (LoaderBatch batch = loader.next(); batch != null; batch = loader.next()) {
                rows += batch.rowCount();
                batch.close();
            }
        }
        if (rows != ROWS) {
            throw new IllegalStateException(
                    "read " + rows + " rows, the table has " + ROWS + "; run with rows=" + ROWS);
        }
        return rows;
    }
}

package io.quiver.engine.blob;

import io.quiver.engine.Dataset;
import io.quiver.engine.QuiverBenchmark;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads 100 KiB blobs in table order from a cached table of 10,000 (1 GB, warm in the page
 * cache after the first pass): each invocation takes the next 100 rows' descriptors and reads
 * every blob, whole ({@code readAllBytes}) or streamed through a reused 64 KiB buffer. One
 * operation is one blob, so ops/s x 102,400 is bytes/s. Target: at least 1 GB/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@State(Scope.Thread)
public class BlobStreamBenchmark extends QuiverBenchmark {
    static final int ROWS = 10_000;
    static final int BLOB_BYTES = 100 << 10;
    static final int PER_INVOCATION = 100;

    private Dataset dataset;
    private long[] addresses;
    private final long[] next = new long[PER_INVOCATION];
    private final byte[] buffer = new byte[64 << 10];
    private int cursor;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dataset = BlobTables.open(ROWS, BLOB_BYTES, 4096);
        addresses = dataset.scan().rowAddresses();
    }

    @TearDown(Level.Trial)
    public void close() {
        dataset.close();
    }

    @Benchmark
    @OperationsPerInvocation(PER_INVOCATION)
    public long readAllBytes() throws IOException {
        return readNext(BlobRead.WHOLE);
    }

    @Benchmark
    @OperationsPerInvocation(PER_INVOCATION)
    public long openStream() throws IOException {
        return readNext(BlobRead.STREAMED);
    }

    private long readNext(BlobRead read) throws IOException {
        try (VectorSchemaRoot rows = nextRows()) {
            return read.readColumn(dataset, rows.getVector("image"), rows.getRowCount(), buffer);
        }
    }

    /** The next rows in table order, wrapping around. */
    private VectorSchemaRoot nextRows() throws IOException {
        for (int i = 0; i < next.length; i++) {
            next[i] = addresses[cursor];
            cursor = (cursor + 1) % addresses.length;
        }
        return dataset.take(next, "image");
    }
}

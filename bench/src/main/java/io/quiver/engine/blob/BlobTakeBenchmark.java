package io.quiver.engine.blob;

import io.quiver.engine.Dataset;
import io.quiver.engine.QuiverBenchmark;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.FieldVector;
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
 * A take of 1,000 random rows' 2 KiB blobs, each read whole, from a cached table of 100,000:
 * with the default inline threshold (4 KiB: the blobs live in the data file's pages) and with
 * every blob in a blob pack (threshold 0). Each invocation draws new addresses from a seeded
 * stream. Target: at most 10 ms (Lance 7.0 measured 37-53 ms here).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@State(Scope.Thread)
public class BlobTakeBenchmark extends QuiverBenchmark {
    static final int ROWS = 100_000;
    static final int BLOB_BYTES = 2 << 10;

    @Param({"4096", "0"})
    public int inlineBytes;

    private Dataset dataset;
    private long[] all;
    private final long[] addresses = new long[1_000];
    private final SplittableRandom random = new SplittableRandom(42);

    @Setup(Level.Trial)
    public void open() throws IOException {
        dataset = BlobTables.open(ROWS, BLOB_BYTES, inlineBytes);
        all = dataset.scan().rowAddresses();
    }

    @TearDown(Level.Trial)
    public void close() {
        dataset.close();
    }

    @Benchmark
    public long take1000() throws IOException {
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = all[random.nextInt(all.length)];
        }
        try (VectorSchemaRoot rows = dataset.take(addresses, "image")) {
            FieldVector image = rows.getVector("image");
            long bytes = 0;
            for (int i = 0; i < rows.getRowCount(); i++) {
                bytes += dataset.blob(image, i).readAllBytes().length;
            }
            return bytes;
        }
    }
}

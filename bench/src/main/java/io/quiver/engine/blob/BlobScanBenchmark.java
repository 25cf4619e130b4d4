package io.quiver.engine.blob;

import io.quiver.engine.Dataset;
import io.quiver.engine.QuiverBenchmark;
import io.quiver.engine.Scan;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads every 100 KiB blob of the cached 10,000-blob table (1 GB, the one {@link
 * BlobStreamBenchmark} reads; warm in the page cache after the first pass) through one scan of
 * the {@code image} column, in table order: through {@link Dataset#blob} handles, each blob whole
 * ({@code readAllBytes}) or streamed into a reused 64 KiB buffer ({@code openStream}), or as bytes
 * that the scan itself returns ({@code withBlobBytes}), in batches of the scan's default size
 * ({@code batchRows=0}: the table was appended 327 rows at a time, so batches of 33 MB) or of 20
 * rows (2 MB). One invocation is the whole table and one operation one blob, so ops/s x 102,400
 * is bytes/s. Target: at least 1 GB/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@State(Scope.Thread)
public class BlobScanBenchmark extends QuiverBenchmark {
    private Dataset dataset;
    private final byte[] buffer = new byte[64 << 10];

    @Setup(Level.Trial)
    public void open() throws IOException {
        dataset = BlobTables.open(BlobStreamBenchmark.ROWS, BlobStreamBenchmark.BLOB_BYTES, 4096);
    }

    @TearDown(Level.Trial)
    public void close() {
        dataset.close();
    }

    @Benchmark
    @OperationsPerInvocation(BlobStreamBenchmark.ROWS)
    public long readAllBytes() throws IOException {
        return scanWith(BlobRead.WHOLE);
    }

    @Benchmark
    @OperationsPerInvocation(BlobStreamBenchmark.ROWS)
    public long openStream() throws IOException {
        return scanWith(BlobRead.STREAMED);
    }

    /** One scan of the image column, every blob read through its handle. */
    private long scanWith(BlobRead read) throws IOException {
        long bytes = 0;
        try (ArrowReader scan = dataset.scan().columns("image").toArrowReader()) {
            VectorSchemaRoot batch = scan.getVectorSchemaRoot();
            while (scan.loadNextBatch()) {
                bytes += read.readColumn(dataset, batch.getVector("image"), batch.getRowCount(), buffer);
            }
        }
        return check(bytes);
    }

    /** Rows per batch of the {@code withBlobBytes} scan; 0 leaves the size to the scan. */
    @State(Scope.Thread)
    public static class BytesBatch {
        @Param({"0", "20"})
        public int batchRows;
    }

    @Benchmark
    @OperationsPerInvocation(BlobStreamBenchmark.ROWS)
    public long withBlobBytes(BytesBatch batchSize) throws IOException {
        long bytes = 0;
        Scan scan = dataset.scan().columns("image").withBlobBytes();
        if (batchSize.batchRows > 0) {
            scan.batchSize(batchSize.batchRows);
        }
        try (ArrowReader reader = scan.toArrowReader()) {
            VectorSchemaRoot batch = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                VarBinaryVector image = (VarBinaryVector) batch.getVector("image");
                int rows = batch.getRowCount();
                if (rows > 0) {
                    bytes += image.getEndOffset(rows - 1) - image.getStartOffset(0);
                }
            }
        }
        return check(bytes);
    }

    /** Every blob was read whole: a scan that returned fewer rows or bytes would flatter the figure. */
    private static long check(long bytes) {
        long expected = (long) BlobStreamBenchmark.ROWS * BlobStreamBenchmark.BLOB_BYTES;
        if (bytes != expected) {
            throw new IllegalStateException("read " + bytes + " blob bytes, expected " + expected);
        }
        return bytes;
    }
}

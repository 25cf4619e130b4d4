package io.quiver.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
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
 * Appends of {@code batches} batches of {@code batchRows} {@link SampleRows}, built before the
 * trial, into a new empty table per invocation (created and deleted outside the measured time,
 * in {@code bench/target/bench-data}, so on the disk the project lives on). The measured time
 * includes encoding, checksums, writes and every fsync of the commit. Throughput mode with
 * {@link ArrowMegabytes} counters, so JMH reports MB/s of Arrow input appended next to appends
 * per second. Target: 500 MB/s of embedding data or more.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 8, time = 5)
@State(Scope.Thread)
public class AppendBenchmark extends QuiverBenchmark {
    @Param("64")
    public int batches;

    @Param("8192")
    public int batchRows;

    private BufferAllocator allocator;
    private final List<VectorSchemaRoot> input = new ArrayList<>();
    private long inputBytes;
    private long embeddingBytes;
    private Path tables;
    private Path table;
    private Dataset dataset;

    @Setup(Level.Trial)
    public void buildInput() throws IOException {
        allocator = new RootAllocator();
        for (int b = 0; b < batches; b++) {
            VectorSchemaRoot batch = VectorSchemaRoot.create(SampleRows.SCHEMA, allocator);
            input.add(batch);
            SampleRows.fill(batch, (long) b * batchRows, batchRows);
            inputBytes += SampleRows.arrowBytes(batch);
            embeddingBytes += batch.getVector("embedding").getBufferSize();
        }
        tables = BenchTable.dataRoot().resolve("append");
        Files.createDirectories(tables);
    }

    @Setup(Level.Invocation)
    public void createTable() throws IOException {
        table = Files.createTempDirectory(tables, "table-");
        dataset = Dataset.create(table, SampleRows.SCHEMA, DatasetOptions.DEFAULT.withAllocator(allocator));
    }

    @TearDown(Level.Invocation)
    public void deleteTable() throws IOException {
        dataset.close();
        BenchTable.deleteTree(table);
    }

    @TearDown(Level.Trial)
    public void freeInput() {
        input.forEach(VectorSchemaRoot::close);
        input.clear();
        allocator.close();
    }

    /** All batches through one {@link BatchReader}: one commit, the way bulk loads should go. */
    @Benchmark
    public long oneCommit(ArrowMegabytes appended) throws IOException {
        long version;
        try (BatchReader reader = BatchReader.of(allocator, input)) {
            version = dataset.append(reader);
        }
        return count(appended, version);
    }

    /** One {@link Dataset#append(VectorSchemaRoot)} per batch: a commit (manifest, fsyncs) each. */
    @Benchmark
    public long commitPerBatch(ArrowMegabytes appended) throws IOException {
        long version = 0;
        for (VectorSchemaRoot batch : input) {
            version = dataset.append(batch);
        }
        return count(appended, version);
    }

    private long count(ArrowMegabytes appended, long version) {
        appended.add(inputBytes, embeddingBytes);
        return version;
    }
}

package io.quiver.engine.ann;

import io.quiver.engine.Dataset;
import io.quiver.engine.QuiverBenchmark;
import io.quiver.engine.vector.VectorIndexOptions;
import io.quiver.vector.HnswParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * How long {@code createVectorIndex} takes on the 200,000-row clustered table (m 16,
 * ef_construction 100) with one and two build threads, each build measured once; the index size
 * is printed ("# index size").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class AnnBuildBenchmark extends QuiverBenchmark {
    private static final String NAME = "build_probe";

    @Param({"1", "2"})
    public int threads;

    private Dataset dataset;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dataset = Clustered200k.table(Clustered200k.base(Clustered200k.vectorsAndQueries()));
    }

    @Benchmark
    public long build() throws IOException {
        return dataset.createVectorIndex(
                "emb",
                VectorIndexOptions.DEFAULTS
                        .withName(NAME)
                        .withParams(HnswParams.DEFAULTS)
                        .withBuildThreads(threads));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        long before = indexBytes();
        dataset.dropIndex(NAME);
        dataset.cleanup(java.time.Duration.ZERO);
        System.out.printf("# index size %,d bytes%n", before - indexBytes());
        dataset.close();
    }

    private long indexBytes() throws IOException {
        try (Stream<Path> files = Files.list(dataset.path().resolve("indexes"))) {
            long sum = 0;
            for (Path p : files.toList()) {
                sum += Files.size(p);
            }
            return sum;
        }
    }
}

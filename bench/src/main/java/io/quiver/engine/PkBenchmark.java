package io.quiver.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
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
 * Primary keys on a 1M-row table (id BIGINT primary key, label, VECTOR(128)), warm. Targets:
 * {@code get} p50 at most 20 us and p99 at most 200 us, hit and miss; an upsert of 1,000 rows
 * (half updates, half inserts) at most 50 ms; a full scan with 5% of the rows updated at most
 * 1.3x the same scan after compaction.
 */
public class PkBenchmark extends QuiverBenchmark {
    static final int ROWS = 1_000_000;

    /** A handle on the cached table (lookups never write). */
    @State(Scope.Thread)
    public static class Lookups {
        /** Whether the keys asked for exist. */
        @Param({"hit", "miss"})
        public String kind;

        Dataset dataset;
        final SplittableRandom random = new SplittableRandom(SampleRows.SEED);

        @Setup(Level.Trial)
        public void open() throws IOException {
            dataset = Dataset.open(PkTable.cached(ROWS));
        }

        @TearDown(Level.Trial)
        public void close() {
            dataset.close();
        }

        long nextKey() {
            long id = random.nextLong(ROWS);
            return kind.equals("hit") ? id : ROWS + id;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Map<String, Object> get(Lookups s) throws IOException {
        return s.dataset.get(s.nextKey());
    }

    /**
     * A linked copy of the table that upserts grow: each takes 500 present ids and 500 new ones.
     * Between upserts, outside the measured time, the default {@link AutoCompaction} policy runs
     * as a background compactor would: it keeps at most 8 delta fragments, so lookups do not
     * probe an ever-growing number of them.
     */
    @State(Scope.Thread)
    public static class Upserts {
        Dataset dataset;
        VectorSchemaRoot batch;
        final SplittableRandom random = new SplittableRandom(SampleRows.SEED);
        long nextNew = ROWS;

        @Setup(Level.Trial)
        public void open() throws IOException {
            dataset = PkTable.openCopy(ROWS, "pk-upserts");
            batch = VectorSchemaRoot.create(SampleRows.SCHEMA, dataset.allocator());
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            batch.close();
            PkTable.closeAndDelete(dataset);
        }

        @Setup(Level.Invocation)
        public void compactIfDue() throws IOException {
            dataset.compactIfDue(AutoCompaction.DEFAULT);
        }

        void nextBatch() {
            List<Long> ids = new ArrayList<>(1000);
            for (int i = 0; i < 500; i++) {
                ids.add(random.nextLong(ROWS));
                ids.add(nextNew++);
            }
            PkTable.fillWithIds(batch, ids.stream().distinct().toList());
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public long upsert1000(Upserts s) throws IOException {
        s.nextBatch();
        return s.dataset.upsert(s.batch);
    }

    /**
     * A linked copy with 5% of its rows updated by 50 upserts of 1,000, with the default
     * auto-compaction policy run after each (as a background compactor would: it merges the
     * deltas, leaving the base and its deletions alone); then fully compacted or not.
     */
    @State(Scope.Benchmark)
    public static class Updated {
        @Param({"updated", "compacted"})
        public String layout;

        Dataset dataset;

        @Setup(Level.Trial)
        public void open() throws IOException {
            dataset = PkTable.openCopy(ROWS, "pk-scan-" + layout);
            SplittableRandom random = new SplittableRandom(SampleRows.SEED + 1);
            try (VectorSchemaRoot batch = VectorSchemaRoot.create(SampleRows.SCHEMA, dataset.allocator())) {
                for (int u = 0; u < 50; u++) {
                    PkTable.fillWithIds(
                            batch,
                            random.longs(1000, 0, ROWS).boxed().distinct().toList());
                    dataset.upsert(batch);
                    dataset.compactIfDue(AutoCompaction.DEFAULT);
                }
            }
            if (layout.equals("compacted")) {
                dataset.compact(new CompactionOptions(1 << 20, 0.0, 0.5));
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            PkTable.closeAndDelete(dataset);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 4)
    @Measurement(iterations = 5, time = 4)
    public long fullScan(Updated s) throws IOException {
        long rows = 0;
        try (ArrowReader reader = s.dataset.scan().toArrowReader()) {
            while (reader.loadNextBatch()) {
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
        }
        return rows;
    }
}

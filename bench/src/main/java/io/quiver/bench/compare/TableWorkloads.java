package io.quiver.bench.compare;

import io.quiver.engine.BenchTable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The workloads on the generated table, each run on both systems by {@link Rounds} and checked:
 * against the other system (same fingerprint each round) and against the generator (the rows
 * that should come back). Reads run before writes that change rows: a fresh table's row at
 * position p holds id p, which is how a take's answer is checked.
 */
final class TableWorkloads {
    static final int TAKE_ROWS = 1_000;
    static final int LOOKUPS = 100;
    static final int UPSERT_ROWS = 1_000;
    static final int LOADER_BATCH = 1_024;

    @FunctionalInterface
    private interface SideTrial {
        Rounds.Sample run(TableSide side, int round) throws Exception;
    }

    private final CompareOptions options;
    private final Results results;
    private final BufferAllocator allocator;
    private final TableSide quiver;
    private final TableSide lance;
    private final long rows;
    private List<VectorSchemaRoot> batches;

    TableWorkloads(CompareOptions options, Results results, BufferAllocator allocator) {
        this.options = options;
        this.results = results;
        this.allocator = allocator;
        this.quiver = new QuiverSide(allocator);
        this.lance = new LanceSide(allocator);
        this.rows = options.rows();
    }

    void run() throws Exception {
        try (quiver;
                lance) {
            batches = CompareRows.generate(allocator, rows);
            try {
                write();
            } finally {
                batches.forEach(VectorSchemaRoot::close);
            }
            scans();
            take();
            lookup();
            blobs();
            loader(false);
            loader(true);
            duplicateKey();
            upsert();
        }
    }

    private void compare(
            String workload, Metric metric, int rounds, SideTrial trial, String quiverNote, String lanceNote)
            throws Exception {
        System.err.printf("quiver bench compare: %s...%n", workload);
        Rounds.Both both =
                Rounds.run(workload, options.warmups(), rounds, r -> trial.run(quiver, r), r -> trial.run(lance, r));
        results.compare(workload, metric, both, quiverNote, lanceNote);
    }

    private void compare(String workload, Metric metric, SideTrial trial, String quiverNote, String lanceNote)
            throws Exception {
        compare(workload, metric, options.rounds(), trial, quiverNote, lanceNote);
    }

    /** Rounds write whole tables (a warm-up writes three batches); the last one written is read next. */
    private void write() throws Exception {
        List<VectorSchemaRoot> warmup = batches.subList(0, Math.min(3, batches.size()));
        Path[] previous = new Path[2];
        String workload = "write";
        compare(
                workload,
                Metric.seconds("time for " + rows + " rows"),
                options.writeRounds(),
                (side, round) -> {
                    List<VectorSchemaRoot> input = round < options.warmups() ? warmup : batches;
                    Path dir = options.data().resolve(side.system() + "-" + round);
                    BenchTable.deleteTree(dir);
                    Rounds.Sample sample = Rounds.timed(() -> {
                        side.write(dir, input);
                        return 0;
                    });
                    int slot = side == quiver ? 0 : 1;
                    if (previous[slot] != null) {
                        BenchTable.deleteTree(previous[slot]);
                    }
                    previous[slot] = dir;
                    return new Rounds.Sample(sample.seconds(), side.count());
                },
                "insert in one commit, key index and uniqueness check included",
                "Dataset.write() with default parameters (BTREE built after, see below)");
        double megabytes = CompareRows.arrowBytes(batches) / 1e6;
        for (Results.Comparison c : results.comparisons()) {
            if (c.workload().equals(workload)) {
                results.add(workload, "quiver", "input throughput", megabytes / c.quiver(), "MB/s");
                results.add(workload, "lance", "input throughput", megabytes / c.lance(), "MB/s");
            }
        }
        results.add(
                workload,
                "quiver",
                "row-address map after the write (key index built by the write)",
                quiver.prepareIndexes(),
                "s");
        results.add(workload, "lance", "BTREE index on id build", lance.prepareIndexes(), "s");
    }

    private void scans() throws Exception {
        ScanTotals whole = expectedTotals(0, rows);
        compare(
                "full scan",
                Metric.millisPer("time (id, label, embedding)", 1),
                (side, round) -> checked(Rounds.timed(() -> side.fullScan().fingerprint()), whole.fingerprint(), side),
                "scan().columns(...)",
                "newScan(columns)");
        long span = Math.max(1, rows / 100);
        compare(
                "filtered scan (1% by id range)",
                Metric.millisPer("time", 1),
                (side, round) -> {
                    long lo = new SplittableRandom(round).nextLong(rows - span + 1);
                    return checked(
                            Rounds.timed(() -> side.rangeScan(lo, lo + span).fingerprint()),
                            expectedTotals(lo, lo + span).fingerprint(),
                            side);
                },
                "Filters.and(ge, lt): page statistics skip",
                "filter string; BTREE on id");
    }

    private void take() throws Exception {
        compare(
                "take 1,000 random rows",
                Metric.millisPer("time", 1),
                (side, round) -> {
                    long[] positions = positions(round, TAKE_ROWS);
                    long[][] ids = new long[1][];
                    Rounds.Sample sample = Rounds.timed(() -> {
                        ids[0] = side.take(positions);
                        return 0;
                    });
                    if (!Arrays.equals(ids[0], positions)) {
                        throw new IllegalStateException(side.system() + ": take returned other rows than asked for");
                    }
                    return new Rounds.Sample(sample.seconds(), Arrays.hashCode(ids[0]));
                },
                "take(row addresses, 3 columns)",
                "take(row offsets, 3 columns)");
    }

    private void lookup() throws Exception {
        compare(
                "point lookup by key",
                Metric.microsPer("time per lookup (all columns)", LOOKUPS),
                (side, round) -> {
                    long[] keys = positions(round, LOOKUPS);
                    String[] labels = new String[keys.length];
                    Rounds.Sample sample = Rounds.timed(() -> {
                        for (int i = 0; i < keys.length; i++) {
                            labels[i] = side.lookup(keys[i]);
                        }
                        return 0;
                    });
                    for (int i = 0; i < keys.length; i++) {
                        if (!CompareRows.label(keys[i]).equals(labels[i])) {
                            throw new IllegalStateException(
                                    side.system() + ": lookup of " + keys[i] + " found " + labels[i]);
                        }
                    }
                    return new Rounds.Sample(sample.seconds(), Arrays.hashCode(labels));
                },
                "get(key): primary-key index",
                "scan with filter id = k: BTREE index");
    }

    private void blobs() throws Exception {
        compare(
                "blob read, 1,000 random 2 KiB",
                Metric.millisPer("time", 1),
                (side, round) -> {
                    long[] positions = positions(round, TAKE_ROWS);
                    CRC32C read = new CRC32C();
                    Rounds.Sample sample = Rounds.timed(() -> side.readBlobs(positions, read));
                    CRC32C expected = new CRC32C();
                    for (long p : positions) {
                        expected.update(CompareRows.blob(p));
                    }
                    return checked(sample, expected.getValue(), read.getValue(), side);
                },
                "take(image) then Blob.readAllBytes()",
                "takeBlobsByIndices then BlobFile.read()");
    }

    private void loader(boolean shuffled) throws Exception {
        long[] permutation = shuffled ? permutation() : null;
        ScanTotals whole = expectedTotals(0, rows);
        compare(
                shuffled ? "loader epoch, global shuffle" : "loader epoch, table order",
                Metric.rate("throughput (id, embedding)", "rows/s", rows),
                (side, round) -> checked(
                        Rounds.timed(() -> side.loadEpoch(LOADER_BATCH, shuffled, 42 + round, permutation)
                                .fingerprint()),
                        whole.fingerprint(),
                        side),
                quiver.loaderNote(shuffled),
                lance.loaderNote(shuffled));
    }

    private void duplicateKey() throws Exception {
        compare(
                "insert of an existing key refused",
                Metric.millisPer("time to refuse", 1),
                (side, round) -> {
                    try (VectorSchemaRoot row = CompareRows.batch(allocator, new long[] {round}, null)) {
                        Rounds.Sample sample = Rounds.timed(() -> side.refusesDuplicateKey(row) ? 1 : 0);
                        return checked(sample, 1, sample.fingerprint(), side);
                    }
                },
                "insert(): DuplicateKeyException, nothing written",
                "");
    }

    private void upsert() throws Exception {
        compare(
                "upsert 1,000 rows",
                Metric.millisPer("time", 1),
                (side, round) -> {
                    long[] keys = distinctPositions(round, UPSERT_ROWS);
                    try (VectorSchemaRoot batch = CompareRows.batch(allocator, keys, round)) {
                        Rounds.Sample sample = Rounds.timed(() -> {
                            side.upsert(batch);
                            return 0;
                        });
                        String label = side.lookup(keys[0]);
                        if (!CompareRows.upsertedLabel(keys[0], round).equals(label) || side.count() != rows) {
                            throw new IllegalStateException(side.system() + ": after upsert round " + round + " key "
                                    + keys[0] + " reads " + label + " and the table holds " + side.count() + " rows");
                        }
                        return new Rounds.Sample(sample.seconds(), side.count());
                    }
                },
                "upsert(batch): one commit, merged on read",
                "mergeInsert(on id, update all, insert all)");
    }

    /** The sample, after checking that a side's answer is what the generator says it must be. */
    private static Rounds.Sample checked(Rounds.Sample sample, long expected, TableSide side) {
        return checked(sample, expected, sample.fingerprint(), side);
    }

    private static Rounds.Sample checked(Rounds.Sample sample, long expected, long actual, TableSide side) {
        if (expected != actual) {
            throw new IllegalStateException(
                    side.system() + " returned a wrong answer (" + actual + ", expected " + expected + ")");
        }
        return new Rounds.Sample(sample.seconds(), actual);
    }

    private static ScanTotals expectedTotals(long lo, long hi) {
        long sum = 0;
        long squares = 0;
        for (long id = lo; id < hi; id++) {
            sum += id;
            squares += id * id;
        }
        return new ScanTotals(hi - lo, sum, squares);
    }

    /** {@code count} random positions (repeats allowed) of round {@code round}'s seeded stream. */
    private long[] positions(int round, int count) {
        SplittableRandom random = new SplittableRandom(CompareRows.SEED + round);
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = random.nextLong(rows);
        }
        return out;
    }

    /** Distinct positions (a key may appear once in an upsert), fewer if the table is smaller. */
    private long[] distinctPositions(int round, int count) {
        return Arrays.stream(positions(round, (int) Math.min(rows, count * 2L)))
                .distinct()
                .limit(count)
                .toArray();
    }

    /** A seeded global shuffle of every position (Fisher-Yates), for systems that have none. */
    private long[] permutation() {
        long[] out = new long[(int) rows];
        for (int i = 0; i < out.length; i++) {
            out[i] = i;
        }
        SplittableRandom random = new SplittableRandom(CompareRows.SEED);
        for (int i = out.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }
}

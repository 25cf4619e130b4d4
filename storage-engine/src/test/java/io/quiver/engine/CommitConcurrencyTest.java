package io.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.commit.ManifestFiles;
import io.quiver.engine.commit.TableLayout;
import io.quiver.engine.expr.Expr;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.io.DurableFiles;
import io.quiver.engine.testing.IdRows;
import io.quiver.engine.testing.TestRandom;
import io.quiver.engine.testing.Trees;
import io.quiver.format.proto.Manifest;
import io.quiver.format.proto.OperationKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Version N is created exactly once, whoever races for it: through the publish primitive, through
 * many handles appending at once, and with deletes and compactions mixed in, where the table at
 * every version equals a model that replays the commits in version order.
 */
@ExtendWith(TestRandom.class)
class CommitConcurrencyTest {
    private static final int THREADS = 8;

    @TempDir
    Path tmp;

    /** A task per thread, started together; rethrows the first failure. */
    interface Worker {
        void run(int thread) throws Exception;
    }

    private static void race(int threads, Worker worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    worker.run(thread);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception c ? c : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void publishIfAbsentHasExactlyOneWinnerPerName() throws Exception {
        int names = 150;
        AtomicReferenceArray<String> winners = new AtomicReferenceArray<>(names);
        CyclicBarrier eachName = new CyclicBarrier(THREADS);
        race(THREADS, thread -> {
            String me = "writer " + thread;
            for (int v = 0; v < names; v++) {
                eachName.await();
                boolean won = DurableFiles.publishIfAbsent(
                        tmp.resolve("v" + v), ch -> ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8))));
                if (won && !winners.compareAndSet(v, null, me)) {
                    throw new AssertionError("name v" + v + " won by " + winners.get(v) + " and " + me);
                }
            }
        });
        for (int v = 0; v < names; v++) {
            assertEquals(
                    winners.get(v), Files.readString(tmp.resolve("v" + v)), "the file holds its one winner's bytes");
        }
        assertEquals(names, Trees.files(tmp).size(), "no temporary file is left: " + Trees.files(tmp));
    }

    @Test
    void manifestPublishHasExactlyOneWinnerPerVersion() throws Exception {
        TableLayout layout = new TableLayout(tmp.resolve("table"));
        layout.createDirectories();
        int versions = 150;
        AtomicReferenceArray<String> winners = new AtomicReferenceArray<>(versions + 1);
        CyclicBarrier eachVersion = new CyclicBarrier(THREADS);
        race(THREADS, thread -> {
            String me = "writer " + thread;
            for (int v = 1; v <= versions; v++) {
                eachVersion.await();
                Manifest m = Manifest.newBuilder()
                        .setVersion(v)
                        .putProperties("writer", me)
                        .build();
                if (ManifestFiles.publish(layout, m) && !winners.compareAndSet(v, null, me)) {
                    throw new AssertionError("version " + v + " won by " + winners.get(v) + " and " + me);
                }
            }
        });
        assertEquals(LongStream.rangeClosed(1, versions).boxed().toList(), ManifestFiles.listVersions(layout));
        for (int v = 1; v <= versions; v++) {
            assertEquals(
                    winners.get(v),
                    ManifestFiles.read(layout, v).manifest().getPropertiesOrThrow("writer"),
                    "version " + v);
        }
        assertEquals(versions, Trees.files(layout.versionsDir()).size(), "no temporary manifest is left");
    }

    @Test
    void parallelAppendsThroughSeparateHandlesLoseNothing(Random random) throws Exception {
        Path path = tmp.resolve("appends");
        int appendsPerThread = 40;
        long[][] sizes = new long[THREADS][appendsPerThread];
        for (long[] perThread : sizes) {
            Arrays.setAll(perThread, i -> 1 + random.nextInt(4));
        }
        List<Long> versions = Collections.synchronizedList(new ArrayList<>());
        try (BufferAllocator root = new RootAllocator()) {
            IdRows.create(path, root).close();
            race(THREADS, thread -> {
                try (Dataset ds = IdRows.open(path, root)) {
                    long next = thread * 1_000_000L;
                    for (long n : sizes[thread]) {
                        long v = IdRows.append(ds, IdRows.range(next, next + n));
                        assertEquals(v, ds.version(), "the handle moves to its commit");
                        versions.add(v);
                        next += n;
                    }
                }
            });
            List<Long> expectedIds = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long total = LongStream.of(sizes[t]).sum();
                LongStream.range(t * 1_000_000L, t * 1_000_000L + total).forEach(expectedIds::add);
            }
            Collections.sort(expectedIds);
            versions.sort(null);
            assertEquals(
                    LongStream.rangeClosed(2, 1 + THREADS * appendsPerThread)
                            .boxed()
                            .toList(),
                    versions,
                    "every append got its own version, with no gaps");
            try (Dataset ds = IdRows.open(path, root)) {
                assertEquals(1 + THREADS * appendsPerThread, ds.version());
                assertEquals(expectedIds.size(), ds.count());
                assertEquals(expectedIds, IdRows.ids(ds), "every appended id exactly once");
                ds.verify();
            }
        }
    }

    /** One committed change, recorded by the thread that made it. */
    record Change(long version, long[] appended, Expr deleteFilter, Predicate<Long> deletes, long deletedRows) {}

    @Test
    void concurrentAppendsDeletesAndCompactionsEqualTheModelAtEveryVersion(Random random) throws Exception {
        Path path = tmp.resolve("mixed");
        int writers = 4;
        int opsPerWriter = 30;
        long[] seeds = random.longs(writers).toArray();
        List<Change> changes = Collections.synchronizedList(new ArrayList<>());
        AtomicLong conflicts = new AtomicLong();
        try (BufferAllocator root = new RootAllocator()) {
            IdRows.create(path, root).close();
            race(writers, thread -> {
                Random r = new Random(seeds[thread]);
                try (Dataset ds = IdRows.open(path, root)) {
                    long next = thread * 1_000_000L;
                    for (int op = 0; op < opsPerWriter; op++) {
                        int dice = r.nextInt(10);
                        if (dice < 6) {
                            long[] ids = IdRows.range(next, next + 1 + r.nextInt(6));
                            next += ids.length;
                            changes.add(new Change(IdRows.append(ds, ids), ids, null, id -> false, 0));
                        } else if (dice < 9) {
                            int grp = r.nextInt(7);
                            long below = r.nextInt(8);
                            Expr filter =
                                    Filters.or(Filters.eq("grp", grp), Filters.lt("id", thread * 1_000_000L + below));
                            Predicate<Long> deletes = id -> IdRows.grp(id) == grp || id < thread * 1_000_000L + below;
                            long deleted = ds.delete(filter);
                            changes.add(new Change(ds.version(), new long[0], filter, deletes, deleted));
                        } else {
                            try {
                                ds.compact();
                            } catch (CommitConflictException e) {
                                conflicts.incrementAndGet(); // a compaction under a delete of its fragments: nothing
                                // committed
                            }
                        }
                    }
                }
            });
            checkEveryVersion(path, root, changes);
        }
    }

    /** Replays the recorded changes in version order and compares every version with the model. */
    private static void checkEveryVersion(Path path, BufferAllocator root, List<Change> changes) throws IOException {
        TreeMap<Long, Change> byVersion = new TreeMap<>();
        for (Change c : changes) {
            assertTrue(byVersion.put(c.version(), c) == null, "two changes committed as version " + c.version());
        }
        List<Long> model = new ArrayList<>();
        long newest;
        try (Dataset ds = IdRows.open(path, root)) {
            newest = ds.version();
        }
        for (long v = 2; v <= newest; v++) {
            Change c = byVersion.get(v);
            if (c != null) {
                LongStream.of(c.appended()).forEach(model::add);
                long before = model.size();
                model.removeIf(c.deletes());
                assertEquals(
                        before - model.size(),
                        c.deletedRows(),
                        "rows deleted by version " + v + " (" + c.deleteFilter() + ")");
                model.sort(Comparator.naturalOrder());
            }
            try (Dataset ds = Dataset.open(path, v, DatasetOptions.DEFAULT.withAllocator(root))) {
                String what = c != null ? "version " + v : "version " + v + " (a compaction)";
                OperationKind kind = ManifestFiles.read(new TableLayout(path), v)
                        .manifest()
                        .getOperation()
                        .getKind();
                assertEquals(
                        c == null
                                ? OperationKind.COMPACT
                                : c.appended().length > 0 ? OperationKind.APPEND : OperationKind.DELETE,
                        kind,
                        what);
                assertEquals(model, IdRows.ids(ds), what);
            }
        }
    }
}

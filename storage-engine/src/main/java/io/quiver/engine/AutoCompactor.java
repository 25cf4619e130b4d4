package io.quiver.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Compacts a table in the background whenever its {@link AutoCompaction} policy says it is due,
 * checking every {@code interval}. It commits like any writer: a compaction that loses to a
 * concurrent upsert of the same fragments gets a {@link CommitConflictException}, nothing is
 * lost, and the next round tries again on the newer version.
 */
public final class AutoCompactor implements AutoCloseable {
    private final Path table;
    private final AutoCompaction policy;
    private final ScheduledExecutorService timer;
    private final AtomicLong compactions = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicReference<Exception> lastFailure = new AtomicReference<>();

    private AutoCompactor(Path table, AutoCompaction policy, Duration interval) {
        this.table = table;
        this.policy = policy;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "quiver-auto-compaction");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static AutoCompactor start(Path table, AutoCompaction policy, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        return new AutoCompactor(table, policy, interval);
    }

    private void round() {
        try (Dataset ds = Dataset.open(table)) {
            if (ds.compactIfDue(policy) != CompactionResult.NOTHING) {
                compactions.incrementAndGet();
            }
        } catch (CommitConflictException e) {
            conflicts.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            lastFailure.set(e);
        }
    }

    /** Compactions committed so far. */
    public long compactions() {
        return compactions.get();
    }

    /** Rounds that lost to a concurrent writer (and will try again). */
    public long conflicts() {
        return conflicts.get();
    }

    /** The last failure other than a conflict, if any (the compactor keeps running). */
    public Exception lastFailure() {
        return lastFailure.get();
    }

    /** Stops after the round in progress, if any. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

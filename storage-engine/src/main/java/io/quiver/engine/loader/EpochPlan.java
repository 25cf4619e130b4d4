package io.quiver.engine.loader;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The rows one rank reads in one epoch, in order: the table's matching rows, permuted for the
 * epoch when shuffling (a true global permutation, seeded by seed and epoch), then every
 * {@code worldSize}-th position starting at {@code rank}. Ranks are disjoint and together cover
 * every row exactly once.
 */
final class EpochPlan {
    private EpochPlan() {}

    static long[] rows(long[] tableOrder, boolean shuffle, long seed, long epoch, int rank, int worldSize) {
        long[] order = tableOrder;
        if (shuffle) {
            order = tableOrder.clone();
            SplittableRandom random = new SplittableRandom(mix(seed, epoch));
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                long t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        int count = order.length / worldSize + (rank < order.length % worldSize ? 1 : 0);
        long[] mine = new long[count];
        for (int i = 0; i < count; i++) {
            mine[i] = order[rank + i * worldSize];
        }
        return mine;
    }

    /** Distinct, well-spread streams per (seed, epoch) pair (SplitMix64's finalizer). */
    static long mix(long seed, long epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long[] batch(long[] rows, long batch, int batchSize) {
        int from = (int) Math.min(rows.length, batch * batchSize);
        return Arrays.copyOfRange(rows, from, (int) Math.min(rows.length, (long) from + batchSize));
    }

    static long batchCount(long rows, int batchSize, boolean dropLast) {
        return dropLast ? rows / batchSize : (rows + batchSize - 1) / batchSize;
    }
}

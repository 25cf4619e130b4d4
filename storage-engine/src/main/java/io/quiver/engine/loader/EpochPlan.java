package io.quiver.engine.loader;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The rows one rank reads in one epoch, in order: the table's matching rows, permuted for the
 * epoch as the {@link Shuffle} says (seeded by seed and epoch), then every {@code worldSize}-th
 * position starting at {@code rank}. Every rank reads the same number of rows, so that every rank
 * reads the same number of batches (distributed training's collectives hang otherwise), as
 * PyTorch's {@code DistributedSampler} does: with {@code dropLast} the epoch's order is cut to a
 * multiple of {@code worldSize} (its last {@code rows mod worldSize} rows are left out), without it
 * the order is padded to one by repeating its first rows. Ranks together cover every row, each
 * exactly once unless padded.
 */
final class EpochPlan {
    private EpochPlan() {}

    /**
     * How an epoch's rows are ordered.
     *
     * <ul>
     *   <li>{@code GLOBAL}: a uniform random permutation of all rows (Fisher-Yates).
     *   <li>{@code BLOCK}: runs of {@code blockRows} consecutive rows in a random order, then a
     *       Fisher-Yates shuffle within each window of {@code bufferRows / blockRows} whole runs
     *       (at least one), as a shuffle buffer of that size would mix them. A batch then draws from a few runs of
     *       neighbouring rows, whose pages it decodes once, instead of from all over the table.
     * </ul>
     */
    record Shuffle(Kind kind, long seed, int blockRows, int bufferRows) {
        enum Kind {
            NONE,
            GLOBAL,
            BLOCK
        }

        static final Shuffle NONE = new Shuffle(Kind.NONE, 0, 1, 1);

        @Override
        public String toString() {
            return switch (kind) {
                case NONE -> "none";
                case GLOBAL -> "global:" + seed;
                case BLOCK -> "block:" + seed + ":" + blockRows + ":" + bufferRows;
            };
        }
    }

    static long[] rows(long[] tableOrder, Shuffle shuffle, long epoch, int rank, int worldSize, boolean dropLast) {
        long[] order = tableOrder;
        SplittableRandom random = new SplittableRandom(mix(shuffle.seed(), epoch));
        if (shuffle.kind() == Shuffle.Kind.GLOBAL) {
            order = tableOrder.clone();
            shuffle(order, 0, order.length, random);
        } else if (shuffle.kind() == Shuffle.Kind.BLOCK) {
            order = blockShuffle(tableOrder, shuffle.blockRows(), shuffle.bufferRows(), random);
        }
        int n = order.length;
        int count = dropLast ? n / worldSize : (n + worldSize - 1) / worldSize;
        long[] mine = new long[count];
        for (int i = 0; i < count; i++) {
            mine[i] = order[(rank + i * worldSize) % n]; // past the end: padding from the start
        }
        return mine;
    }

    private static long[] blockShuffle(long[] tableOrder, int blockRows, int bufferRows, SplittableRandom random) {
        int blocks = (int) ((tableOrder.length + (long) blockRows - 1) / blockRows);
        int[] blockOrder = new int[blocks];
        for (int i = 0; i < blocks; i++) {
            blockOrder[i] = i;
        }
        for (int i = blocks - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = blockOrder[i];
            blockOrder[i] = blockOrder[j];
            blockOrder[j] = t;
        }
        // The buffer holds whole blocks, so a short last block never shifts the windows.
        int blocksPerWindow = Math.max(1, bufferRows / blockRows);
        long[] order = new long[tableOrder.length];
        int at = 0;
        for (int w = 0; w < blocks; w += blocksPerWindow) {
            int windowStart = at;
            for (int k = w; k < Math.min(blocks, w + blocksPerWindow); k++) {
                int from = blockOrder[k] * blockRows;
                int n = Math.min(blockRows, tableOrder.length - from);
                System.arraycopy(tableOrder, from, order, at, n);
                at += n;
            }
            shuffle(order, windowStart, at, random);
        }
        return order;
    }

    /** Fisher-Yates over positions [from, to). */
    private static void shuffle(long[] a, int from, int to, SplittableRandom random) {
        for (int i = to - 1; i > from; i--) {
            int j = from + random.nextInt(i - from + 1);
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
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

package io.quiver.vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The k nearest of the candidates offered so far. Ties go to the smaller id, so that exact
 * search, and merges of several searches, give the same rows whatever order they came in.
 *
 * <p>A heap of primitive pairs, worst at the root: every search keeps one or two of these, and a
 * queue of boxed neighbours with a comparator cost a nearest-neighbour query more than fetching
 * its rows.
 */
public final class TopK {
    private final int k;
    private long[] ids;
    private float[] ranks;
    private int size;

    public TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        this.k = k;
        int initial = Math.min(k, 64); // k may be far more than the candidates there are
        this.ids = new long[initial];
        this.ranks = new float[initial];
    }

    /** Whether a candidate at this rank distance could still enter the top k. */
    public boolean competitive(float rank) {
        return size < k || rank <= ranks[0];
    }

    public void offer(long id, float rank) {
        if (Float.isNaN(rank) || !competitive(rank)) {
            return;
        }
        if (size < k) {
            if (size == ids.length) {
                int grown = (int) Math.min(k, 2L * size);
                ids = Arrays.copyOf(ids, grown);
                ranks = Arrays.copyOf(ranks, grown);
            }
            siftUp(size++, id, rank);
        } else if (nearer(rank, id, ranks[0], ids[0])) {
            siftDown(0, id, rank, size);
        }
    }

    public void offerAll(List<Neighbor> neighbors) {
        for (Neighbor n : neighbors) {
            offer(n.id(), n.rank());
        }
    }

    /** The kept candidates, nearest first. */
    public List<Neighbor> sorted() {
        Ranked ranked = ranked();
        List<Neighbor> out = new ArrayList<>(size);
        for (int i = 0; i < ranked.ids.length; i++) {
            out.add(new Neighbor(ranked.ids[i], ranked.ranks[i]));
        }
        return out;
    }

    /** The kept candidates nearest first, as parallel arrays: {@code ids[i]} ranks {@code ranks[i]}. */
    public record Ranked(long[] ids, float[] ranks) {}

    /** {@link #sorted} without a boxed neighbour per candidate, for callers that take the rows by id. */
    public Ranked ranked() {
        // Heap sort of a copy: popping the worst fills the arrays from their end.
        long[] heapIds = Arrays.copyOf(ids, size);
        float[] heapRanks = Arrays.copyOf(ranks, size);
        long[] outIds = new long[size];
        float[] outRanks = new float[size];
        for (int n = size; n > 0; n--) {
            outIds[n - 1] = heapIds[0];
            outRanks[n - 1] = heapRanks[0];
            long lastId = heapIds[n - 1];
            float lastRank = heapRanks[n - 1];
            siftDown(heapIds, heapRanks, 0, lastId, lastRank, n - 1);
        }
        return new Ranked(outIds, outRanks);
    }

    /** The order of {@link Neighbor}s: by rank (as {@link Float#compare}), then by id. */
    private static boolean nearer(float rank, long id, float otherRank, long otherId) {
        int c = Float.compare(rank, otherRank);
        return c < 0 || (c == 0 && id < otherId);
    }

    private void siftUp(int at, long id, float rank) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!nearer(ranks[parent], ids[parent], rank, id)) {
                break;
            }
            ids[at] = ids[parent];
            ranks[at] = ranks[parent];
            at = parent;
        }
        ids[at] = id;
        ranks[at] = rank;
    }

    private void siftDown(int at, long id, float rank, int n) {
        siftDown(ids, ranks, at, id, rank, n);
    }

    /** Places (id, rank) at {@code at} of the heap's first {@code n} entries, moving worse children up. */
    private static void siftDown(long[] ids, float[] ranks, int at, long id, float rank, int n) {
        while (true) {
            int child = 2 * at + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && nearer(ranks[child], ids[child], ranks[child + 1], ids[child + 1])) {
                child++; // the worse of the two
            }
            if (!nearer(rank, id, ranks[child], ids[child])) {
                break;
            }
            ids[at] = ids[child];
            ranks[at] = ranks[child];
            at = child;
        }
        ids[at] = id;
        ranks[at] = rank;
    }
}

package io.quiver.vector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The k nearest of the candidates offered so far. Ties go to the smaller id, so that exact
 * search, and merges of several searches, give the same rows whatever order they came in.
 */
public final class TopK {
    private static final Comparator<Neighbor> NEAREST_FIRST =
            Comparator.comparingDouble(Neighbor::rank).thenComparingLong(Neighbor::id);

    private final int k;
    private final PriorityQueue<Neighbor> worstFirst = new PriorityQueue<>(NEAREST_FIRST.reversed());

    public TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        this.k = k;
    }

    /** Whether a candidate at this rank distance could still enter the top k. */
    public boolean competitive(float rank) {
        return worstFirst.size() < k || rank <= worstFirst.peek().rank();
    }

    public void offer(long id, float rank) {
        if (Float.isNaN(rank) || !competitive(rank)) {
            return;
        }
        Neighbor n = new Neighbor(id, rank);
        if (worstFirst.size() < k) {
            worstFirst.add(n);
        } else if (NEAREST_FIRST.compare(n, worstFirst.peek()) < 0) {
            worstFirst.poll();
            worstFirst.add(n);
        }
    }

    public void offerAll(List<Neighbor> neighbors) {
        for (Neighbor n : neighbors) {
            offer(n.id(), n.rank());
        }
    }

    /** The kept candidates, nearest first. */
    public List<Neighbor> sorted() {
        List<Neighbor> out = new ArrayList<>(worstFirst);
        out.sort(NEAREST_FIRST);
        return out;
    }
}

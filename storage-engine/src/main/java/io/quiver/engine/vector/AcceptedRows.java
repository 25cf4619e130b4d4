package io.quiver.engine.vector;

import io.quiver.engine.expr.Expr;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The index ordinals a filter accepts, per index file, table version and filter, for the most
 * recently used few: a filtered nearest-neighbour query otherwise scans the filter's columns of
 * every indexed row, which dominates its cost, and applications repeat their filters. A version
 * never changes, so an entry never goes stale; it only ages out.
 */
public final class AcceptedRows {
    /** Entries kept: at 10M rows a set is 1.25 MB. */
    static final int CAPACITY = 16;

    private record Key(String indexPath, long version, Expr filter) {}

    private final Map<Key, BitSet> recent = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, BitSet> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized BitSet get(String indexPath, long version, Expr filter) {
        return recent.get(new Key(indexPath, version, filter));
    }

    /** Keeps {@code accepted}, which callers must not change afterwards. */
    synchronized void put(String indexPath, long version, Expr filter, BitSet accepted) {
        recent.put(new Key(indexPath, version, filter), accepted);
    }
}

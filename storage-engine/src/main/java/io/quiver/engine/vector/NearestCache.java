package io.quiver.engine.vector;

import io.quiver.engine.expr.Expr;
import java.io.IOException;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What nearest-neighbour queries on one table version share, for the most recently used few:
 * which rows an index covers (per index file and version), and the index ordinals a filter
 * accepts (per index file, version and filter; no filter stands for the live rows, when rows
 * were deleted since the build). Without it every query would rebuild them: the coverage from
 * the manifest, and the ordinals by decoding deletion vectors or scanning the filter's columns of
 * every indexed row, which dominates a filtered query's cost. Applications repeat their
 * filters, and a version never changes, so an entry never goes stale; it only ages out.
 */
public final class NearestCache {
    /** Entries kept of each kind: at 10M rows an ordinal set is 1.25 MB. */
    static final int CAPACITY = 16;

    /** Computes a missing entry. */
    @FunctionalInterface
    interface Loader<T> {
        T load() throws IOException;
    }

    private record CoverageKey(String indexPath, long version) {}

    private record AcceptedKey(String indexPath, long version, Expr filter) {}

    private final Map<CoverageKey, IndexCoverage> coverages = recentlyUsed();
    private final Map<AcceptedKey, BitSet> accepted = recentlyUsed();

    private static <K, V> Map<K, V> recentlyUsed() {
        return new LinkedHashMap<>(CAPACITY, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > CAPACITY;
            }
        };
    }

    IndexCoverage coverage(String indexPath, long version, Loader<IndexCoverage> loader) throws IOException {
        return get(coverages, new CoverageKey(indexPath, version), loader);
    }

    /** The accepted ordinals ({@code filter} null: the live ones), which callers must not change. */
    BitSet accepted(String indexPath, long version, Expr filter, Loader<BitSet> loader) throws IOException {
        return get(accepted, new AcceptedKey(indexPath, version, filter), loader);
    }

    // Loads outside the lock: two threads may both compute a missing entry, to the same value.
    private <K, V> V get(Map<K, V> map, K key, Loader<V> loader) throws IOException {
        synchronized (this) {
            V value = map.get(key);
            if (value != null) {
                return value;
            }
        }
        V value = loader.load();
        synchronized (this) {
            map.put(key, value);
        }
        return value;
    }
}

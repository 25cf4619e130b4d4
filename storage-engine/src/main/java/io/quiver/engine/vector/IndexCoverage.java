package io.quiver.engine.vector;

import io.quiver.engine.commit.Snapshot;
import io.quiver.engine.scan.TableFiles;
import io.quiver.format.proto.CoveredFragment;
import io.quiver.format.proto.Fragment;
import io.quiver.format.proto.VectorIndexRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * Which rows of one table version an index holds. Ordinals [first, first + rows) of the index are
 * the physical rows of one fragment; fragments are immutable apart from their deletion files, so
 * a covered fragment id still in the version means the same rows, and a fragment not covered
 * (appended, or rewritten by compaction, since the build) is searched exactly.
 */
final class IndexCoverage {
    // The covered fragments by first ordinal, as arrays: every result of every query is mapped
    // back through them.
    private final long[] firstOrdinals;
    private final long[] fragmentIds;
    private final Map<Long, CoveredFragment> byId = new HashMap<>();
    private final List<Fragment> live = new ArrayList<>(); // covered and still in the version
    private final List<Fragment> uncovered = new ArrayList<>();
    private final long staleOrdinals; // ordinals whose fragment is gone
    private final boolean everyOrdinalLive;

    IndexCoverage(VectorIndexRef ref, Snapshot snapshot) {
        List<CoveredFragment> covered = ref.getCoveredList();
        firstOrdinals = new long[covered.size()];
        fragmentIds = new long[covered.size()];
        for (int i = 0; i < covered.size(); i++) {
            CoveredFragment c = covered.get(i);
            byId.put(c.getFragmentId(), c);
            firstOrdinals[i] = c.getFirstOrdinal();
            fragmentIds[i] = c.getFragmentId();
        }
        long stale = 0;
        Map<Long, Fragment> present = new HashMap<>();
        for (Fragment f : snapshot.fragments()) {
            present.put(f.getId(), f);
            CoveredFragment c = byId.get(f.getId());
            if (c != null && c.getPhysicalRows() == f.getPhysicalRows()) {
                live.add(f);
            } else {
                uncovered.add(f);
            }
        }
        for (CoveredFragment c : covered) {
            Fragment f = present.get(c.getFragmentId());
            if (f == null || f.getPhysicalRows() != c.getPhysicalRows()) {
                stale += c.getPhysicalRows();
            }
        }
        this.staleOrdinals = stale;
        this.everyOrdinalLive = stale == 0 && live.stream().noneMatch(Fragment::hasDeletion);
    }

    List<Fragment> live() {
        return live;
    }

    List<Fragment> uncovered() {
        return uncovered;
    }

    long staleOrdinals() {
        return staleOrdinals;
    }

    private CoveredFragment coverOf(long fragmentId) {
        CoveredFragment c = byId.get(fragmentId);
        if (c == null) {
            throw new IllegalStateException("fragment " + fragmentId + " is not covered");
        }
        return c;
    }

    /** Whether every ordinal is a live row: nothing was deleted or rewritten since the build. */
    boolean everyOrdinalLive() {
        return everyOrdinalLive;
    }

    /** The ordinals of every live row of the covered fragments. */
    BitSet liveOrdinals(TableFiles files) throws IOException {
        BitSet accept = new BitSet();
        for (Fragment f : live) {
            int first = (int) coverOf(f.getId()).getFirstOrdinal();
            accept.set(first, first + (int) f.getPhysicalRows());
            RoaringBitmap deleted = files.open(f).deleted();
            if (deleted != null) {
                deleted.forEach((int row) -> accept.clear(first + row));
            }
        }
        return accept;
    }

    /** The ordinal of a row address of a live covered fragment. */
    int ordinal(long rowAddress) {
        return (int) (coverOf(rowAddress >>> 32).getFirstOrdinal() + (rowAddress & 0xFFFF_FFFFL));
    }

    /** The row address of an ordinal. */
    long rowAddress(long ordinal) {
        int lo = 0; // the last fragment starting at or before the ordinal
        int hi = firstOrdinals.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (firstOrdinals[mid] <= ordinal) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return (fragmentIds[lo] << 32) | (ordinal - firstOrdinals[lo]);
    }

    /** Live rows of the covered fragments still in the version. */
    long indexedRows() {
        return rows(live);
    }

    long unindexedRows() {
        return rows(uncovered);
    }

    static long rows(List<Fragment> fragments) {
        long rows = 0;
        for (Fragment f : fragments) {
            rows += Snapshot.liveRows(f);
        }
        return rows;
    }
}

package io.quiver.engine;

import io.quiver.engine.commit.Snapshot;
import io.quiver.engine.pk.KeyCodec;
import io.quiver.engine.scan.TableFiles;
import io.quiver.format.proto.Fragment;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * The checks of a write guarded by the rows it read (their addresses): made against the version
 * the commit lands on, every time the commit is prepared again on a newer one. Addresses are never
 * reused (fragment ids only grow, deletions only add), so a row that is live at its address is
 * the row that was read there: no change can slip between the read and the commit unseen.
 */
final class ReadRows {
    private ReadRows() {}

    /**
     * Throws unless row i of the write's key is held, at {@code base}, by the row it was read at:
     * {@code found[i] == read[i]} ({@code -1} on both sides: no row holds the key).
     */
    static void checkKeys(Dataset dataset, Snapshot base, KeyCodec codec, List<byte[]> keys, long[] found, long[] read)
            throws RowsChangedException {
        if (read.length != found.length) {
            throw new IllegalArgumentException(
                    "one read address per row is needed: " + found.length + " rows, " + read.length + " addresses");
        }
        for (int i = 0; i < found.length; i++) {
            if (found[i] != read[i]) {
                throw new RowsChangedException("the row " + (read[i] < 0 ? "with" : "holding") + " key "
                        + codec.decode(keys.get(i)) + (read[i] < 0 ? " was absent" : " was read")
                        + " but version " + base.version() + " of " + dataset.path()
                        + (found[i] < 0 ? " holds none" : " holds another")
                        + "; nothing was committed: read it again and retry");
            }
        }
    }

    /** Throws unless every row read is live at {@code base}: its fragment is there and it is not deleted. */
    static void checkLive(Dataset dataset, Snapshot base, TableFiles files, Map<Long, RoaringBitmap> read)
            throws IOException {
        Map<Long, Fragment> fragments = new HashMap<>();
        for (Fragment f : base.fragments()) {
            fragments.put(f.getId(), f);
        }
        for (Map.Entry<Long, RoaringBitmap> rows : read.entrySet()) {
            Fragment f = fragments.get(rows.getKey());
            RoaringBitmap deleted = f == null ? null : files.open(f).deleted();
            if (f == null || deleted != null && RoaringBitmap.intersects(deleted, rows.getValue())) {
                throw new RowsChangedException("rows read from fragment " + rows.getKey() + " were changed by version "
                        + base.version() + " of " + dataset.path()
                        + "; nothing was committed: read them again and retry");
            }
        }
    }

    /** Addresses grouped as row offsets by fragment id. */
    static Map<Long, RoaringBitmap> byFragment(long[] addresses) {
        Map<Long, RoaringBitmap> rows = new HashMap<>();
        for (long address : addresses) {
            if (address >= 0) {
                rows.computeIfAbsent(address >>> 32, id -> new RoaringBitmap()).add((int) (address & 0xFFFF_FFFFL));
            }
        }
        return rows;
    }
}

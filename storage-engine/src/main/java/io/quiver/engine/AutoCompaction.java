package io.quiver.engine;

import io.quiver.engine.commit.Snapshot;
import io.quiver.format.proto.Fragment;

/**
 * When the change store is folded into the base: upserts and appends add small fragments (the
 * deltas) and mark replaced rows deleted, which every later lookup and scan pays for. A version
 * is due for compaction once it has more than {@code maxDeltaFragments} fragments below
 * {@code compaction.targetRowsPerFragment()} rows, or a fragment with more deleted rows than
 * {@code compaction.maxDeletedFraction()}.
 */
public record AutoCompaction(int maxDeltaFragments, CompactionOptions compaction) {
    /**
     * At most 8 deltas; fragments below 2^19 rows count as deltas, so a large base is rewritten
     * only once a tenth of it is deleted, not each time the deltas are merged.
     */
    public static final AutoCompaction DEFAULT = new AutoCompaction(8, new CompactionOptions(1 << 19, 0.1, 0.5));

    public AutoCompaction {
        if (maxDeltaFragments < 1) {
            throw new IllegalArgumentException("maxDeltaFragments must be positive, got " + maxDeltaFragments);
        }
    }

    boolean due(Snapshot s) {
        int deltas = 0;
        for (Fragment f : s.fragments()) {
            long deleted = f.hasDeletion() ? f.getDeletion().getDeletedRows() : 0;
            if (deleted > compaction.maxDeletedFraction() * f.getPhysicalRows()) {
                return true;
            }
            if (f.getPhysicalRows() - deleted < compaction.targetRowsPerFragment()) {
                deltas++;
            }
        }
        return deltas > maxDeltaFragments;
    }
}

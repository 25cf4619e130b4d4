package io.quiver.engine;

/** What a compaction did. */
public record CompactionResult(int fragmentsRemoved, int fragmentsAdded, long rowsRewritten, long deletedRowsDropped) {
    public static final CompactionResult NOTHING = new CompactionResult(0, 0, 0, 0);
}

package io.quiver.engine;

/**
 * When compaction rewrites fragments.
 *
 * @param targetRowsPerFragment fragments with fewer live rows are merged up to this size
 * @param maxDeletedFraction a fragment with more deleted rows than this fraction is rewritten
 * @param maxBlobGarbageFraction a blob pack with a larger share of bytes no live row points to is
 *     rewritten: its live blobs are copied to a new pack, with the fragments that point to them
 */
public record CompactionOptions(long targetRowsPerFragment, double maxDeletedFraction, double maxBlobGarbageFraction) {
    private static final double DEFAULT_BLOB_GARBAGE = 0.5;
    public static final CompactionOptions DEFAULT = new CompactionOptions(1 << 20, 0.1, DEFAULT_BLOB_GARBAGE);

    public CompactionOptions(long targetRowsPerFragment, double maxDeletedFraction) {
        this(targetRowsPerFragment, maxDeletedFraction, DEFAULT_BLOB_GARBAGE);
    }

    public CompactionOptions {
        if (targetRowsPerFragment < 1 || targetRowsPerFragment > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "targetRowsPerFragment must be in [1, 2^31), got " + targetRowsPerFragment);
        }
        if (!(maxDeletedFraction >= 0 && maxDeletedFraction <= 1)) {
            throw new IllegalArgumentException("maxDeletedFraction must be in [0, 1], got " + maxDeletedFraction);
        }
        if (!(maxBlobGarbageFraction >= 0 && maxBlobGarbageFraction <= 1)) {
            throw new IllegalArgumentException(
                    "maxBlobGarbageFraction must be in [0, 1], got " + maxBlobGarbageFraction);
        }
    }
}

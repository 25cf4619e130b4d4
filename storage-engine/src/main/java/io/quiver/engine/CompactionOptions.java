package io.quiver.engine;

/**
 * When compaction rewrites fragments.
 *
 * @param targetRowsPerFragment fragments with fewer live rows are merged up to this size
 * @param maxDeletedFraction a fragment with more deleted rows than this fraction is rewritten
 */
public record CompactionOptions(long targetRowsPerFragment, double maxDeletedFraction) {
    public static final CompactionOptions DEFAULT = new CompactionOptions(1 << 20, 0.1);

    public CompactionOptions {
        if (targetRowsPerFragment < 1 || targetRowsPerFragment > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "targetRowsPerFragment must be in [1, 2^31), got " + targetRowsPerFragment);
        }
        if (!(maxDeletedFraction >= 0 && maxDeletedFraction <= 1)) {
            throw new IllegalArgumentException("maxDeletedFraction must be in [0, 1], got " + maxDeletedFraction);
        }
    }
}

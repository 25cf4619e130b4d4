package io.quiver.engine.datafile;

/**
 * How pages are cut and compressed.
 *
 * @param targetPageBytes uncompressed bytes a page aims for; small pages make random takes cheap
 *     (a take reads and checks one page per column), large pages make scans cheaper per row
 * @param zstdLevel the zstd level for pages that compress; 0 never compresses
 * @param minCompressionSaving the fraction of bytes zstd must save for a page to be stored
 *     compressed (otherwise it stays plain and is read without decoding)
 */
public record DataFileOptions(int targetPageBytes, int zstdLevel, double minCompressionSaving) {
    public static final DataFileOptions DEFAULT = new DataFileOptions(8 * 1024, 3, 0.2);

    public DataFileOptions {
        if (targetPageBytes < 64 || targetPageBytes > (64 << 20)) {
            throw new IllegalArgumentException("targetPageBytes must be in [64, 64 MiB], got " + targetPageBytes);
        }
        if (zstdLevel < 0 || zstdLevel > 22) {
            throw new IllegalArgumentException("zstdLevel must be in [0, 22], got " + zstdLevel);
        }
        if (!(minCompressionSaving >= 0 && minCompressionSaving < 1)) {
            throw new IllegalArgumentException("minCompressionSaving must be in [0, 1), got " + minCompressionSaving);
        }
    }
}

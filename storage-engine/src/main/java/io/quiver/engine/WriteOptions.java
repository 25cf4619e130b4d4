package io.quiver.engine;

import io.quiver.engine.datafile.DataFileOptions;

/**
 * How appends cut data into files.
 *
 * @param maxRowsPerFragment rows per fragment (one data file each) before a new one starts
 * @param dataFile page size and compression
 * @param blobInlineBytes BLOB values shorter than this stay in the data file; longer ones go to packs
 * @param blobPackBytes a blob pack is closed once it holds this many bytes
 */
public record WriteOptions(long maxRowsPerFragment, DataFileOptions dataFile, int blobInlineBytes, long blobPackBytes) {
    public static final WriteOptions DEFAULT = new WriteOptions(1 << 20, DataFileOptions.DEFAULT, 4096, 256L << 20);

    public WriteOptions {
        if (maxRowsPerFragment < 1 || maxRowsPerFragment > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxRowsPerFragment must be in [1, 2^31), got " + maxRowsPerFragment);
        }
        // Inline values share data pages, which must stay small.
        if (blobInlineBytes < 0 || blobInlineBytes > 1 << 20) {
            throw new IllegalArgumentException("blobInlineBytes must be in [0, 1 MiB], got " + blobInlineBytes);
        }
        if (blobPackBytes < 1) {
            throw new IllegalArgumentException("blobPackBytes must be positive, got " + blobPackBytes);
        }
    }

    public WriteOptions withMaxRowsPerFragment(long rows) {
        return new WriteOptions(rows, dataFile, blobInlineBytes, blobPackBytes);
    }

    public WriteOptions withDataFile(DataFileOptions options) {
        return new WriteOptions(maxRowsPerFragment, options, blobInlineBytes, blobPackBytes);
    }

    public WriteOptions withBlobInlineBytes(int bytes) {
        return new WriteOptions(maxRowsPerFragment, dataFile, bytes, blobPackBytes);
    }

    public WriteOptions withBlobPackBytes(long bytes) {
        return new WriteOptions(maxRowsPerFragment, dataFile, blobInlineBytes, bytes);
    }
}

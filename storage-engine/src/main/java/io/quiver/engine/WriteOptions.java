package io.quiver.engine;

import io.quiver.engine.datafile.DataFileOptions;

/**
 * How appends cut data into files.
 *
 * @param maxRowsPerFragment rows per fragment (one data file each) before a new one starts
 * @param dataFile page size and compression
 */
public record WriteOptions(long maxRowsPerFragment, DataFileOptions dataFile) {
    public static final WriteOptions DEFAULT = new WriteOptions(1 << 20, DataFileOptions.DEFAULT);

    public WriteOptions {
        if (maxRowsPerFragment < 1 || maxRowsPerFragment > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxRowsPerFragment must be in [1, 2^31), got " + maxRowsPerFragment);
        }
    }

    public WriteOptions withMaxRowsPerFragment(long rows) {
        return new WriteOptions(rows, dataFile);
    }

    public WriteOptions withDataFile(DataFileOptions options) {
        return new WriteOptions(maxRowsPerFragment, options);
    }
}

package io.quiver.engine.testing;

import io.quiver.engine.DatasetOptions;
import io.quiver.engine.WriteOptions;
import io.quiver.engine.datafile.DataFileOptions;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Dataset options that cut a few hundred rows into many pages and fragments, so that small
 * random tables exercise page boundaries, fragment boundaries and statistics pruning.
 */
public final class SmallFiles {
    private SmallFiles() {}

    /** Pages of about {@code pageBytes} bytes (zstd level 3), fragments of {@code rowsPerFragment} rows. */
    public static DatasetOptions options(BufferAllocator allocator, int pageBytes, long rowsPerFragment) {
        return options(allocator, new DataFileOptions(pageBytes, 3, 0.2), rowsPerFragment);
    }

    private static DatasetOptions options(BufferAllocator allocator, DataFileOptions dataFile, long rowsPerFragment) {
        return DatasetOptions.DEFAULT
                .withAllocator(allocator)
                .withWriteOptions(WriteOptions.DEFAULT
                        .withMaxRowsPerFragment(rowsPerFragment)
                        .withDataFile(dataFile));
    }

    /**
     * Random small pages (64 bytes to 1 KiB, plain or zstd), fragments (40 to 400 rows), and a page
     * cache that is off, small enough to evict all the time, or the default.
     */
    public static DatasetOptions random(Random random, BufferAllocator allocator) {
        DataFileOptions dataFile =
                new DataFileOptions(64 + random.nextInt(960), random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(6), 0.2);
        long cacheBytes = switch (random.nextInt(3)) {
            case 0 -> 0;
            case 1 -> 4096;
            default -> DatasetOptions.DEFAULT_PAGE_CACHE_BYTES;
        };
        return options(allocator, dataFile, 40 + random.nextInt(361)).withPageCacheBytes(cacheBytes);
    }
}

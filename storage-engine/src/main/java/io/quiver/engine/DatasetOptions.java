package io.quiver.engine;

import org.apache.arrow.memory.BufferAllocator;

/**
 * How a dataset handle is opened.
 *
 * @param allocator the parent of the handle's allocator; null for a private root allocator
 * @param writeOptions how writes through the handle cut files
 * @param pageCacheBytes memory for decompressed pages, so repeated random reads skip zstd (0: none)
 */
public record DatasetOptions(BufferAllocator allocator, WriteOptions writeOptions, long pageCacheBytes) {
    public static final long DEFAULT_PAGE_CACHE_BYTES = 128L << 20;
    public static final DatasetOptions DEFAULT =
            new DatasetOptions(null, WriteOptions.DEFAULT, DEFAULT_PAGE_CACHE_BYTES);

    public DatasetOptions {
        if (writeOptions == null) {
            throw new IllegalArgumentException("writeOptions is null");
        }
        if (pageCacheBytes < 0) {
            throw new IllegalArgumentException("pageCacheBytes must not be negative, got " + pageCacheBytes);
        }
    }

    public DatasetOptions withAllocator(BufferAllocator parent) {
        return new DatasetOptions(parent, writeOptions, pageCacheBytes);
    }

    public DatasetOptions withWriteOptions(WriteOptions options) {
        return new DatasetOptions(allocator, options, pageCacheBytes);
    }

    public DatasetOptions withPageCacheBytes(long bytes) {
        return new DatasetOptions(allocator, writeOptions, bytes);
    }
}

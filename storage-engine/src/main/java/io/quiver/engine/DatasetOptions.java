package io.quiver.engine;

import org.apache.arrow.memory.BufferAllocator;

/**
 * How a dataset handle is opened.
 *
 * @param allocator the parent of the handle's allocator; null for a private root allocator
 * @param writeOptions how writes through the handle cut files
 */
public record DatasetOptions(BufferAllocator allocator, WriteOptions writeOptions) {
  public static final DatasetOptions DEFAULT = new DatasetOptions(null, WriteOptions.DEFAULT);

  public DatasetOptions {
    if (writeOptions == null) {
      throw new IllegalArgumentException("writeOptions is null");
    }
  }

  public DatasetOptions withAllocator(BufferAllocator parent) {
    return new DatasetOptions(parent, writeOptions);
  }

  public DatasetOptions withWriteOptions(WriteOptions options) {
    return new DatasetOptions(allocator, options);
  }
}

package io.quiver.engine.scan;

import io.quiver.blob.BlobStore;
import io.quiver.engine.expr.BoundFilter;
import io.quiver.engine.schema.TableSchema;

/**
 * What a scan reads.
 *
 * @param output the columns returned, in order (may be empty: then only row counts)
 * @param filter rows must pass it; null for all rows
 * @param limit the most rows returned; negative for no limit
 * @param batchSize rows decoded per step (the largest batch returned)
 * @param rowAddress whether to append the {@value #ROW_ADDRESS} column
 * @param includeDeleted whether deleted rows are returned too (schema evolution rewrites every physical row)
 * @param blobBytes where to read BLOB values from to return their bytes; null returns stored descriptors
 */
public record ScanSpec(
        TableSchema output,
        BoundFilter filter,
        long limit,
        int batchSize,
        boolean rowAddress,
        boolean includeDeleted,
        BlobStore blobBytes) {
    /** The name of the row address column: (fragment id << 32) | row offset. */
    public static final String ROW_ADDRESS = "_rowaddr";

    /** Rows per batch when the caller does not choose. */
    public static final int MAX_DEFAULT_BATCH_ROWS = 8192;

    /**
     * Output buffers stay at or below this size: larger ones miss Arrow's pooled allocator (its
     * chunks are 4 MiB) and are allocated, and zeroed, afresh for every batch.
     */
    static final long TARGET_BUFFER_BYTES = 2L << 20;

    /** A batch size that keeps the widest column's buffer within {@link #TARGET_BUFFER_BYTES}. */
    public static int defaultBatchSize(java.util.Collection<io.quiver.engine.schema.Column> columns) {
        long widest = 8;
        for (var c : columns) {
            int width = c.type().fixedWidth();
            widest = Math.max(widest, width == 0 ? 64 : width);
        }
        long rows = TARGET_BUFFER_BYTES / widest;
        return (int) Math.max(64, Math.min(MAX_DEFAULT_BATCH_ROWS, rows & ~63L));
    }

    public ScanSpec(
            TableSchema output,
            BoundFilter filter,
            long limit,
            int batchSize,
            boolean rowAddress,
            boolean includeDeleted) {
        this(output, filter, limit, batchSize, rowAddress, includeDeleted, null);
    }

    public ScanSpec {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
    }
}

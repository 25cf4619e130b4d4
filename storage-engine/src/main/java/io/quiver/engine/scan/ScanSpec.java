package io.quiver.engine.scan;

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
 */
public record ScanSpec(TableSchema output, BoundFilter filter, long limit, int batchSize, boolean rowAddress, boolean includeDeleted) {
  /** The name of the row address column: (fragment id << 32) | row offset. */
  public static final String ROW_ADDRESS = "_rowaddr";

  public ScanSpec {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
  }
}

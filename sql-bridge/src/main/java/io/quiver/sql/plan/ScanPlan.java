package io.quiver.sql.plan;

import io.quiver.engine.schema.TableSchema;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What one table scan asks of the engine, filled in by the planner rules: the columns (positions
 * in the table's schema), a filter, a row limit (-1: none) and a nearest-neighbour search (null:
 * none). A nearest search adds a {@code _distance} column after the others; {@code rowAddresses}
 * a {@code _rowaddr} column.
 */
public record ScanPlan(
        List<Integer> columns, PushedFilter filter, long limit, NearestSpec nearest, boolean rowAddresses) {
    public static final String DISTANCE_COLUMN = "_distance";

    /** The address of each row, after the columns, when {@code rowAddresses}. */
    public static final String ROW_ADDRESS_COLUMN = "_rowaddr";

    public ScanPlan {
        columns = List.copyOf(columns);
    }

    public static ScanPlan all(TableSchema schema) {
        return new ScanPlan(IntStream.range(0, schema.columns().size()).boxed().toList(), null, -1, null, false);
    }

    public ScanPlan withColumns(List<Integer> columns) {
        return new ScanPlan(columns, filter, limit, nearest, rowAddresses);
    }

    public ScanPlan withFilter(PushedFilter filter) {
        return new ScanPlan(columns, filter, limit, nearest, rowAddresses);
    }

    public ScanPlan withLimit(long limit) {
        return new ScanPlan(columns, filter, limit, nearest, rowAddresses);
    }

    public ScanPlan withNearest(NearestSpec nearest) {
        return new ScanPlan(columns, filter, limit, nearest, rowAddresses);
    }

    public ScanPlan withRowAddresses(boolean rowAddresses) {
        return new ScanPlan(columns, filter, limit, nearest, rowAddresses);
    }

    /**
     * Whether later rules may still add to this scan: nothing is applied after a limit or a top k,
     * and a scan with row addresses (the target of UPDATE or DELETE) reads every column, for the
     * rows it returns are written back whole; it takes a filter ({@link #filterable}).
     */
    public boolean open() {
        return filterable() && !rowAddresses;
    }

    /** Whether a filter may still be pushed: not after a limit or a top k. */
    public boolean filterable() {
        return limit < 0 && nearest == null;
    }

    /** How many of the engine's features the scan uses: a plan using more is cheaper. */
    int pushedParts() {
        return (filter == null ? 0 : 1) + (limit < 0 ? 0 : 1) + (nearest == null ? 0 : 2);
    }
}

package io.quiver.sql.plan;

import io.quiver.engine.schema.TableSchema;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What one table scan asks of the engine, filled in by the planner rules: the columns (positions
 * in the table's schema), a filter, a row limit (-1: none) and a nearest-neighbour search (null:
 * none). A nearest search adds a {@code _distance} column after the others.
 */
public record ScanPlan(List<Integer> columns, PushedFilter filter, long limit, NearestSpec nearest) {
    public static final String DISTANCE_COLUMN = "_distance";

    public ScanPlan {
        columns = List.copyOf(columns);
    }

    public static ScanPlan all(TableSchema schema) {
        return new ScanPlan(IntStream.range(0, schema.columns().size()).boxed().toList(), null, -1, null);
    }

    public ScanPlan withColumns(List<Integer> columns) {
        return new ScanPlan(columns, filter, limit, nearest);
    }

    public ScanPlan withFilter(PushedFilter filter) {
        return new ScanPlan(columns, filter, limit, nearest);
    }

    public ScanPlan withLimit(long limit) {
        return new ScanPlan(columns, filter, limit, nearest);
    }

    public ScanPlan withNearest(NearestSpec nearest) {
        return new ScanPlan(columns, filter, limit, nearest);
    }

    /** Whether later rules may still add to this scan: nothing is applied after a limit or a top k. */
    public boolean open() {
        return limit < 0 && nearest == null;
    }

    /** How many of the engine's features the scan uses: a plan using more is cheaper. */
    int pushedParts() {
        return (filter == null ? 0 : 1) + (limit < 0 ? 0 : 1) + (nearest == null ? 0 : 2);
    }
}

package io.quiver.sql.plan;

import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.schema.TableSchema;
import java.io.IOException;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.schema.Statistic;

/**
 * A table that {@link QuiverScan} reads and the planner rules push work into: Quiver's own
 * tables, and tables of a plug-in format ({@link io.quiver.sql.spi.TableFormat}). The rules fill a
 * {@link ScanPlan}; the table runs it.
 */
public interface PushdownTable {
    String name();

    /** The columns as SQL sees them (a format other than Quiver's maps its types onto these). */
    TableSchema schema();

    /** An enforced primary key (point lookups use it), or null. */
    PrimaryKey key();

    Statistic getStatistic();

    /**
     * Whether the table's scan evaluates this filter itself; a filter it does not take stays in
     * Calcite above the scan, so the result is the same either way.
     */
    boolean canPush(PushedFilter filter);

    /** Runs the plan when the query executes; {@code context} holds the statement's parameters. */
    Enumerator<Object[]> open(DataContext context, ScanPlan plan) throws IOException;

    /** EXPLAIN terms beyond the plan's own, saying what the table's engine is handed. */
    RelWriter explain(RelWriter pw, ScanPlan plan);
}

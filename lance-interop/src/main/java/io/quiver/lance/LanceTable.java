package io.quiver.lance;

import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.sql.plan.PushdownTable;
import io.quiver.sql.plan.PushedFilter;
import io.quiver.sql.plan.QuiverScan;
import io.quiver.sql.plan.ScanPlan;
import io.quiver.sql.schema.SqlTypes;
import java.io.IOException;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A Lance table as Calcite plans it: its columns and row count as of planning, and the same
 * scan node as Quiver's tables, so the planner rules push projections, filters (those {@link
 * LanceFilters} renders), limits and nearest-neighbour searches into it; {@link LanceScans} runs
 * them on the newest version. Lance's primary key is not enforced, so there are no key lookups.
 */
final class LanceTable extends AbstractTable implements TranslatableTable, PushdownTable {
    private final LanceTables tables;
    private final String name;
    private final TableSchema schema;
    private final long rowCount;

    LanceTable(LanceTables tables, String name, TableSchema schema, long rowCount) {
        this.tables = tables;
        this.name = name;
        this.schema = schema;
        this.rowCount = rowCount;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TableSchema schema() {
        return schema;
    }

    @Override
    public PrimaryKey key() {
        return null;
    }

    @Override
    public Statistic getStatistic() {
        return Statistics.of((double) rowCount, java.util.List.of());
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
        RelDataTypeFactory.Builder row = types.builder();
        for (Column c : schema.columns()) {
            row.add(c.name(), SqlTypes.toCalcite(c, types));
        }
        return row.build();
    }

    @Override
    public boolean canPush(PushedFilter filter) {
        return LanceFilters.canRender(filter, schema);
    }

    @Override
    public Enumerator<Object[]> open(DataContext context, ScanPlan plan) throws IOException {
        return LanceScans.open(tables.dataset(name, schema), this, plan, i -> context.get("?" + i));
    }

    @Override
    public RelWriter explain(RelWriter pw, ScanPlan plan) {
        return pw.item("lance", LanceScans.describe(this, plan));
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        return QuiverScan.toRel(context.getCluster(), relOptTable, this, ScanPlan.all(schema));
    }

    @Override
    public String toString() {
        return name;
    }
}

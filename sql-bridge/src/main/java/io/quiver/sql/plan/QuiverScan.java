package io.quiver.sql.plan;

import io.quiver.engine.schema.Column;
import io.quiver.sql.schema.SqlTypes;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A scan of a Quiver table (or another {@link PushdownTable}) carrying the {@link ScanPlan} the engine runs. It starts in the
 * logical convention with nothing pushed; {@link QuiverRules} fold filters, projections, limits
 * and top-k distance sorts into it, and convert it to {@link EnumerableQuiverScan} to run.
 */
public class QuiverScan extends TableScan {
    protected final PushdownTable quiverTable;
    protected final ScanPlan plan;

    public QuiverScan(
            RelOptCluster cluster, RelTraitSet traits, RelOptTable table, PushdownTable quiverTable, ScanPlan plan) {
        super(cluster, traits, List.of(), table);
        this.quiverTable = quiverTable;
        this.plan = plan;
    }

    /**
     * A table's scan as SQL sees it, what a table's {@code toRel} returns: the scan yields handles
     * for BLOB columns, which SQL sees as their bytes ({@link BlobReads} defers the reading).
     */
    public static RelNode toRel(RelOptCluster cluster, RelOptTable table, PushdownTable quiverTable, ScanPlan plan) {
        return BlobReads.asSql(new QuiverScan(cluster, cluster.traitSetOf(Convention.NONE), table, quiverTable, plan));
    }

    public ScanPlan plan() {
        return plan;
    }

    public PushdownTable quiverTable() {
        return quiverTable;
    }

    /** The table columns the scan returns, in order (without the distance column). */
    public List<Column> columns() {
        List<Column> all = quiverTable.schema().columns();
        return plan.columns().stream().map(all::get).toList();
    }

    public QuiverScan withPlan(ScanPlan next) {
        return new QuiverScan(getCluster(), getTraitSet(), getTable(), quiverTable, next);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new QuiverScan(getCluster(), traitSet, getTable(), quiverTable, plan);
    }

    @Override
    public RelDataType deriveRowType() {
        RelDataTypeFactory types = getCluster().getTypeFactory();
        RelDataTypeFactory.Builder row = types.builder();
        for (Column c : columns()) {
            row.add(c.name(), SqlTypes.scanType(c, types));
        }
        if (plan.rowAddresses()) {
            row.add(ScanPlan.ROW_ADDRESS_COLUMN, types.createSqlType(SqlTypeName.BIGINT));
        }
        if (plan.nearest() != null) {
            row.add(
                    ScanPlan.DISTANCE_COLUMN,
                    types.createTypeWithNullability(types.createSqlType(SqlTypeName.REAL), true));
        }
        return row.build();
    }

    @Override
    public void register(RelOptPlanner planner) {
        QuiverRules.ALL.forEach(planner::addRule);
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        double rows = quiverTable.getStatistic().getRowCount();
        if (plan.filter() != null) {
            rows = KeyLookup.of(plan.filter(), quiverTable) != null ? 1 : rows * 0.15;
        }
        if (plan.nearest() != null) {
            rows = Math.min(rows, plan.nearest().k());
        }
        if (plan.limit() >= 0) {
            rows = Math.min(rows, plan.limit());
        }
        return Math.max(rows, 1);
    }

    /**
     * Cheaper the fewer rows and columns it returns and the more of the query it runs itself. The
     * weight goes into the row count term: that is the term Calcite's planner compares costs by.
     */
    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double rows = estimateRowCount(mq);
        int all = quiverTable.schema().columns().size();
        double width = (plan.columns().size() + 1.0) / (all + 1.0);
        double discount = Math.pow(0.5, plan.pushedParts());
        return planner.getCostFactory().makeCost(rows * width * discount, rows, 0);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        KeyLookup lookup = plan.filter() == null ? null : KeyLookup.of(plan.filter(), quiverTable);
        super.explainTerms(pw)
                .item("columns", columns().stream().map(Column::name).toList())
                .itemIf("lookup", lookup, lookup != null)
                .itemIf("filter", plan.filter(), plan.filter() != null && lookup == null)
                .itemIf("limit", plan.limit(), plan.limit() >= 0)
                .itemIf("nearest", plan.nearest(), plan.nearest() != null)
                .itemIf("rowAddresses", true, plan.rowAddresses());
        return quiverTable.explain(pw, plan);
    }
}

package io.quiver.sql.plan;

import io.quiver.sql.exec.ModifyExecutor;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlKind;

/**
 * A DELETE whose whole WHERE clause the table's engine evaluates ({@link DeleteWhereRule}): no
 * rows are read; the engine deletes what the filter holds for in one commit, found again on the
 * version the commit lands on. Reads nothing, so it is the cheapest plan whenever it applies.
 */
public final class EnumerableQuiverDelete extends AbstractRelNode implements EnumerableRel {
    private final RelOptTable table;
    private final ScanPlan plan;
    private final FilterDelete delete;

    EnumerableQuiverDelete(
            RelOptCluster cluster, RelTraitSet traits, RelOptTable table, ScanPlan plan, FilterDelete delete) {
        super(cluster, traits.replace(EnumerableConvention.INSTANCE));
        this.table = table;
        this.plan = plan;
        this.delete = delete;
    }

    @Override
    protected RelDataType deriveRowType() {
        return RelOptUtil.createDmlRowType(SqlKind.DELETE, getCluster().getTypeFactory());
    }

    @Override
    public RelOptTable getTable() {
        return table;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new EnumerableQuiverDelete(getCluster(), traitSet, table, plan, delete);
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        return planner.getCostFactory().makeTinyCost();
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        return 1;
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        super.explainTerms(pw)
                .item("table", table.getQualifiedName())
                .item("operation", "DELETE")
                .itemIf("filter", delete.filter(), delete.filter() != null);
        return delete.table().explain(pw, plan);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.SCALAR);
        return implementor.result(
                physType,
                Blocks.toBlock(Expressions.call(
                        ModifyExecutor.class,
                        "deleteWhere",
                        implementor.getRootExpression(),
                        implementor.stash(delete, FilterDelete.class))));
    }
}

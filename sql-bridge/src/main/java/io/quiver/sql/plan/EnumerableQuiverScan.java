package io.quiver.sql.plan;

import io.quiver.sql.exec.ScanExecutor;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;

/** The executable form of {@link QuiverScan}: generated code hands the plan to {@link ScanExecutor}. */
public final class EnumerableQuiverScan extends QuiverScan implements EnumerableRel {
    EnumerableQuiverScan(
            RelOptCluster cluster, RelTraitSet traits, RelOptTable table, PushdownTable quiverTable, ScanPlan plan) {
        super(cluster, traits.replace(EnumerableConvention.INSTANCE), table, quiverTable, plan);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new EnumerableQuiverScan(getCluster(), traitSet, getTable(), quiverTable, plan);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        // One column is a scalar row, as Calcite's operators above (a sort, say) expect of a
        // one-field input whatever format it declares; wider rows are Object[].
        boolean scalar = getRowType().getFieldCount() == 1;
        PhysType physType = PhysTypeImpl.of(
                implementor.getTypeFactory(), getRowType(), scalar ? JavaRowFormat.SCALAR : JavaRowFormat.ARRAY, false);
        Expression table = implementor.stash(quiverTable, PushdownTable.class);
        Expression scanPlan = implementor.stash(plan, ScanPlan.class);
        Expression rows = Expressions.call(
                ScanExecutor.class, scalar ? "scalars" : "rows", implementor.getRootExpression(), table, scanPlan);
        return implementor.result(physType, Blocks.toBlock(rows));
    }
}

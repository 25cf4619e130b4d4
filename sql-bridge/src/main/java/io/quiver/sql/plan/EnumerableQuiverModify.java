package io.quiver.sql.plan;

import io.quiver.sql.exec.ModifyExecutor;
import io.quiver.sql.schema.QuiverTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;

/**
 * UPDATE or DELETE of a Quiver table as the engine runs it: the generated code hands the input
 * rows (each ending with its row address, and for UPDATE the new values) to {@link
 * ModifyExecutor}, which commits them in one engine operation and returns how many rows changed.
 */
public final class EnumerableQuiverModify extends TableModify implements EnumerableRel {
    EnumerableQuiverModify(
            RelOptCluster cluster,
            RelTraitSet traits,
            RelOptTable table,
            Prepare.CatalogReader catalogReader,
            RelNode input,
            Operation operation,
            List<String> updateColumnList,
            List<RexNode> sourceExpressionList,
            boolean flattened) {
        super(
                cluster,
                traits.replace(EnumerableConvention.INSTANCE),
                table,
                catalogReader,
                input,
                operation,
                updateColumnList,
                sourceExpressionList,
                flattened);
    }

    /** Whether a modification of this table can run here: UPDATE or DELETE of a Quiver table read with addresses. */
    static boolean runs(TableModify modify) {
        QuiverTable table = modify.getTable().unwrap(QuiverTable.class);
        return table != null && table.rowAddresses() && (modify.isUpdate() || modify.isDelete());
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new EnumerableQuiverModify(
                getCluster(),
                traitSet,
                getTable(),
                getCatalogReader(),
                sole(inputs),
                getOperation(),
                getUpdateColumnList(),
                getSourceExpressionList(),
                isFlattened());
    }

    ModifySpec spec() {
        QuiverTable table = getTable().unwrap(QuiverTable.class);
        List<String> names = table.schema().names();
        List<Integer> columns = new ArrayList<>();
        List<Integer> fields = new ArrayList<>();
        if (isUpdate()) {
            for (int i = 0; i < getUpdateColumnList().size(); i++) {
                columns.add(names.indexOf(getUpdateColumnList().get(i)));
                fields.add(((RexInputRef) getSourceExpressionList().get(i)).getIndex());
            }
        }
        return new ModifySpec(table, getOperation(), columns, fields, names.size());
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        BlockBuilder builder = new BlockBuilder();
        Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
        Expression rows = builder.append("rows", input.block);
        Expression arrays = builder.append("arrays", input.physType.convertTo(rows, JavaRowFormat.ARRAY));
        builder.add(Expressions.return_(
                null,
                Expressions.call(
                        ModifyExecutor.class,
                        "run",
                        implementor.getRootExpression(),
                        implementor.stash(spec(), ModifySpec.class),
                        arrays)));
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.SCALAR);
        return implementor.result(physType, builder.toBlock());
    }
}

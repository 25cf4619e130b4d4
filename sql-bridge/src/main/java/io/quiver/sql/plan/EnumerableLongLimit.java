package io.quiver.sql.plan;

import io.quiver.sql.exec.LongLimits;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;

/**
 * OFFSET and FETCH as {@code long}s ({@link LongLimits}), for counts Calcite's EnumerableLimit
 * cannot run (it takes ints only): how {@link LongLimit} runs.
 */
final class EnumerableLongLimit extends SingleRel implements EnumerableRel {
    private final Long offset;
    private final Long fetch;

    EnumerableLongLimit(RelOptCluster cluster, RelTraitSet traits, RelNode input, Long offset, Long fetch) {
        super(cluster, traits.replace(EnumerableConvention.INSTANCE), input);
        this.offset = offset;
        this.fetch = fetch;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new EnumerableLongLimit(getCluster(), traitSet, sole(inputs), offset, fetch);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).itemIf("offset", offset, offset != null).itemIf("fetch", fetch, fetch != null);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        BlockBuilder builder = new BlockBuilder();
        Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), input.format);
        Expression rows = builder.append("child", input.block);
        if (offset != null) {
            rows = builder.append(
                    "offset",
                    Expressions.call(LongLimits.class, "skip", rows, Expressions.constant(offset, long.class)));
        }
        if (fetch != null) {
            rows = builder.append(
                    "fetch", Expressions.call(LongLimits.class, "take", rows, Expressions.constant(fetch, long.class)));
        }
        builder.add(Expressions.return_(null, rows));
        return implementor.result(physType, builder.toBlock());
    }
}

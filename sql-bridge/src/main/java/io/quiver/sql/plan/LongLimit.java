package io.quiver.sql.plan;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * OFFSET and FETCH counts that do not fit an int ({@code LIMIT 9223372036854775807}, a common way
 * to say "all rows"): Calcite's EnumerableLimit takes ints only and failed to implement such a
 * plan (CALCITE-7156). Before planning, {@link #rewrite} turns such a sort into this operator over
 * the sort without its counts, which only {@link #TO_ENUMERABLE} implements, as {@link
 * EnumerableLongLimit}; other sorts are left to Calcite.
 */
final class LongLimit extends SingleRel {
    final Long offset;
    final Long fetch;

    private LongLimit(RelOptCluster cluster, RelTraitSet traits, RelNode input, Long offset, Long fetch) {
        super(cluster, traits, input);
        this.offset = offset;
        this.fetch = fetch;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new LongLimit(getCluster(), traitSet, sole(inputs), offset, fetch);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).itemIf("offset", offset, offset != null).itemIf("fetch", fetch, fetch != null);
    }

    /** The rewrite, one per statement: a shuttle keeps a stack while it walks a plan. */
    static PlanRewrite rewrite() {
        return new PlanRewrite() {
            @Override
            RelNode rewrite(RelNode rel) {
                if (!(rel instanceof LogicalSort sort) || !(beyondInt(sort.offset) || beyondInt(sort.fetch))) {
                    return rel;
                }
                RelNode input = sort.getCollation().getFieldCollations().isEmpty()
                        ? sort.getInput()
                        : LogicalSort.create(sort.getInput(), sort.getCollation(), null, null);
                return new LongLimit(
                        sort.getCluster(),
                        sort.getTraitSet().replace(Convention.NONE),
                        input,
                        count(sort.offset),
                        count(sort.fetch));
            }
        };
    }

    static final RelOptRule TO_ENUMERABLE = ConverterRule.Config.INSTANCE
            .withConversion(LongLimit.class, Convention.NONE, EnumerableConvention.INSTANCE, "QuiverLongLimit")
            .withRuleFactory(ToEnumerable::new)
            .toRule();

    private static boolean beyondInt(RexNode count) {
        return count instanceof RexLiteral l && l.getValueAs(Long.class) > Integer.MAX_VALUE;
    }

    private static Long count(RexNode node) {
        return node == null ? null : ((RexLiteral) node).getValueAs(Long.class);
    }

    private static final class ToEnumerable extends ConverterRule {
        ToEnumerable(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            LongLimit limit = (LongLimit) rel;
            RelNode input = limit.getInput();
            return new EnumerableLongLimit(
                    limit.getCluster(),
                    limit.getTraitSet(),
                    convert(input, input.getTraitSet().replace(EnumerableConvention.INSTANCE)),
                    limit.offset,
                    limit.fetch);
        }
    }
}

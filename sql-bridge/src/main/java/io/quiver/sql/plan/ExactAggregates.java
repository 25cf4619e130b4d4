package io.quiver.sql.plan;

import io.quiver.sql.exec.CheckedSum;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.Optionality;

/**
 * Aggregates that give the right answer for every value their argument type can hold. Calcite
 * adds longs unchecked, so SUM of BIGINT wrapped around past 2^63, and AVG, STDDEV and VARIANCE
 * of BIGINT (which it computes from sums of values and of squares in the argument's type) wrapped
 * much sooner. Before planning, SUM of BIGINT becomes {@link CheckedSum}, which raises SQLSTATE
 * 22003 instead (as Trino does), and the others take their exact-number argument as a DOUBLE,
 * the type of their result (QuiverTypeSystem); in GROUP BY and in windows alike.
 */
final class ExactAggregates extends PlanRewrite {
    static final ExactAggregates INSTANCE = new ExactAggregates();

    private static final Set<SqlKind> STATISTICS =
            Set.of(SqlKind.AVG, SqlKind.STDDEV_POP, SqlKind.STDDEV_SAMP, SqlKind.VAR_POP, SqlKind.VAR_SAMP);

    private static final SqlAggFunction CHECKED_SUM = new SqlUserDefinedAggFunction(
            new SqlIdentifier("sum", SqlParserPos.ZERO),
            SqlKind.OTHER_FUNCTION,
            ReturnTypes.AGG_SUM,
            InferTypes.FIRST_KNOWN,
            null,
            AggregateFunctionImpl.create(CheckedSum.class),
            false,
            false,
            Optionality.FORBIDDEN);

    private ExactAggregates() {}

    /** What an aggregate of this kind over this argument type becomes: itself, a checked sum, or over doubles. */
    private enum Change {
        NONE,
        CHECKED_SUM,
        DOUBLE_ARGUMENT;

        static Change of(SqlKind kind, RelDataType argument) {
            SqlTypeName type = argument.getSqlTypeName();
            if (kind == SqlKind.SUM && type == SqlTypeName.BIGINT) {
                return CHECKED_SUM;
            }
            boolean exact = SqlTypeName.INT_TYPES.contains(type) || type == SqlTypeName.DECIMAL;
            return STATISTICS.contains(kind) && exact ? DOUBLE_ARGUMENT : NONE;
        }
    }

    @Override
    RelNode rewrite(RelNode rel) {
        if (!(rel instanceof LogicalAggregate aggregate)) {
            return rel;
        }
        RelNode input = aggregate.getInput();
        List<Change> changes = aggregate.getAggCallList().stream()
                .map(c -> c.getArgList().size() != 1
                        ? Change.NONE
                        : Change.of(
                                c.getAggregation().getKind(),
                                input.getRowType()
                                        .getFieldList()
                                        .get(c.getArgList().getFirst())
                                        .getType()))
                .toList();
        if (changes.stream().allMatch(c -> c == Change.NONE)) {
            return rel;
        }
        RexBuilder rex = aggregate.getCluster().getRexBuilder();
        RelBuilder builder = RelBuilder.proto(org.apache.calcite.plan.Contexts.empty())
                .create(aggregate.getCluster(), null)
                .push(input);
        List<RexNode> projects = new ArrayList<>(builder.fields());
        List<AggregateCall> calls = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            AggregateCall c = aggregate.getAggCallList().get(i);
            int argument = c.getArgList().isEmpty() ? -1 : c.getArgList().getFirst();
            switch (changes.get(i)) {
                case NONE -> calls.add(c);
                case CHECKED_SUM -> calls.add(copy(c, CHECKED_SUM, argument, aggregate));
                case DOUBLE_ARGUMENT -> {
                    projects.add(asDouble(rex, builder.field(argument)));
                    calls.add(copy(c, c.getAggregation(), projects.size() - 1, aggregate));
                }
            }
        }
        RelNode widened = builder.project(projects).build();
        return aggregate.copy(
                aggregate.getTraitSet(), widened, aggregate.getGroupSet(), aggregate.getGroupSets(), calls);
    }

    @Override
    RexNode rewrite(RexBuilder rex, RexOver over) {
        if (over.getOperands().size() != 1) {
            return over;
        }
        RexNode argument = over.getOperands().getFirst();
        Change change = Change.of(over.getAggOperator().getKind(), argument.getType());
        if (change == Change.NONE) {
            return over;
        }
        var window = over.getWindow();
        return rex.makeOver(
                over.getType(),
                change == Change.CHECKED_SUM ? CHECKED_SUM : over.getAggOperator(),
                List.of(change == Change.CHECKED_SUM ? argument : asDouble(rex, argument)),
                window.partitionKeys,
                window.orderKeys,
                window.getLowerBound(),
                window.getUpperBound(),
                window.getExclude(),
                window.isRows(),
                true,
                false,
                over.isDistinct(),
                over.ignoreNulls());
    }

    private static RexNode asDouble(RexBuilder rex, RexNode value) {
        var types = rex.getTypeFactory();
        return rex.makeCast(
                types.createTypeWithNullability(
                        types.createSqlType(SqlTypeName.DOUBLE), value.getType().isNullable()),
                value);
    }

    /** The call with another function or argument, and the same result type. */
    private static AggregateCall copy(
            AggregateCall c, SqlAggFunction function, int argument, LogicalAggregate aggregate) {
        return AggregateCall.create(
                c.getParserPosition(),
                function,
                c.isDistinct(),
                c.isApproximate(),
                c.ignoreNulls(),
                c.rexList,
                List.of(argument),
                c.filterArg,
                c.distinctKeys,
                c.collation,
                aggregate.hasEmptyGroup(),
                aggregate.getInput(),
                c.getType(),
                c.getName());
    }
}

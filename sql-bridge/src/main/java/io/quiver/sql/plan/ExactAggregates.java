package io.quiver.sql.plan;

import io.quiver.sql.exec.CheckedSum;
import io.quiver.sql.exec.FloatAggregates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.Optionality;

/**
 * Aggregates that give the right answer for every value their argument type can hold, whatever
 * order the rows come in. Calcite adds longs unchecked (SUM of BIGINT wrapped past 2^63), adds
 * doubles one after another (a large value and its negative swallowed the small ones between
 * them) and computes AVG, STDDEV and VARIANCE from sums of values and of squares (which wrapped for
 * BIGINT and overflowed to NaN near DOUBLE's limit). Before planning, SUM of BIGINT becomes {@link
 * CheckedSum}, exact and raising SQLSTATE 22003 only when the total does not fit (as Trino does);
 * AVG of exact numbers the exact mean; and SUM of floats, AVG, STDDEV and VARIANCE the
 * order-independent {@link FloatAggregates} over their argument as a DOUBLE;
 * in GROUP BY and in windows alike. Result types stay those of QuiverTypeSystem.
 */
final class ExactAggregates extends PlanRewrite {
    private static final SqlAggFunction CHECKED_SUM = function("sum", SqlStdOperatorTable.SUM, CheckedSum.class);

    /** The order-independent replacement of each aggregate of floats. */
    private static final Map<SqlKind, SqlAggFunction> FLOAT_FUNCTIONS = Map.of(
            SqlKind.SUM, function("sum", SqlStdOperatorTable.SUM, FloatAggregates.Sum.class),
            SqlKind.AVG, function("avg", SqlStdOperatorTable.AVG, FloatAggregates.Avg.class),
            SqlKind.VAR_POP, function("var_pop", SqlStdOperatorTable.VAR_POP, FloatAggregates.VarPop.class),
            SqlKind.VAR_SAMP, function("var_samp", SqlStdOperatorTable.VAR_SAMP, FloatAggregates.VarSamp.class),
            SqlKind.STDDEV_POP, function("stddev_pop", SqlStdOperatorTable.STDDEV_POP, FloatAggregates.StddevPop.class),
            SqlKind.STDDEV_SAMP,
                    function("stddev_samp", SqlStdOperatorTable.STDDEV_SAMP, FloatAggregates.StddevSamp.class));

    private static final SqlAggFunction EXACT_AVG =
            function("avg", SqlStdOperatorTable.AVG, FloatAggregates.ExactAvg.class);

    /** One per plan: a shuttle keeps the path to the operator it visits, so it is not shared. */
    ExactAggregates() {}

    /** A user-defined aggregate typed as {@code standard} is. */
    private static SqlAggFunction function(String name, SqlAggFunction standard, Class<?> implementation) {
        return new SqlUserDefinedAggFunction(
                new SqlIdentifier(name, SqlParserPos.ZERO),
                SqlKind.OTHER_FUNCTION,
                standard.getReturnTypeInference(),
                InferTypes.FIRST_KNOWN,
                null,
                AggregateFunctionImpl.create(implementation),
                false,
                false,
                Optionality.FORBIDDEN);
    }

    /** The function an aggregate of this kind over this argument type becomes, or null: itself. */
    private static SqlAggFunction replacement(SqlKind kind, RelDataType argument) {
        SqlTypeName type = argument.getSqlTypeName();
        if (kind == SqlKind.SUM && type == SqlTypeName.BIGINT) {
            return CHECKED_SUM;
        }
        boolean exact = SqlTypeName.INT_TYPES.contains(type) || type == SqlTypeName.DECIMAL;
        boolean approximate = SqlTypeName.APPROX_TYPES.contains(type);
        if (kind == SqlKind.SUM) {
            return approximate ? FLOAT_FUNCTIONS.get(kind) : null;
        }
        if (kind == SqlKind.AVG && exact) {
            return EXACT_AVG;
        }
        return exact || approximate ? FLOAT_FUNCTIONS.get(kind) : null;
    }

    @Override
    RelNode rewrite(RelNode rel) {
        if (!(rel instanceof LogicalAggregate aggregate)) {
            return rel;
        }
        RelNode input = aggregate.getInput();
        List<SqlAggFunction> replacements = aggregate.getAggCallList().stream()
                .map(c -> c.getArgList().size() != 1
                        ? null
                        : replacement(
                                c.getAggregation().getKind(),
                                input.getRowType()
                                        .getFieldList()
                                        .get(c.getArgList().getFirst())
                                        .getType()))
                .toList();
        if (replacements.stream().allMatch(Objects::isNull)) {
            return rel;
        }
        RexBuilder rex = aggregate.getCluster().getRexBuilder();
        RelBuilder builder = RelBuilder.proto(org.apache.calcite.plan.Contexts.empty())
                .create(aggregate.getCluster(), null)
                .push(input);
        List<RexNode> projects = new ArrayList<>(builder.fields());
        List<AggregateCall> calls = new ArrayList<>();
        for (int i = 0; i < replacements.size(); i++) {
            AggregateCall c = aggregate.getAggCallList().get(i);
            SqlAggFunction function = replacements.get(i);
            if (function == null) {
                calls.add(c);
            } else if (function == CHECKED_SUM) {
                calls.add(copy(c, function, c.getArgList().getFirst(), aggregate));
            } else {
                projects.add(
                        argument(rex, function, builder.field(c.getArgList().getFirst())));
                calls.add(copy(c, function, projects.size() - 1, aggregate));
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
        SqlAggFunction function = replacement(over.getAggOperator().getKind(), argument.getType());
        if (function == null) {
            return over;
        }
        return over(
                rex,
                over,
                over.getType(),
                function,
                List.of(function == CHECKED_SUM ? argument : argument(rex, function, argument)),
                over.getWindow().orderKeys);
    }

    /** The argument as the replacement takes it: a DECIMAL for the exact mean, else a DOUBLE. */
    private static RexNode argument(RexBuilder rex, SqlAggFunction function, RexNode value) {
        if (function != EXACT_AVG) {
            return asDouble(rex, value);
        }
        if (value.getType().getSqlTypeName() == SqlTypeName.DECIMAL) {
            return value;
        }
        var types = rex.getTypeFactory();
        return rex.makeCast(
                types.createTypeWithNullability(
                        types.createSqlType(SqlTypeName.DECIMAL, 19, 0),
                        value.getType().isNullable()),
                value);
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

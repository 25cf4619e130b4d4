package io.quiver.sql.plan;

import com.google.common.collect.ImmutableList;
import io.quiver.sql.exec.MicrosTimestamps;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.TimestampString;

/**
 * Before Calcite optimizes a query, every operation of its own that reads a TIMESTAMP's number
 * as milliseconds becomes the {@link TimestampCalls} one on microseconds: constants (also in
 * VALUES rows and in the ranges of a SEARCH), CURRENT_TIMESTAMP and LOCALTIMESTAMP, EXTRACT,
 * FLOOR and CEIL, interval arithmetic and the difference of two timestamps. What SQL wrote is
 * converted by {@link TimestampConvertlets} already; this catches the calls Calcite makes itself
 * while converting (TIMESTAMPADD of a custom unit, the casts it adds). Casts are {@link
 * StandardCasts}'. Whatever is left is for {@link TimestampSafety} to refuse.
 */
final class TimestampRewrite extends PlanRewrite {
    /** One per plan: a shuttle keeps the path to the operator it visits, so it is not shared. */
    TimestampRewrite() {}

    @Override
    RexNode rewrite(RexBuilder rex, RexLiteral literal) {
        // (A SEARCH's ranges are a literal of the searched type too: search() expands them.)
        return TimestampCalls.isMicros(literal.getType())
                        && !literal.isNull()
                        && literal.getTypeName() != SqlTypeName.SARG
                ? TimestampCalls.literal(rex, literal)
                : literal;
    }

    @Override
    RexNode rewrite(RexBuilder rex, RexCall call) {
        List<RexNode> operands = call.getOperands();
        if (call.getOperator() == SqlStdOperatorTable.CURRENT_TIMESTAMP
                || call.getOperator() == SqlStdOperatorTable.LOCALTIMESTAMP) {
            return clock(rex, call);
        }
        return switch (call.getKind()) {
            case SEARCH -> TimestampCalls.isMicros(operands.getFirst().getType()) ? search(rex, call) : call;
            case EXTRACT ->
                TimestampCalls.isMicros(operands.get(1).getType()) && unit(operands.getFirst()) != null
                        ? TimestampCalls.extract(rex, unit(operands.getFirst()), operands.get(1), call.getType())
                        : call;
            case FLOOR, CEIL ->
                operands.size() == 2
                                && TimestampCalls.isMicros(operands.getFirst().getType())
                                && unit(operands.get(1)) != null
                        ? TimestampCalls.floorOrCeil(
                                rex,
                                call.getKind() == SqlKind.FLOOR,
                                unit(operands.get(1)),
                                operands.getFirst(),
                                call.getType())
                        : call;
            case PLUS, MINUS -> arithmetic(rex, call);
            default -> call;
        };
    }

    /** The time unit a flag operand names (EXTRACT(YEAR ...), FLOOR(... TO DAY)), or null for another operand. */
    private static TimeUnitRange unit(RexNode node) {
        return node instanceof RexLiteral l && l.getValue() instanceof TimeUnitRange unit ? unit : null;
    }

    /** timestamp +/- interval, interval + timestamp, and the interval between two timestamps. */
    private static RexNode arithmetic(RexBuilder rex, RexCall call) {
        if (call.getOperands().size() != 2) {
            return call;
        }
        RexNode left = call.getOperands().get(0);
        RexNode right = call.getOperands().get(1);
        boolean subtract = call.getKind() == SqlKind.MINUS;
        if (TimestampCalls.isMicros(call.getType())) {
            if (TimestampCalls.isMicros(left.getType()) && SqlTypeUtil.isInterval(right.getType())) {
                return TimestampCalls.plusInterval(rex, left, right, subtract, call.getType());
            }
            if (!subtract && SqlTypeUtil.isInterval(left.getType()) && TimestampCalls.isMicros(right.getType())) {
                return TimestampCalls.plusInterval(rex, right, left, false, call.getType());
            }
            return call;
        }
        boolean datetimes = isDatetime(left.getType()) && isDatetime(right.getType());
        boolean anyMicros = TimestampCalls.isMicros(left.getType()) || TimestampCalls.isMicros(right.getType());
        return subtract && datetimes && anyMicros && SqlTypeUtil.isInterval(call.getType())
                ? TimestampCalls.between(rex, left, right, call.getType())
                : call;
    }

    private static boolean isDatetime(RelDataType type) {
        return TimestampCalls.isMicros(type) || type.getSqlTypeName() == SqlTypeName.DATE;
    }

    /** CURRENT_TIMESTAMP and LOCALTIMESTAMP: Calcite's milliseconds (the same all statement long) as microseconds. */
    private static RexNode clock(RexBuilder rex, RexCall call) {
        RelDataTypeFactory types = rex.getTypeFactory();
        RexNode millis = rex.makeCall(types.createSqlType(SqlTypeName.BIGINT), call.getOperator(), call.getOperands());
        RexNode micros = TimestampCalls.call(rex, call.getType(), TimestampCalls.FROM_MILLIS, millis);
        if (call.getOperands().isEmpty()) {
            return micros; // the clock's precision: CURRENT_TIMESTAMP(p) rounds, as in PostgreSQL
        }
        RexNode precision = rex.makeExactLiteral(
                BigDecimal.valueOf(TimestampCalls.precision(call.getType())), types.createSqlType(SqlTypeName.INTEGER));
        return TimestampCalls.call(rex, call.getType(), TimestampCalls.ROUND, micros, precision);
    }

    /** A SEARCH of a TIMESTAMP (ts IN (...), ranges): its comparisons, each constant in microseconds. */
    private RexNode search(RexBuilder rex, RexCall call) {
        return RexUtil.expandSearch(rex, null, call).accept(new RexShuttle() {
            @Override
            public RexNode visitLiteral(RexLiteral literal) {
                return TimestampRewrite.this.rewrite(rex, literal);
            }
        });
    }

    /** VALUES rows with TIMESTAMP constants: the rows hold their microseconds as BIGINT, a projection makes them TIMESTAMPs. */
    @Override
    RelNode rewrite(RelNode rel) {
        if (!(rel instanceof LogicalValues values)) {
            return rel;
        }
        List<RelDataTypeField> fields = values.getRowType().getFieldList();
        if (values.getTuples().isEmpty() || fields.stream().noneMatch(f -> TimestampCalls.isMicros(f.getType()))) {
            return rel;
        }
        RexBuilder rex = values.getCluster().getRexBuilder();
        RelDataTypeFactory types = rex.getTypeFactory();
        RelDataTypeFactory.Builder numbers = types.builder();
        for (RelDataTypeField f : fields) {
            numbers.add(
                    f.getName(),
                    TimestampCalls.isMicros(f.getType())
                            ? types.createTypeWithNullability(
                                    types.createSqlType(SqlTypeName.BIGINT),
                                    f.getType().isNullable())
                            : f.getType());
        }
        RelDataType numberRow = numbers.build();
        List<List<RexLiteral>> tuples = new ArrayList<>();
        for (List<RexLiteral> tuple : values.getTuples()) {
            List<RexLiteral> row = new ArrayList<>();
            for (int i = 0; i < tuple.size(); i++) {
                RexLiteral value = tuple.get(i);
                RelDataType type = fields.get(i).getType();
                if (!TimestampCalls.isMicros(type)) {
                    row.add(value);
                } else if (value.isNull()) {
                    row.add(rex.makeNullLiteral(numberRow.getFieldList().get(i).getType()));
                } else {
                    long micros = TimestampCalls.micros(value.getValueAs(TimestampString.class));
                    long rounded = MicrosTimestamps.round(micros, TimestampCalls.precision(type));
                    row.add(rex.makeExactLiteral(
                            BigDecimal.valueOf(rounded),
                            numberRow.getFieldList().get(i).getType()));
                }
            }
            tuples.add(row);
        }
        RelNode numbered = LogicalValues.create(values.getCluster(), numberRow, toImmutable(tuples));
        List<RexNode> projects = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            RexNode field = rex.makeInputRef(numbered, i);
            RelDataType type = fields.get(i).getType();
            projects.add(
                    TimestampCalls.isMicros(type)
                            ? rex.makeCall(type, TimestampCalls.TIMESTAMP, List.of(field))
                            : field);
        }
        return LogicalProject.create(
                numbered, List.of(), projects, values.getRowType().getFieldNames(), Set.of());
    }

    private static ImmutableList<ImmutableList<RexLiteral>> toImmutable(List<List<RexLiteral>> tuples) {
        return tuples.stream().map(ImmutableList::copyOf).collect(ImmutableList.toImmutableList());
    }
}

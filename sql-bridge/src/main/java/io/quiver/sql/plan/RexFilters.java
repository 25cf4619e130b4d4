package io.quiver.sql.plan;

import io.quiver.engine.expr.Expr;
import io.quiver.engine.schema.Column;
import io.quiver.format.proto.TypeId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

/**
 * Translates Calcite row expressions into engine filters: comparisons of a column with a constant
 * or parameter, IN, IS [NOT] NULL, LIKE, and AND / OR / NOT of those. Anything else (functions,
 * column-to-column comparisons, casts that change values) returns null and stays with Calcite,
 * which keeps the query correct.
 */
public final class RexFilters {
    private final RexBuilder rexBuilder;
    private final List<Column> inputs;

    /** {@code inputs}: the column each input field of the filtered scan reads. */
    RexFilters(RexBuilder rexBuilder, List<Column> inputs) {
        this.rexBuilder = rexBuilder;
        this.inputs = inputs;
    }

    /** The engine filter for a condition over {@code columns} (one per input field), or null. */
    public static PushedFilter translate(RexBuilder rexBuilder, List<Column> columns, RexNode condition) {
        return new RexFilters(rexBuilder, columns).translate(condition);
    }

    PushedFilter translate(RexNode node) {
        return switch (node.getKind()) {
            case AND -> all(((RexCall) node).getOperands(), true);
            case OR -> all(((RexCall) node).getOperands(), false);
            case NOT -> {
                PushedFilter child = translate(((RexCall) node).getOperands().getFirst());
                yield child == null ? null : new PushedFilter.Not(child);
            }
            case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL ->
                compare((RexCall) node);
            case IS_NULL, IS_NOT_NULL -> {
                Column c = column(((RexCall) node).getOperands().getFirst());
                if (c == null) {
                    yield null;
                }
                PushedFilter isNull = new PushedFilter.IsNull(c.name());
                yield node.getKind() == SqlKind.IS_NULL ? isNull : new PushedFilter.Not(isNull);
            }
            case LIKE -> like((RexCall) node);
            case SEARCH -> translate(RexUtil.expandSearch(rexBuilder, null, node));
            case INPUT_REF -> {
                Column c = column(node);
                yield c != null && c.type().id() == TypeId.BOOL
                        ? new PushedFilter.Compare(c.name(), Expr.Op.EQ, new Operand.Literal(true))
                        : null;
            }
            default -> null;
        };
    }

    private PushedFilter all(List<RexNode> operands, boolean and) {
        List<PushedFilter> children = new ArrayList<>();
        for (RexNode operand : operands) {
            PushedFilter child = translate(operand);
            if (child == null) {
                return null;
            }
            children.add(child);
        }
        return and ? new PushedFilter.And(children) : new PushedFilter.Or(children);
    }

    private PushedFilter compare(RexCall call) {
        List<RexNode> strings = CodePointOrder.comparedStrings(rexBuilder, call);
        List<RexNode> operands = strings != null ? strings : call.getOperands();
        RexNode left = operands.get(0);
        RexNode right = operands.get(1);
        Expr.Op op = op(call.getKind());
        Column column = column(left);
        RexNode valueNode = right;
        if (column == null) {
            column = column(right);
            valueNode = left;
            op = flip(op);
        }
        if (column == null
                || column.type().statsDomain() == io.quiver.engine.schema.StatsDomain.NONE
                        && column.type().id() != TypeId.BINARY) {
            return null;
        }
        Operand value = operand(column, valueNode);
        if (value instanceof Operand.Param && !EngineValues.takesAnyTimestamp(column)) {
            return null; // a column coarser than microseconds equals only some of a parameter's values
        }
        return value == null ? null : new PushedFilter.Compare(column.name(), op, value);
    }

    private PushedFilter like(RexCall call) {
        List<RexNode> operands = call.getOperands();
        Column column = column(operands.get(0));
        if (column == null || column.type().id() != TypeId.UTF8) {
            return null;
        }
        Operand pattern = operand(column, operands.get(1));
        Character escape = null;
        if (operands.size() > 2) {
            if (!(operands.get(2) instanceof RexLiteral l)
                    || l.getValueAs(String.class).length() != 1) {
                return null;
            }
            escape = l.getValueAs(String.class).charAt(0);
        }
        return pattern == null ? null : new PushedFilter.Like(column.name(), pattern, escape);
    }

    /** The column an expression reads unchanged (through casts that keep every value), or null. */
    private Column column(RexNode node) {
        RexNode bare = node;
        while (bare.getKind() == SqlKind.CAST) {
            RexCall cast = (RexCall) bare;
            RexNode inner = cast.getOperands().getFirst();
            if (!losslessCast(inner.getType().getSqlTypeName(), cast.getType().getSqlTypeName())) {
                return null;
            }
            bare = inner;
        }
        // Fields past the columns (a row address) are no column the engine filters on.
        return bare instanceof RexInputRef ref && ref.getIndex() < inputs.size() ? inputs.get(ref.getIndex()) : null;
    }

    private static boolean losslessCast(SqlTypeName from, SqlTypeName to) {
        if (from == to) {
            return true;
        }
        boolean intFrom = SqlTypeName.INT_TYPES.contains(from);
        return intFrom && (SqlTypeName.INT_TYPES.contains(to) || to == SqlTypeName.DECIMAL || to == SqlTypeName.DOUBLE)
                || from == SqlTypeName.REAL && to == SqlTypeName.DOUBLE
                || SqlTypeFamily.CHARACTER.getTypeNames().contains(from)
                        && SqlTypeFamily.CHARACTER.getTypeNames().contains(to);
    }

    /** A constant or parameter to compare {@code column} with, converted to the engine's form. */
    private static Operand operand(Column column, RexNode node) {
        RexNode bare = node;
        RelDataType castTo = null;
        if (bare.getKind() == SqlKind.CAST) {
            castTo = bare.getType();
            bare = ((RexCall) bare).getOperands().getFirst();
        }
        if (bare instanceof RexDynamicParam p) {
            return bare == node || castTo.getSqlTypeName() != SqlTypeName.REAL ? new Operand.Param(p.getIndex()) : null;
        }
        Long micros = TimestampCalls.constantMicros(bare);
        if (micros != null) {
            // A TIMESTAMP constant (timestamp(n), n microseconds), bare or cast to a TIMESTAMP of as many digits.
            boolean kept = castTo == null || !TimestampCalls.rewritesCast(bare.getType(), castTo);
            Object value = kept ? EngineValues.forColumn(column, micros) : null;
            return value == null ? null : new Operand.Literal(value);
        }
        if (!(bare instanceof RexLiteral literal) || literal.isNull()) {
            return null;
        }
        Object raw = castTo == null ? javaValue(literal) : cast(javaValue(literal), castTo);
        Object value = raw == null ? null : EngineValues.forColumn(column, raw);
        return value == null ? null : new Operand.Literal(value);
    }

    /**
     * A constant's value after the cast Calcite put around it (CAST(-3.4028235E38 AS REAL) is the
     * float nearest that number, CAST(1.5 AS INTEGER) is 2), or null when this class does not know
     * what the cast makes of it; then Calcite evaluates the comparison.
     */
    private static Object cast(Object value, RelDataType type) {
        SqlTypeName to = type.getSqlTypeName();
        if (SqlTypeFamily.CHARACTER.getTypeNames().contains(to) && value instanceof String) {
            return value;
        }
        if (!(value instanceof Number n)) {
            return null;
        }
        return switch (to) {
            case REAL, FLOAT -> (double) n.floatValue();
            case DOUBLE -> n.doubleValue();
            case TINYINT, SMALLINT, INTEGER, BIGINT ->
                n instanceof BigDecimal d ? d.setScale(0, java.math.RoundingMode.HALF_UP) : null;
            case DECIMAL ->
                n instanceof BigDecimal d && type.getScale() >= 0
                        ? d.setScale(type.getScale(), java.math.RoundingMode.HALF_UP)
                        : null;
            default -> null;
        };
    }

    static Object javaValue(RexLiteral literal) {
        SqlTypeName type = literal.getTypeName();
        return switch (type.getFamily()) {
            // A REAL constant is the float nearest its digits, as the column's values are floats.
            case NUMERIC ->
                switch (literal.getType().getSqlTypeName()) {
                    case REAL -> (double) literal.getValueAs(Double.class).floatValue();
                    case FLOAT, DOUBLE -> literal.getValueAs(Double.class);
                    default -> literal.getValueAs(BigDecimal.class);
                };
            case CHARACTER -> literal.getValueAs(String.class);
            case BOOLEAN -> literal.getValueAs(Boolean.class);
            case BINARY -> literal.getValueAs(ByteString.class);
            case DATE -> literal.getValueAs(DateString.class).getDaysSinceEpoch();
            case TIMESTAMP -> TimestampCalls.micros(literal.getValueAs(TimestampString.class));
            default -> null;
        };
    }

    private static Expr.Op op(SqlKind kind) {
        return switch (kind) {
            case EQUALS -> Expr.Op.EQ;
            case NOT_EQUALS -> Expr.Op.NE;
            case LESS_THAN -> Expr.Op.LT;
            case LESS_THAN_OR_EQUAL -> Expr.Op.LE;
            case GREATER_THAN -> Expr.Op.GT;
            default -> Expr.Op.GE;
        };
    }

    private static Expr.Op flip(Expr.Op op) {
        return switch (op) {
            case LT -> Expr.Op.GT;
            case LE -> Expr.Op.GE;
            case GT -> Expr.Op.LT;
            case GE -> Expr.Op.LE;
            default -> op;
        };
    }
}

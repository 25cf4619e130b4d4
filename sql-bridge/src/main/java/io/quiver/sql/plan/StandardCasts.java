package io.quiver.sql.plan;

import io.quiver.sql.exec.StandardCastValues;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Casts and float arithmetic with PostgreSQL's answers where Calcite's code generator gives
 * others ({@link StandardCastValues}): a float cast to an integer rounds (ties to even) instead of
 * truncating; float arithmetic that overflows, and a float division by zero, raise instead of
 * giving Infinity or NaN; a DOUBLE past REAL's range cast to REAL raises; a decimal cast to a
 * string keeps its leading zero; a cast to VARCHAR(n) keeps n characters, never half of one; ABS
 * of an integer type's most negative value raises; casts from and to TIMESTAMP are {@link
 * TimestampCalls}' (Calcite reads a timestamp's number as milliseconds, Quiver's are microseconds).
 */
final class StandardCasts extends PlanRewrite {
    private static final SqlOperator RINT = RuntimeFunctions.of(StandardCastValues.class, "rint", 1);
    private static final SqlOperator FINITE = RuntimeFunctions.of(StandardCastValues.class, "finite", 4);
    private static final SqlOperator TO_REAL = RuntimeFunctions.of(StandardCastValues.class, "toReal", 1);
    private static final SqlOperator DECIMAL_TEXT = RuntimeFunctions.of(StandardCastValues.class, "decimalText", 1);
    static final SqlOperator TRUNCATE = RuntimeFunctions.of(StandardCastValues.class, "truncate", 2);

    private static final SqlOperator ABS_EXACT = RuntimeFunctions.of(StandardCastValues.class, "absExact", 1);

    /** One per plan: a shuttle keeps the path to the operator it visits, so it is not shared. */
    StandardCasts() {}

    @Override
    RexNode rewrite(RexBuilder rex, RexCall call) {
        if (call.getOperator() == SqlStdOperatorTable.ABS
                && SqlTypeName.INT_TYPES.contains(call.getType().getSqlTypeName())) {
            return abs(rex, call);
        }
        return switch (call.getKind()) {
            case CAST -> cast(rex, call);
            case PLUS, MINUS, TIMES, DIVIDE, CHECKED_PLUS, CHECKED_MINUS, CHECKED_TIMES, CHECKED_DIVIDE ->
                floatArithmetic(rex, call);
            default -> call;
        };
    }

    private static RexNode cast(RexBuilder rex, RexCall cast) {
        if (cast.getOperands().size() != 1) {
            return cast; // CAST(... FORMAT ...): TimestampSafety refuses it on a TIMESTAMP
        }
        RexNode value = cast.getOperands().getFirst();
        RexNode rewritten =
                rewritesCast(value.getType(), cast.getType()) ? rewriteCast(rex, value, cast.getType()) : null;
        return rewritten == null ? cast : rewritten;
    }

    /** Whether a cast from {@code from} to {@code to} is one Calcite's code gets wrong (see the class). */
    static boolean rewritesCast(RelDataType from, RelDataType to) {
        SqlTypeName source = from.getSqlTypeName();
        boolean toText = to.getSqlTypeName() == SqlTypeName.VARCHAR;
        return roundsToInteger(from, to)
                || TimestampCalls.rewritesCast(from, to)
                || source == SqlTypeName.DOUBLE && to.getSqlTypeName() == SqlTypeName.REAL
                || toText && source == SqlTypeName.DECIMAL
                || toText
                        && SqlTypeFamily.CHARACTER.contains(from)
                        && to.getPrecision() != RelDataType.PRECISION_NOT_SPECIFIED
                        && (from.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
                                || from.getPrecision() > to.getPrecision());
    }

    /**
     * {@code CAST(value AS to)} as PostgreSQL does it, for a cast {@link #rewritesCast} takes; null
     * for a cast from or to TIMESTAMP that has no such form (TimestampSafety refuses Calcite's).
     */
    static RexNode rewriteCast(RexBuilder rex, RexNode value, RelDataType to) {
        SqlTypeName source = value.getType().getSqlTypeName();
        if (TimestampCalls.rewritesCast(value.getType(), to)) {
            return TimestampCalls.cast(rex, value, to);
        }
        if (roundsToInteger(value.getType(), to)) {
            return roundToInteger(rex, value, to);
        }
        if (source == SqlTypeName.DOUBLE && to.getSqlTypeName() == SqlTypeName.REAL) {
            return rex.makeCall(to, TO_REAL, List.of(value));
        }
        if (source == SqlTypeName.DECIMAL) {
            return rex.makeCall(to, DECIMAL_TEXT, List.of(value));
        }
        return rex.makeCall(
                to, TRUNCATE, List.of(value, rex.makeExactLiteral(java.math.BigDecimal.valueOf(to.getPrecision()))));
    }

    /** ABS computed as a BIGINT and cast back, so ABS of a type's most negative value raises. */
    private static RexNode abs(RexBuilder rex, RexCall call) {
        RelDataTypeFactory types = rex.getTypeFactory();
        RelDataType bigint = types.createTypeWithNullability(
                types.createSqlType(SqlTypeName.BIGINT), call.getType().isNullable());
        RexNode value = rex.makeCast(bigint, call.getOperands().getFirst());
        return rex.makeCast(call.getType(), rex.makeCall(bigint, ABS_EXACT, List.of(value)));
    }

    /** Whether a cast from {@code from} to {@code to} takes a float to an integer. */
    static boolean roundsToInteger(RelDataType from, RelDataType to) {
        return SqlTypeName.APPROX_TYPES.contains(from.getSqlTypeName())
                && SqlTypeName.INT_TYPES.contains(to.getSqlTypeName());
    }

    /** {@code CAST(value AS to)} of a float, rounded to the nearest whole number first (ties to even). */
    static RexNode roundToInteger(RexBuilder rex, RexNode value, RelDataType to) {
        RexNode rounded =
                rex.makeCall(doubleType(rex.getTypeFactory(), value.getType()), RINT, List.of(asDouble(rex, value)));
        return rex.makeCast(to, rounded);
    }

    private static RexNode floatArithmetic(RexBuilder rex, RexCall call) {
        if (!SqlTypeName.APPROX_TYPES.contains(call.getType().getSqlTypeName())
                || call.getOperands().size() != 2) {
            return call;
        }
        RelDataTypeFactory types = rex.getTypeFactory();
        RexNode left = asDouble(rex, call.getOperands().get(0));
        RexNode right = asDouble(rex, call.getOperands().get(1));
        boolean division = call.getKind() == SqlKind.DIVIDE || call.getKind() == SqlKind.CHECKED_DIVIDE;
        RexNode checked = rex.makeCall(
                doubleType(types, call.getType()),
                FINITE,
                List.of(asDouble(rex, call), left, right, rex.makeLiteral(division)));
        return call.getType().getSqlTypeName() == SqlTypeName.DOUBLE
                ? checked
                : rex.makeCall(call.getType(), TO_REAL, List.of(checked));
    }

    private static RelDataType doubleType(RelDataTypeFactory types, RelDataType like) {
        return types.createTypeWithNullability(types.createSqlType(SqlTypeName.DOUBLE), like.isNullable());
    }

    private static RexNode asDouble(RexBuilder rex, RexNode value) {
        return value.getType().getSqlTypeName() == SqlTypeName.DOUBLE
                ? value
                : rex.makeCast(doubleType(rex.getTypeFactory(), value.getType()), value);
    }
}

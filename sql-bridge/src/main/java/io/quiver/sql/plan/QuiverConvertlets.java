package io.quiver.sql.plan;

import static java.util.Objects.requireNonNull;

import io.quiver.sql.exec.BinaryStrings;
import io.quiver.sql.exec.CodePointStrings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Calcite's conversion of SQL calls into row expressions, as Quiver's semantics need it before
 * Calcite simplifies anything: casts as {@link StandardCasts} makes them (Calcite folded {@code
 * CAST(3.5E0 AS INTEGER)} to 3 and a timestamp constant to text without its fraction), and the
 * character-counting string
 * functions (CHAR_LENGTH, CHARACTER_LENGTH, SUBSTRING, POSITION, OVERLAY on strings) turned into
 * calls of {@link CodePointStrings}, which count code points, and SUBSTRING and OVERLAY of a
 * binary string into calls of {@link BinaryStrings}. The validated types stay as Calcite derived them;
 * everything else converts as before. Range comparisons of
 * strings compare their UTF-8 bytes ({@link #compareBytes}). TIMESTAMP arithmetic that needs the
 * SQL text is {@link TimestampConvertlets}'.
 */
final class QuiverConvertlets implements SqlRexConvertletTable {
    static final QuiverConvertlets INSTANCE = new QuiverConvertlets();

    private static final Map<SqlOperator, String> METHODS = Map.of(
            SqlStdOperatorTable.CHAR_LENGTH, "charLength",
            SqlStdOperatorTable.CHARACTER_LENGTH, "charLength",
            SqlStdOperatorTable.SUBSTRING, "substring",
            SqlStdOperatorTable.POSITION, "position",
            SqlStdOperatorTable.OVERLAY, "overlay");

    private QuiverConvertlets() {}

    private static final Set<SqlKind> RANGE_COMPARISONS = EnumSet.of(
            SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL);

    @Override
    public SqlRexConvertlet get(SqlCall call) {
        String method = METHODS.get(call.getOperator());
        SqlRexConvertlet standard = StandardConvertletTable.INSTANCE.get(call);
        SqlRexConvertlet timestamps = TimestampConvertlets.get(call, standard);
        if (timestamps != null) {
            return timestamps;
        }
        if (call.getKind() == SqlKind.CAST && call.operandCount() == 2) {
            return (cx, c) -> {
                // Calcite makes calls of its own while converting (AVG OVER becomes a CAST of
                // SUM / COUNT); the validator never saw those, and they convert as before.
                RelDataType from = cx.getValidator().getValidatedNodeTypeIfKnown(c.operand(0));
                RelDataType to = cx.getValidator().getValidatedNodeTypeIfKnown(c);
                if (from == null || to == null || !StandardCasts.rewritesCast(from, to)) {
                    return standard.convertCall(cx, c);
                }
                RexNode value = cx.convertExpression(c.operand(0));
                RexNode rewritten = StandardCasts.rewriteCast(cx.getRexBuilder(), value, to);
                // A TIMESTAMP cast with no rewrite stays Calcite's, for TimestampSafety to refuse.
                return rewritten != null ? rewritten : cx.getRexBuilder().makeCast(to, value);
            };
        }
        if (call.getKind() == SqlKind.EXTRACT && extractsDayOfWeek(call)) {
            // Calcite counts Sunday as 1 (ODBC); PostgreSQL, DuckDB and Trino's DOW count it as 0.
            return (cx, c) -> {
                RexBuilder rex = cx.getRexBuilder();
                RexNode odbc = standard.convertCall(cx, c);
                return rex.makeCall(
                        odbc.getType(),
                        SqlStdOperatorTable.MINUS,
                        List.of(odbc, rex.makeExactLiteral(BigDecimal.ONE, odbc.getType())));
            };
        }
        if (RANGE_COMPARISONS.contains(call.getKind()) && rowsOfOneLength(call)) {
            return QuiverConvertlets::compareRows;
        }
        if (RANGE_COMPARISONS.contains(call.getKind()) || call.getOperator() instanceof SqlBetweenOperator) {
            return (cx, c) -> onStrings(cx, c) ? compareBytes(cx, c) : standard.convertCall(cx, c);
        }
        if (method == null) {
            return standard;
        }
        return (cx, c) -> {
            // SUBSTRING, OVERLAY and POSITION also take binary strings, which count bytes:
            // SUBSTRING and OVERLAY of one are BinaryStrings' (BlobReads makes SUBSTRING of a BLOB
            // a ranged read), POSITION Calcite's.
            SqlNode first = c.operand(0);
            RelDataType firstType = cx.getValidator().getValidatedNodeTypeIfKnown(first);
            Class<?> owner = firstType == null
                    ? null
                    : SqlTypeFamily.CHARACTER.contains(firstType)
                            ? CodePointStrings.class
                            : SqlTypeFamily.BINARY.contains(firstType)
                                            && c.getOperator() != SqlStdOperatorTable.POSITION
                                    ? BinaryStrings.class
                                    : null;
            if (owner == null) {
                return standard.convertCall(cx, c);
            }
            RexBuilder rex = cx.getRexBuilder();
            RelDataType integer = rex.getTypeFactory().createSqlType(SqlTypeName.INTEGER);
            List<RexNode> operands = new ArrayList<>();
            for (SqlNode operand : c.getOperandList()) {
                RexNode converted = cx.convertExpression(operand);
                boolean numeric = SqlTypeFamily.NUMERIC.contains(converted.getType());
                operands.add(
                        numeric && converted.getType().getSqlTypeName() != SqlTypeName.INTEGER
                                ? rex.makeCast(
                                        rex.getTypeFactory()
                                                .createTypeWithNullability(
                                                        integer,
                                                        converted.getType().isNullable()),
                                        converted)
                                : converted);
            }
            RelDataType type = cx.getValidator().getValidatedNodeType(c); // known: its first operand was
            // Typed as the standard operator types it, also when a planner rule rebuilds the call.
            SqlOperator function = c.getOperator() == SqlStdOperatorTable.SUBSTRING && owner == BinaryStrings.class
                    ? (operands.size() == 2 ? BlobReads.SUBSTRING_FROM : BlobReads.SUBSTRING_FOR)
                    : RuntimeFunctions.of(
                            owner,
                            method,
                            operands.size(),
                            requireNonNull(c.getOperator().getReturnTypeInference(), "return type inference"));
            return rex.makeCall(type, function, operands);
        };
    }

    private static boolean extractsDayOfWeek(SqlCall call) {
        return call.operand(0) instanceof SqlIntervalQualifier unit && unit.timeUnitRange == TimeUnitRange.DOW;
    }

    /** Whether both operands are row constructors, possibly cast to a row type (as the validator does). */
    private static boolean rowsOfOneLength(SqlCall call) {
        return call.getOperandList().stream().allMatch(QuiverConvertlets::isRow);
    }

    private static boolean isRow(SqlNode node) {
        return node.getKind() == SqlKind.ROW || (node.getKind() == SqlKind.CAST && isRow(((SqlCall) node).operand(0)));
    }

    /**
     * A range comparison of two row constructors, as the standard defines it and PostgreSQL runs
     * it: fields compared left to right, the first unequal pair decides, a NULL in the deciding
     * pair makes the result unknown. {@code (a, b) < (c, d)} is {@code a < c OR (a = c AND b < d)}.
     * Calcite compared the rows as Java lists: a NULL field counted as smaller and strings
     * compared by UTF-16 unit.
     */
    private static RexNode compareRows(SqlRexContext cx, SqlCall call) {
        RexBuilder rex = cx.getRexBuilder();
        List<RexNode> left = fields(rex, cx.convertExpression(call.operand(0)));
        List<RexNode> right = fields(rex, cx.convertExpression(call.operand(1)));
        if (left.size() != right.size()) {
            throw new IllegalStateException("rows of different lengths passed validation: " + call);
        }
        SqlOperator strict = switch (call.getKind()) {
            case LESS_THAN, LESS_THAN_OR_EQUAL -> SqlStdOperatorTable.LESS_THAN;
            default -> SqlStdOperatorTable.GREATER_THAN;
        };
        int last = left.size() - 1;
        RexNode result = compareFields(rex, call.getOperator(), left.get(last), right.get(last));
        for (int i = last - 1; i >= 0; i--) {
            RexNode l = left.get(i);
            RexNode r = right.get(i);
            result = rex.makeCall(
                    SqlStdOperatorTable.OR,
                    compareFields(rex, strict, l, r),
                    rex.makeCall(
                            SqlStdOperatorTable.AND, compareFields(rex, SqlStdOperatorTable.EQUALS, l, r), result));
        }
        return result;
    }

    /** The fields of a converted row constructor, a cast to a row type applied to each field. */
    private static List<RexNode> fields(RexBuilder rex, RexNode row) {
        if (row.getKind() == SqlKind.CAST) {
            RexCall cast = (RexCall) row;
            List<RexNode> inner = fields(rex, cast.getOperands().getFirst());
            List<RexNode> typed = new ArrayList<>();
            for (int i = 0; i < inner.size(); i++) {
                typed.add(rex.makeCast(cast.getType().getFieldList().get(i).getType(), inner.get(i)));
            }
            return typed;
        }
        return ((RexCall) row).getOperands();
    }

    /** One comparison of two fields; strings by their UTF-8 bytes (code point order). */
    private static RexNode compareFields(RexBuilder rex, SqlOperator op, RexNode left, RexNode right) {
        boolean strings =
                SqlTypeFamily.CHARACTER.contains(left.getType()) && SqlTypeFamily.CHARACTER.contains(right.getType());
        return strings && op != SqlStdOperatorTable.EQUALS
                ? rex.makeCall(op, CodePointOrder.utf8(rex, left), CodePointOrder.utf8(rex, right))
                : rex.makeCall(op, left, right);
    }

    /** Whether every operand of a comparison is a character string. */
    private static boolean onStrings(SqlRexContext cx, SqlCall call) {
        return call.getOperandList().stream().allMatch(o -> {
            RelDataType type = cx.getValidator().getValidatedNodeTypeIfKnown(o);
            return type != null && SqlTypeFamily.CHARACTER.contains(type);
        });
    }

    /**
     * A string comparison (or BETWEEN) made on the strings' UTF-8 bytes, which order strings by
     * code point ({@link CodePointOrder}). Done here, as the comparison is made, because Calcite
     * simplifies comparisons with constants right away in its own string order: {@code s BETWEEN
     * 'Ｆ' AND '😀'} became FALSE ('Ｆ' sorts after '😀' in UTF-16).
     */
    private static RexNode compareBytes(SqlRexContext cx, SqlCall call) {
        RexBuilder rex = cx.getRexBuilder();
        List<RexNode> bytes = call.getOperandList().stream()
                .map(o -> CodePointOrder.utf8(rex, cx.convertExpression(o)))
                .toList();
        if (!(call.getOperator() instanceof SqlBetweenOperator between)) {
            return rex.makeCall(call.getOperator(), bytes);
        }
        RexNode inside = between(rex, bytes.get(0), bytes.get(1), bytes.get(2));
        if (between.flag == SqlBetweenOperator.Flag.SYMMETRIC) {
            inside = rex.makeCall(
                    SqlStdOperatorTable.OR, inside, between(rex, bytes.get(0), bytes.get(2), bytes.get(1)));
        }
        return between.isNegated() ? rex.makeCall(SqlStdOperatorTable.NOT, inside) : inside;
    }

    private static RexNode between(RexBuilder rex, RexNode value, RexNode low, RexNode high) {
        return rex.makeCall(
                SqlStdOperatorTable.AND,
                rex.makeCall(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, value, low),
                rex.makeCall(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, value, high));
    }
}

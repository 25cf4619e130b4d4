package io.quiver.sql.plan;

import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * The conversions of SQL calls on TIMESTAMPs that need the SQL text itself, not only the row
 * expression Calcite makes of it: TIMESTAMPADD and TIMESTAMPDIFF (Calcite rewrites them into
 * interval arithmetic in milliseconds, TIMESTAMPDIFF(MICROSECOND, ...) counting whole
 * milliseconds), and a TIMESTAMP plus or minus an interval constant (Calcite's interval constants
 * hold milliseconds: {@code INTERVAL '0.000001' SECOND} would be 0). Everything else on TIMESTAMPs
 * converts as before and {@link TimestampRewrite} takes it from there.
 */
final class TimestampConvertlets {
    private TimestampConvertlets() {}

    /** The convertlet for a call of TIMESTAMPs this class converts, or null. */
    static SqlRexConvertlet get(SqlCall call, SqlRexConvertlet standard) {
        if (call.getOperator() == SqlStdOperatorTable.TIMESTAMP_ADD && hasUnit(call)) {
            return (cx, c) -> {
                RelDataType type = cx.getValidator().getValidatedNodeType(c);
                if (!TimestampCalls.isMicros(type)) {
                    return standard.convertCall(cx, c);
                }
                String unit = unit(cx, c);
                return TimestampCalls.add(
                        cx.getRexBuilder(),
                        unit,
                        cx.convertExpression(c.operand(1)),
                        cx.convertExpression(c.operand(2)),
                        type);
            };
        }
        if (call.getOperator() == SqlStdOperatorTable.TIMESTAMP_DIFF && hasUnit(call)) {
            return (cx, c) -> {
                if (!isMicros(cx, c.operand(1)) && !isMicros(cx, c.operand(2))) {
                    return standard.convertCall(cx, c);
                }
                String unit = unit(cx, c);
                return TimestampCalls.diff(
                        cx.getRexBuilder(),
                        unit,
                        cx.convertExpression(c.operand(1)),
                        cx.convertExpression(c.operand(2)),
                        cx.getValidator().getValidatedNodeType(c));
            };
        }
        if ((call.getKind() == SqlKind.PLUS || call.getKind() == SqlKind.MINUS) && call.operandCount() == 2) {
            return (cx, c) -> {
                RexNode exact = plusIntervalConstant(cx, c);
                return exact != null ? exact : standard.convertCall(cx, c);
            };
        }
        return null;
    }

    private static boolean hasUnit(SqlCall call) {
        return call.operandCount() == 3 && call.operand(0) instanceof SqlIntervalQualifier;
    }

    private static boolean isMicros(SqlRexContext cx, SqlNode node) {
        RelDataType type = cx.getValidator().getValidatedNodeTypeIfKnown(node);
        return type != null && TimestampCalls.isMicros(type);
    }

    /** The unit of TIMESTAMPADD or TIMESTAMPDIFF; a custom time frame or an unknown unit is refused (0A000). */
    private static String unit(SqlRexContext cx, SqlCall call) {
        SqlIntervalQualifier qualifier = call.operand(0);
        TimeUnit unit = cx.getValidator().validateTimeFrame(qualifier).unit();
        if (unit == null || qualifier.timeFrameName != null || !TimestampCalls.ARITHMETIC_UNITS.contains(unit.name())) {
            throw new UnsupportedOperationException(
                    call.getOperator().getName() + " by " + qualifier + " on TIMESTAMP is not supported yet");
        }
        return unit.name();
    }

    /**
     * {@code timestamp + INTERVAL '...'}, {@code INTERVAL '...' + timestamp} or {@code timestamp -
     * INTERVAL '...'} with a day-time interval constant, its fraction of a second to the
     * microsecond; null for any other call.
     */
    private static RexNode plusIntervalConstant(SqlRexContext cx, SqlCall call) {
        RelDataType type = cx.getValidator().getValidatedNodeTypeIfKnown(call);
        if (type == null || !TimestampCalls.isMicros(type)) {
            return null;
        }
        boolean subtract = call.getKind() == SqlKind.MINUS;
        int timestamp = isMicros(cx, call.operand(0)) ? 0 : 1;
        if (subtract && timestamp != 0 || !isMicros(cx, call.operand(timestamp))) {
            return null;
        }
        Long micros = intervalMicros(call.operand(1 - timestamp));
        if (micros == null) {
            return null;
        }
        RexBuilder rex = cx.getRexBuilder();
        RexNode value = cx.convertExpression(call.operand(timestamp));
        return TimestampCalls.plusMicros(rex, value, subtract ? Math.negateExact(micros) : micros, type);
    }

    /**
     * The microseconds of a day-time interval constant, signed, its fraction of a second rounded
     * to the microsecond (past six digits, half up); null for anything else. Calcite's own value
     * of the literal is its milliseconds, the fraction cut after three digits; this adds the
     * digits after those.
     */
    static Long intervalMicros(SqlNode node) {
        int sign = 1;
        SqlNode n = node;
        while (n.getKind() == SqlKind.MINUS_PREFIX || n.getKind() == SqlKind.PLUS_PREFIX) {
            sign = n.getKind() == SqlKind.MINUS_PREFIX ? -sign : sign;
            n = ((SqlCall) n).operand(0);
        }
        if (!(n instanceof SqlIntervalLiteral literal)) {
            return null;
        }
        SqlIntervalLiteral.IntervalValue value = literal.getValueAs(SqlIntervalLiteral.IntervalValue.class);
        SqlIntervalQualifier qualifier = value.getIntervalQualifier();
        if (qualifier.isYearMonth()) {
            return null;
        }
        long millis = literal.getValueAs(Long.class);
        String text = value.getIntervalLiteral().strip();
        boolean negative = value.getSign() < 0 ^ text.startsWith("-");
        long finer = 0;
        int dot = text.lastIndexOf('.');
        if (qualifier.timeUnitRange.endUnit == TimeUnit.SECOND
                || qualifier.timeUnitRange.startUnit == TimeUnit.SECOND && qualifier.timeUnitRange.endUnit == null) {
            String digits = dot < 0 ? "" : text.substring(dot + 1).strip();
            if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
                long micros = Long.parseLong((digits + "000000").substring(0, 6));
                if (digits.length() > 6 && digits.charAt(6) >= '5') {
                    micros++;
                }
                finer = micros - Long.parseLong((digits + "000").substring(0, 3)) * 1000;
            }
        }
        long total = Math.addExact(Math.multiplyExact(millis, 1000L), negative ? -finer : finer);
        return sign * total;
    }
}

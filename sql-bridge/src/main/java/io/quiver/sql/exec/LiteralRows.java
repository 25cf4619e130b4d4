package io.quiver.sql.exec;

import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.ColumnType;
import io.quiver.sql.schema.SqlTypes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlDateLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlTimestampLiteral;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.BitString;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;

/**
 * The rows of {@code INSERT ... VALUES} when every value is a literal, converted to their
 * columns' values as {@code CAST(literal AS column type)} would convert them, without Calcite:
 * Calcite compiles literals into generated Java code, which takes seconds for a few hundred rows
 * and fails on a literal of some hundred KiB. Numbers round half away from zero to the column's
 * scale; a number that does not fit is an {@link ArithmeticException} (SQLSTATE 22003). Anything
 * else (expressions, parameters, a literal of another type than its column's) makes {@link #of}
 * return null, and the statement runs through Calcite as before.
 */
public final class LiteralRows {
    private static final DateTimeFormatter TIMESTAMP_TEXT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();

    /** A value this class does not convert. */
    private static final Object UNHANDLED = new Object();

    private LiteralRows() {}

    /** Each row's values for {@code columns}, or null when a value is not a literal this class converts. */
    public static List<Object[]> of(List<List<SqlNode>> rows, List<Column> columns) {
        List<Object[]> out = new ArrayList<>(rows.size());
        for (List<SqlNode> row : rows) {
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = value(row.get(i), columns.get(i));
                if (values[i] == UNHANDLED) {
                    return null;
                }
            }
            out.add(values);
        }
        return out;
    }

    private static Object value(SqlNode node, Column column) {
        ColumnType type = column.type();
        if (node instanceof SqlLiteral literal && literal.getTypeName() == SqlTypeName.NULL) {
            return null;
        }
        if (node.getKind() == SqlKind.ARRAY_VALUE_CONSTRUCTOR) {
            return type.id() == io.quiver.format.proto.TypeId.VECTOR_F32 ? vector((SqlBasicCall) node) : UNHANDLED;
        }
        BigDecimal number = number(node);
        if (number != null) {
            // A float literal (2.5E0) rounds as a float does: to the nearest, ties to even.
            BigDecimal whole = approximate(node) && Double.isFinite(number.doubleValue())
                    ? new BigDecimal(Math.rint(number.doubleValue()))
                    : number;
            return switch (type.id()) {
                case INT8 -> integral(whole, Byte.MIN_VALUE, Byte.MAX_VALUE, column);
                case INT16 -> integral(whole, Short.MIN_VALUE, Short.MAX_VALUE, column);
                case INT32 -> integral(whole, Integer.MIN_VALUE, Integer.MAX_VALUE, column);
                case INT64 -> integral(whole, Long.MIN_VALUE, Long.MAX_VALUE, column);
                case DECIMAL128 -> decimal(number, column);
                case FLOAT32 -> finite((double) number.floatValue(), number, column);
                case FLOAT64 -> finite(number.doubleValue(), number, column);
                default -> UNHANDLED;
            };
        }
        if (!(node instanceof SqlLiteral literal)) {
            return UNHANDLED;
        }
        return switch (type.id()) {
            case UTF8 -> literal.getValue() instanceof NlsString s ? s.getValue() : UNHANDLED;
            case BOOL -> literal.getTypeName() == SqlTypeName.BOOLEAN ? literal.booleanValue() : UNHANDLED;
            case BINARY, BLOB -> literal.getValue() instanceof BitString b ? bytes(b) : UNHANDLED;
            case DATE32 -> literal instanceof SqlDateLiteral d ? date(d) : UNHANDLED;
            // WITH TIME ZONE: the wall-clock time in the session's zone, UTC (as CAST does).
            case TIMESTAMP -> literal instanceof SqlTimestampLiteral t ? timestamp(t) : UNHANDLED;
            default -> UNHANDLED;
        };
    }

    /** A DATE literal, its day in the proleptic Gregorian calendar (as the parser read it). */
    private static Object date(SqlDateLiteral literal) {
        return LocalDate.ofEpochDay(literal.getValueAs(DateString.class).getDaysSinceEpoch());
    }

    /** A TIMESTAMP literal ('2024-02-29 10:00:00.123456'), to the fraction written. */
    private static Object timestamp(SqlTimestampLiteral literal) {
        return LocalDateTime.parse(literal.getValueAs(TimestampString.class).toString(), TIMESTAMP_TEXT);
    }

    /**
     * The bytes of a binary literal, read from its bits directly: {@link BitString#getAsByteArray}
     * takes time quadratic in the length.
     */
    private static Object bytes(BitString literal) {
        if (literal.getBitCount() % 8 != 0) {
            return UNHANDLED;
        }
        String raw = literal.toBitString(); // without leading zeros when made from hex digits
        String bits = "0".repeat(literal.getBitCount() - raw.length()) + raw;
        byte[] bytes = new byte[literal.getBitCount() / 8];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(bits, i * 8, i * 8 + 8, 2);
        }
        return bytes;
    }

    /** Whether a number literal is a float one (2.5E0), negated or not. */
    private static boolean approximate(SqlNode node) {
        return node instanceof SqlNumericLiteral n
                ? !n.isExact()
                : node instanceof SqlBasicCall call && approximate(call.operand(0));
    }

    /** A float past the column type's range is an overflow (22003), not Infinity. */
    private static Object finite(double value, BigDecimal literal, Column column) {
        if (Double.isInfinite(value)) {
            throw outOfRange(literal, column);
        }
        return value;
    }

    /** An exact or approximate number literal, negated or not, or null. */
    private static BigDecimal number(SqlNode node) {
        if (node instanceof SqlNumericLiteral n) {
            return n.getValueAs(BigDecimal.class);
        }
        if (node.getKind() == SqlKind.MINUS_PREFIX || node.getKind() == SqlKind.PLUS_PREFIX) {
            BigDecimal inner = number(((SqlBasicCall) node).operand(0));
            return inner == null ? null : node.getKind() == SqlKind.MINUS_PREFIX ? inner.negate() : inner;
        }
        return null;
    }

    private static Object integral(BigDecimal value, long min, long max, Column column) {
        BigDecimal rounded = value.setScale(0, RoundingMode.HALF_UP);
        if (rounded.compareTo(BigDecimal.valueOf(min)) < 0 || rounded.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw outOfRange(value, column);
        }
        return rounded.longValueExact();
    }

    private static Object decimal(BigDecimal value, Column column) {
        BigDecimal scaled = value.setScale(column.type().scale(), RoundingMode.HALF_UP);
        if (scaled.precision() - scaled.scale()
                > column.type().precision() - column.type().scale()) {
            throw outOfRange(value, column);
        }
        return scaled;
    }

    private static ArithmeticException outOfRange(BigDecimal value, Column column) {
        return new ArithmeticException("value " + value.toPlainString() + " is out of range for column " + column.name()
                + " " + SqlTypes.ddlName(column.type()));
    }

    private static Object vector(SqlBasicCall array) {
        List<Float> elements = new ArrayList<>(array.operandCount());
        for (SqlNode element : array.getOperandList()) {
            BigDecimal n = number(element);
            if (n == null) {
                return UNHANDLED;
            }
            elements.add(n.floatValue());
        }
        return elements;
    }
}

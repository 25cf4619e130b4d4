package io.quiver.sql.exec;

import java.math.BigDecimal;

/**
 * Conversions and float arithmetic as PostgreSQL does them where Calcite's own differ; called
 * from the code Calcite generates (io.quiver.sql.plan.StandardCasts puts the calls in). NULL in,
 * NULL out.
 */
public final class StandardCastValues {
    private StandardCastValues() {}

    /**
     * A float rounded to the nearest whole number, ties to even, before it becomes an integer:
     * Calcite's cast truncates (50.625 became 50).
     */
    public static Double rint(Double value) {
        return value == null ? null : Math.rint(value);
    }

    /**
     * The result of float arithmetic on {@code left} and {@code right}: a result past the largest
     * float from finite operands is an overflow, and a division by zero an error, as in
     * PostgreSQL; Calcite gave Infinity or NaN.
     */
    public static Double finite(Double result, Double left, Double right, boolean division) {
        if (result == null || Double.isFinite(result) || !Double.isFinite(left) || !Double.isFinite(right)) {
            return result;
        }
        if (division && right == 0) {
            throw new ArithmeticException("division by zero");
        }
        throw new ArithmeticException("numeric value out of range (float overflow)");
    }

    /** A DOUBLE as a REAL; one past REAL's range is an overflow, not Infinity. */
    public static Float toReal(Double value) {
        if (value == null) {
            return null;
        }
        float f = value.floatValue();
        if (Float.isInfinite(f) && Double.isFinite(value)) {
            throw new ArithmeticException("numeric value out of range: " + value + " does not fit REAL");
        }
        return f;
    }

    /** A decimal as text, with its leading zero: 0.5, not .5. */
    public static String decimalText(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    /** The first {@code length} characters (code points) of a string: CAST(s AS VARCHAR(n)). */
    public static String truncate(String value, Integer length) {
        if (value == null || length == null || value.codePointCount(0, value.length()) <= length) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, length));
    }

    /** ABS of an integer; ABS of the most negative one has no value of its type and raises (22003). */
    public static Long absExact(Long value) {
        if (value == null) {
            return null;
        }
        if (value == Long.MIN_VALUE) {
            throw new ArithmeticException("numeric value out of range: ABS(" + value + ")");
        }
        return Math.abs(value);
    }
}

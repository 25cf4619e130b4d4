package io.quiver.sql.exec;

import java.math.BigInteger;

/**
 * SUM of BIGINT values: exact, and an error (SQLSTATE 22003) only when the total does not fit a
 * BIGINT, where Calcite's own sum of longs wrapped around. Partial sums may pass BIGINT's range
 * (the total of 2^62, 2^62, -2^62 fits), so the running total widens past it instead of raising:
 * the answer must not depend on the order rows arrive in. A user-defined aggregate in Calcite's
 * reflective form: init, add, merge, result. Calcite skips NULL values and returns NULL when there
 * were none.
 */
public final class CheckedSum {
    private CheckedSum() {}

    /** The running total: a long while it fits, then exact. */
    public static final class Total {
        long value;
        BigInteger wide;

        Total add(long x) {
            if (wide == null) {
                long sum = value + x;
                // Overflow iff both operands have the sign the result lacks.
                if (((value ^ sum) & (x ^ sum)) >= 0) {
                    value = sum;
                    return this;
                }
                wide = BigInteger.valueOf(value);
            }
            wide = wide.add(BigInteger.valueOf(x));
            return this;
        }

        Total add(Total other) {
            if (other.wide == null) {
                return add(other.value);
            }
            wide = (wide == null ? BigInteger.valueOf(value) : wide).add(other.wide);
            return this;
        }
    }

    public static Total init() {
        return new Total();
    }

    public static Total add(Total total, long value) {
        return total.add(value);
    }

    public static Total merge(Total a, Total b) {
        return a.add(b);
    }

    public static long result(Total total) {
        if (total.wide == null) {
            return total.value;
        }
        if (total.wide.bitLength() >= Long.SIZE) {
            throw new ArithmeticException("numeric value out of range: the SUM " + total.wide + " does not fit BIGINT");
        }
        return total.wide.longValue();
    }
}

package io.quiver.sql.exec;

/**
 * SUM, AVG, VARIANCE and STDDEV of floating-point values that do not depend on the order rows
 * arrive in. Calcite adds doubles one after another, so a large value and its negative swallowed
 * the small ones between them (SUM of 3.4e38, 20.5, -3.4e38 was 0 or -88.25 by order), and it
 * computes variance from sums of squares, which overflowed to NaN for a single value near
 * DOUBLE's limit (PostgreSQL and DuckDB answer 0). Sums here are compensated (Neumaier); moments
 * use Welford's update. User-defined aggregates in Calcite's reflective form (init, add, merge,
 * result per function), NULLs skipped by Calcite, NULL when no value was seen.
 */
public final class FloatAggregates {
    private FloatAggregates() {}

    /** A compensated running sum and the count of its terms. */
    public static final class Total {
        double sum;
        double compensation;
        long count;

        Total add(double x) {
            double t = sum + x;
            if (Double.isInfinite(t) && Double.isFinite(sum) && Double.isFinite(x)) {
                // As float arithmetic does (StandardCastValues.finite), and PostgreSQL's sum.
                throw new ArithmeticException("numeric value out of range (float overflow in a sum)");
            }
            compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
            sum = t;
            count++;
            return this;
        }

        Total merge(Total other) {
            long terms = count + other.count;
            add(other.sum);
            add(other.compensation);
            count = terms;
            return this;
        }

        double value() {
            return sum + compensation;
        }
    }

    /** Welford's running count, mean and sum of squared deviations. */
    public static final class Moments {
        long count;
        double mean;
        double squares;

        Moments add(double x) {
            count++;
            double delta = x - mean;
            mean += delta / count;
            squares += delta * (x - mean);
            return this;
        }

        Moments merge(Moments other) {
            if (other.count == 0) {
                return this;
            }
            long n = count + other.count;
            double delta = other.mean - mean;
            squares += other.squares + delta * delta * count * other.count / n;
            mean += delta * other.count / n;
            count = n;
            return this;
        }

        Double variance(boolean sample) {
            long divisor = sample ? count - 1 : count;
            return divisor <= 0 ? null : Math.max(squares, 0) / divisor;
        }
    }

    /** What the sums (SUM, AVG) share: Calcite finds these through each function's class. */
    public static class Sums {
        protected Sums() {}

        public static Total init() {
            return new Total();
        }

        public static Total add(Total total, double x) {
            return total.add(x);
        }

        public static Total merge(Total a, Total b) {
            return a.merge(b);
        }
    }

    /** SUM of REAL or DOUBLE. */
    public static final class Sum extends Sums {
        private Sum() {}

        public static double result(Total total) {
            return total.value();
        }
    }

    /** AVG of REAL or DOUBLE. */
    public static final class Avg extends Sums {
        private Avg() {}

        public static double result(Total total) {
            return total.value() / total.count;
        }
    }

    /** What the moments (VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP) share. */
    public static class MomentFunctions {
        protected MomentFunctions() {}

        public static Moments init() {
            return new Moments();
        }

        public static Moments add(Moments m, double x) {
            return m.add(x);
        }

        public static Moments merge(Moments a, Moments b) {
            return a.merge(b);
        }
    }

    public static final class VarPop extends MomentFunctions {
        private VarPop() {}

        public static Double result(Moments m) {
            return m.variance(false);
        }
    }

    public static final class VarSamp extends MomentFunctions {
        private VarSamp() {}

        public static Double result(Moments m) {
            return m.variance(true);
        }
    }

    public static final class StddevPop extends MomentFunctions {
        private StddevPop() {}

        public static Double result(Moments m) {
            Double v = m.variance(false);
            return v == null ? null : Math.sqrt(v);
        }
    }

    public static final class StddevSamp extends MomentFunctions {
        private StddevSamp() {}

        public static Double result(Moments m) {
            Double v = m.variance(true);
            return v == null ? null : Math.sqrt(v);
        }
    }

    /** An exact running sum of exact numbers and the count of its terms. */
    public static final class ExactTotal {
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        long count;
    }

    /**
     * AVG of integers and decimals: the exact mean, rounded once to a double (a mean summed in
     * doubles could round 416.4825 either way).
     */
    public static final class ExactAvg {
        private static final java.math.MathContext DIGITS = new java.math.MathContext(34);

        private ExactAvg() {}

        public static ExactTotal init() {
            return new ExactTotal();
        }

        public static ExactTotal add(ExactTotal total, java.math.BigDecimal x) {
            total.sum = total.sum.add(x);
            total.count++;
            return total;
        }

        public static ExactTotal merge(ExactTotal a, ExactTotal b) {
            a.sum = a.sum.add(b.sum);
            a.count += b.count;
            return a;
        }

        public static double result(ExactTotal total) {
            return total.sum
                    .divide(java.math.BigDecimal.valueOf(total.count), DIGITS)
                    .doubleValue();
        }
    }
}

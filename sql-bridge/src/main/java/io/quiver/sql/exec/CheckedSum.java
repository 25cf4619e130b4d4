package io.quiver.sql.exec;

/**
 * SUM of BIGINT values that raises on overflow (SQLSTATE 22003) where Calcite's own sum of longs
 * wraps around. A user-defined aggregate in Calcite's reflective form: init, add, merge, result.
 * Calcite skips NULL values and returns NULL when there were none.
 */
public final class CheckedSum {
    private CheckedSum() {}

    /** The running sum. */
    public static final class Total {
        long value;
    }

    public static Total init() {
        return new Total();
    }

    public static Total add(Total total, long value) {
        total.value = Math.addExact(total.value, value);
        return total;
    }

    public static Total merge(Total a, Total b) {
        a.value = Math.addExact(a.value, b.value);
        return a;
    }

    public static long result(Total total) {
        return total.value;
    }
}

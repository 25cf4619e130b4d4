package io.quiver.bench.compare;

import java.util.function.DoubleUnaryOperator;

/**
 * What a workload reports and which way is better: a time per operation (lower is better) or a
 * rate (higher is better), computed from a trial's seconds.
 */
record Metric(String name, String unit, boolean higherIsBetter, DoubleUnaryOperator fromSeconds) {
    static Metric seconds(String name) {
        return new Metric(name, "s", false, s -> s);
    }

    /** Milliseconds for a trial of {@code operations} operations, per operation. */
    static Metric millisPer(String name, int operations) {
        return new Metric(name, "ms", false, s -> s * 1e3 / operations);
    }

    static Metric microsPer(String name, int operations) {
        return new Metric(name, "us", false, s -> s * 1e6 / operations);
    }

    /** {@code count} things per trial, per second. */
    static Metric rate(String name, String unit, double count) {
        return new Metric(name, unit, true, s -> count / s);
    }

    /**
     * How many times better Quiver is than Lance by this metric: above 1 Quiver is better, below 1
     * Lance is (0.5 = Lance twice as good).
     */
    double quiverAdvantage(double quiver, double lance) {
        return higherIsBetter ? quiver / lance : lance / quiver;
    }
}

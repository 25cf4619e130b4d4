package io.quiver.bench.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a run measured: the rows of {@code results.csv} (every metric of every system) and
 * the head-to-head comparisons that make {@code results.md} and the ratio chart (one metric per
 * workload, both systems, and a note on how each system did it).
 */
final class Results {
    /**
     * One line of results.csv; {@code missing} says why there is no value ({@code value} is then
     * NaN): "not supported: ..." when the system lacks the capability, "not reached: ..." when it
     * never met the workload's bar.
     */
    record Row(String workload, String system, String metric, double value, String unit, String missing) {}

    /** One workload's head-to-head: its main metric on both systems. */
    record Comparison(
            String workload, Metric metric, double quiver, double lance, String quiverNote, String lanceNote) {
        boolean bothMeasured() {
            return !Double.isNaN(quiver) && !Double.isNaN(lance);
        }

        double quiverAdvantage() {
            return metric.quiverAdvantage(quiver, lance);
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<Comparison> comparisons = new ArrayList<>();

    /** Records a metric of one system (a secondary figure, or one without a counterpart). */
    void add(String workload, String system, String metric, double value, String unit) {
        rows.add(new Row(workload, system, metric, value, unit, null));
    }

    /** Records a workload's main metric on both systems from its rounds; notes say how each system ran it. */
    void compare(String workload, Metric metric, Rounds.Both both, String quiverNote, String lanceNote) {
        double quiver = value(workload, "quiver", metric, both.quiver());
        double lance = value(workload, "lance", metric, both.lance());
        comparisons.add(new Comparison(
                workload,
                metric,
                quiver,
                lance,
                both.quiver().supported()
                        ? quiverNote
                        : "not supported: " + both.quiver().unsupported(),
                both.lance().supported()
                        ? lanceNote
                        : "not supported: " + both.lance().unsupported()));
    }

    /**
     * Records a main metric measured outside {@link Rounds} (values already in the metric's unit);
     * a NaN value's note says why it is missing.
     */
    void compare(String workload, Metric metric, double quiver, double lance, String quiverNote, String lanceNote) {
        rows.add(new Row(
                workload, "quiver", metric.name(), quiver, metric.unit(), Double.isNaN(quiver) ? quiverNote : null));
        rows.add(new Row(
                workload, "lance", metric.name(), lance, metric.unit(), Double.isNaN(lance) ? lanceNote : null));
        comparisons.add(new Comparison(workload, metric, quiver, lance, quiverNote, lanceNote));
    }

    private double value(String workload, String system, Metric metric, Rounds.Outcome outcome) {
        if (!outcome.supported()) {
            rows.add(new Row(
                    workload,
                    system,
                    metric.name(),
                    Double.NaN,
                    metric.unit(),
                    "not supported: " + outcome.unsupported()));
            return Double.NaN;
        }
        double value = metric.fromSeconds().applyAsDouble(outcome.medianSeconds());
        add(workload, system, metric.name(), value, metric.unit());
        return value;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    List<Comparison> comparisons() {
        return List.copyOf(comparisons);
    }
}

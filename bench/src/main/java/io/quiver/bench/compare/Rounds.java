package io.quiver.bench.compare;

import java.util.Arrays;

/**
 * Runs a workload on both systems in alternating order (A then B, then B then A, ...) so that
 * neither always runs on a warmer or a colder machine: first {@code warmups} rounds that are
 * checked but not counted, then {@code rounds} measured ones, of which the median is kept. Both
 * systems get the same inputs in a round (a trial draws them from the round number), and their
 * answers must agree: a round in which they differ stops the harness rather than report the
 * speed of a wrong answer.
 */
final class Rounds {
    /** One trial's time and a number summing up its answer, equal for both systems when both are right. */
    record Sample(double seconds, long fingerprint) {}

    @FunctionalInterface
    interface Trial {
        Sample run(int round) throws Exception;
    }

    @FunctionalInterface
    interface TimedOp {
        long run() throws Exception;
    }

    /** Times {@code op}, whose result is the sample's fingerprint. */
    static Sample timed(TimedOp op) throws Exception {
        long t0 = System.nanoTime();
        long fingerprint = op.run();
        return new Sample((System.nanoTime() - t0) / 1e9, fingerprint);
    }

    /** A system's median seconds, or why it could not run the workload. */
    record Outcome(double medianSeconds, String unsupported) {
        boolean supported() {
            return unsupported == null;
        }
    }

    record Both(Outcome quiver, Outcome lance) {}

    private Rounds() {}

    static Both run(String workload, int warmups, int rounds, Trial quiver, Trial lance) throws Exception {
        double[][] seconds = new double[2][rounds];
        Trial[] trials = {quiver, lance};
        String[] unsupported = new String[2];
        for (int round = 0; round < warmups + rounds; round++) {
            Sample[] samples = new Sample[2];
            for (int turn = 0; turn < 2; turn++) {
                int system = (round + turn) % 2;
                if (unsupported[system] == null) {
                    try {
                        samples[system] = trials[system].run(round);
                    } catch (NotSupportedException e) {
                        unsupported[system] = e.getMessage();
                    }
                }
            }
            if (samples[0] != null && samples[1] != null && samples[0].fingerprint() != samples[1].fingerprint()) {
                throw new IllegalStateException(workload + ", round " + round + ": the systems' answers differ (quiver "
                        + samples[0].fingerprint() + ", lance " + samples[1].fingerprint() + ")");
            }
            for (int system = 0; system < 2; system++) {
                if (round >= warmups && samples[system] != null) {
                    seconds[system][round - warmups] = samples[system].seconds();
                }
            }
        }
        return new Both(outcome(seconds[0], unsupported[0]), outcome(seconds[1], unsupported[1]));
    }

    private static Outcome outcome(double[] seconds, String unsupported) {
        return unsupported != null ? new Outcome(Double.NaN, unsupported) : new Outcome(median(seconds), null);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

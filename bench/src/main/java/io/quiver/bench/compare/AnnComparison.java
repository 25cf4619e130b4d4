package io.quiver.bench.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * ANN on SIFT-small: Quiver's HNSW at several beams against Lance's IVF_HNSW_SQ and IVF_PQ at
 * several beams, probe counts and refine factors. Every setting answers every query once per
 * round, single-threaded on the caller's side, settings in alternating order round by round;
 * queries/s is the median over the measured rounds, recall@10 is against the true neighbours.
 * Each answer is checked: k ids, all of rows that exist (and pass the filter, when filtered).
 * The curves go to the plot; the table gets the best queries/s each system reaches at a few
 * recall levels, which is how two curves are compared without picking settings by hand.
 */
final class AnnComparison {
    static final String WORKLOAD = "ANN SIFT-small";
    static final String FILTERED = "filtered ANN SIFT-small (10%)";
    static final double[] RECALL_LEVELS = {0.90, 0.95, 0.99};

    /** A measured setting: recall@10 and median queries/s. */
    record Point(AnnSetting setting, double recall, double queriesPerSecond) {}

    private final CompareOptions options;
    private final Results results;
    private final BufferAllocator allocator;
    private final List<Point> curve = new ArrayList<>();

    AnnComparison(CompareOptions options, Results results, BufferAllocator allocator) {
        this.options = options;
        this.results = results;
        this.allocator = allocator;
    }

    /** The unfiltered points, for the recall/throughput plot. */
    List<Point> curve() {
        return List.copyOf(curve);
    }

    void run() throws Exception {
        SiftData sift = SiftData.load(options.sift(), options.annBase(), options.annQueries());
        Path dir = options.data().resolve("sift");
        System.err.println("quiver bench compare: ANN indexes on SIFT-small...");
        try (AnnIndex quiver = new QuiverAnn(dir.resolve("quiver"), sift, allocator);
                AnnIndex hnswSq = LanceAnn.hnswSq(dir.resolve("lance-hnsw-sq"), sift, allocator);
                AnnIndex ivfPq = LanceAnn.ivfPq(dir.resolve("lance-ivf-pq"), sift, allocator)) {
            results.add(WORKLOAD, "quiver", "HNSW build", quiver.buildSeconds(), "s");
            results.add(WORKLOAD, "lance", "IVF_HNSW_SQ build", hnswSq.buildSeconds(), "s");
            results.add(WORKLOAD, "lance", "IVF_PQ build", ivfPq.buildSeconds(), "s");
            Map<AnnSetting, AnnIndex> settings = settings(sift, quiver, hnswSq, ivfPq);
            System.err.println("quiver bench compare: ANN queries...");
            curve.addAll(measure(settings, sift, false));
            record(WORKLOAD, curve);
            summarize();
            System.err.println("quiver bench compare: filtered ANN queries...");
            Map<AnnSetting, AnnIndex> filtered = new LinkedHashMap<>();
            filtered.put(new AnnSetting("quiver", "Quiver HNSW", 64, 0, 0), quiver);
            AnnSetting lanceHnsw = new AnnSetting("lance", "Lance IVF_HNSW_SQ", 64, 0, 0);
            filtered.put(lanceHnsw, hnswSq);
            filtered.put(new AnnSetting("lance", "Lance IVF_PQ refine 10", 0, 10, 10), ivfPq);
            List<Point> points = measure(filtered, sift, true);
            record(FILTERED, points);
            results.compare(
                    FILTERED,
                    Metric.rate("queries/s", "q/s", 1),
                    points.get(0).queriesPerSecond(),
                    points.get(1).queriesPerSecond(),
                    "HNSW ef=64, filter applied in the search: recall "
                            + fmt(points.get(0).recall()),
                    "IVF_HNSW_SQ ef=64, prefilter: recall " + fmt(points.get(1).recall()));
        }
    }

    private static Map<AnnSetting, AnnIndex> settings(SiftData sift, AnnIndex quiver, AnnIndex hnswSq, AnnIndex ivfPq) {
        Map<AnnSetting, AnnIndex> settings = new LinkedHashMap<>();
        for (int ef : new int[] {16, 32, 64, 128, 256}) {
            settings.put(new AnnSetting("quiver", "Quiver HNSW", ef, 0, 0), quiver);
            settings.put(new AnnSetting("lance", "Lance IVF_HNSW_SQ", ef, 0, 0), hnswSq);
        }
        // Refining k * 4 candidates needs a beam of at least 40 (Lance refuses ef < k * refine).
        for (int ef : new int[] {64, 128, 256}) {
            settings.put(new AnnSetting("lance", "Lance IVF_HNSW_SQ refine 4", ef, 0, 4), hnswSq);
        }
        int partitions = LanceAnn.partitions(sift);
        for (int nprobes : new int[] {1, partitions / 20, partitions / 10, partitions / 4, partitions / 2}) {
            if (nprobes >= 1) {
                settings.putIfAbsent(new AnnSetting("lance", "Lance IVF_PQ", 0, nprobes, 0), ivfPq);
                settings.putIfAbsent(new AnnSetting("lance", "Lance IVF_PQ refine 10", 0, nprobes, 10), ivfPq);
            }
        }
        return settings;
    }

    private List<Point> measure(Map<AnnSetting, AnnIndex> settings, SiftData sift, boolean filtered) throws Exception {
        List<AnnSetting> order = new ArrayList<>(settings.keySet());
        Map<AnnSetting, double[]> seconds = new LinkedHashMap<>();
        Map<AnnSetting, Double> recall = new LinkedHashMap<>();
        order.forEach(s -> seconds.put(s, new double[options.rounds()]));
        for (int round = 0; round < options.warmups() + options.rounds(); round++) {
            for (AnnSetting setting : order) {
                long[][] found = new long[sift.queries().length][];
                long t0 = System.nanoTime();
                for (int q = 0; q < found.length; q++) {
                    found[q] = settings.get(setting).search(sift.queries()[q], SiftData.K, setting, filtered);
                }
                double elapsed = (System.nanoTime() - t0) / 1e9;
                check(setting, found, sift.base().length, filtered);
                if (round >= options.warmups()) {
                    seconds.get(setting)[round - options.warmups()] = elapsed;
                }
                recall.put(setting, SiftData.recall(found, filtered ? sift.filteredTruth() : sift.truth()));
            }
            order = order.reversed();
        }
        List<Point> points = new ArrayList<>();
        for (AnnSetting s : settings.keySet()) {
            points.add(new Point(s, recall.get(s), sift.queries().length / Rounds.median(seconds.get(s))));
        }
        return points;
    }

    private static void check(AnnSetting setting, long[][] found, int rows, boolean filtered) {
        for (long[] ids : found) {
            for (long id : ids) {
                if (id < 0 || id >= rows || (filtered && !SiftData.IN_FILTER.test((int) id))) {
                    throw new IllegalStateException(setting + " returned row " + id + ", which it must not");
                }
            }
            if (ids.length != SiftData.K) {
                throw new IllegalStateException(setting + " returned " + ids.length + " rows, not " + SiftData.K);
            }
        }
    }

    private void record(String workload, List<Point> points) {
        for (Point p : points) {
            String name = p.setting().series() + " " + p.setting().label();
            results.add(workload, p.setting().system(), name + " recall@10", p.recall(), "");
            results.add(workload, p.setting().system(), name + " queries/s", p.queriesPerSecond(), "q/s");
        }
    }

    /** The best queries/s each system reaches at each recall level. */
    private void summarize() {
        for (double level : RECALL_LEVELS) {
            Point q = best("quiver", level);
            Point l = best("lance", level);
            results.compare(
                    WORKLOAD,
                    Metric.rate("best queries/s at recall@10 >= " + fmt(level), "q/s", 1),
                    q == null ? Double.NaN : q.queriesPerSecond(),
                    l == null ? Double.NaN : l.queriesPerSecond(),
                    describe("quiver", q, level),
                    describe("lance", l, level));
        }
    }

    private Point best(String system, double level) {
        Point best = null;
        for (Point p : curve) {
            if (p.setting().system().equals(system)
                    && p.recall() >= level
                    && (best == null || p.queriesPerSecond() > best.queriesPerSecond())) {
                best = p;
            }
        }
        return best;
    }

    private String describe(String system, Point p, double level) {
        if (p != null) {
            return p.setting().series() + " " + p.setting().label() + " (recall " + fmt(p.recall()) + ")";
        }
        double top = curve.stream()
                .filter(c -> c.setting().system().equals(system))
                .mapToDouble(Point::recall)
                .max()
                .orElse(0);
        return "not reached: best recall@10 " + fmt(top) + " < " + fmt(level);
    }

    static String fmt(double value) {
        return String.format("%.3f", value);
    }
}

package io.quiver.bench.compare;

import io.quiver.engine.BenchTable;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * One comparison run: the table workloads on the generated data set, then ANN on SIFT-small,
 * then the report files. Both systems run in this one JVM, on the same data and the same machine
 * at the same time, alternating; every answer is checked before its time counts.
 */
final class CompareHarness {
    private CompareHarness() {}

    static Results run(CompareOptions options) throws Exception {
        Files.createDirectories(options.out());
        BenchTable.deleteTree(options.data());
        Files.createDirectories(options.data());
        Results results = new Results();
        long t0 = System.nanoTime();
        // One allocator tree for the data set, both systems' Java-side buffers and their results:
        // closing it checks that nothing leaked.
        try (BufferAllocator allocator = new RootAllocator()) {
            new TableWorkloads(options, results, allocator).run();
            AnnComparison ann = new AnnComparison(options, results, allocator);
            ann.run();
            Charts.recallCurve(ann.curve(), options.out().resolve(Charts.RECALL_PNG));
        } finally {
            if (!options.keepData()) {
                BenchTable.deleteTree(options.data());
            }
        }
        double minutes = (System.nanoTime() - t0) / 60e9;
        ReportFiles.writeCsv(results, options.out());
        ReportFiles.writeMarkdown(results, heading(options, minutes), options.out());
        Charts.ratios(results, options.out().resolve(Charts.RATIO_PNG));
        return results;
    }

    private static String heading(CompareOptions o, double minutes) {
        String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .format(Instant.now().atZone(ZoneOffset.UTC));
        return String.format(
                "Quiver vs Lance 7.0, %,d rows, SIFT-small %,d x %d queries; %d warm-up + %d rounds (writes: %d);"
                        + " %s, %d cores, %.1f min",
                o.rows(),
                o.annBase(),
                o.annQueries(),
                o.warmups(),
                o.rounds(),
                o.writeRounds(),
                when,
                Runtime.getRuntime().availableProcessors(),
                minutes);
    }
}

package io.quiver.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes {@code results.csv} (every metric: workload, system, metric, value, unit; a missing value
 * holds its reason, "not supported: ..." or "not reached: ...") and {@code results.md} (one row
 * per workload with both systems and how many times better Quiver is).
 */
final class ReportFiles {
    static final String CSV = "results.csv";
    static final String MARKDOWN = "results.md";

    private ReportFiles() {}

    static void writeCsv(Results results, Path out) throws IOException {
        StringBuilder b = new StringBuilder("workload,system,metric,value,unit\n");
        for (Results.Row r : results.rows()) {
            String value = r.missing() != null ? r.missing() : number(r.value());
            b.append(String.join(",", csv(r.workload()), csv(r.system()), csv(r.metric()), csv(value), csv(r.unit())))
                    .append('\n');
        }
        Files.writeString(out.resolve(CSV), b);
    }

    static void writeMarkdown(Results results, String heading, Path out) throws IOException {
        StringBuilder b = new StringBuilder(heading).append("\n\n");
        b.append("Quiver vs Lance: above 1 Quiver is that many times better (faster, or more per"
                + " second), below 1 Lance is (0.50 = Lance twice as good).\n\n");
        b.append("| workload | metric | Quiver | Lance | unit | Quiver vs Lance | how Quiver | how Lance |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (Results.Comparison c : results.comparisons()) {
            b.append("| ")
                    .append(String.join(
                            " | ",
                            c.workload(),
                            c.metric().name() + (c.metric().higherIsBetter() ? " (higher is better)" : ""),
                            cell(c.quiver()),
                            cell(c.lance()),
                            c.metric().unit(),
                            verdict(c),
                            c.quiverNote(),
                            c.lanceNote()))
                    .append(" |\n");
        }
        Files.writeString(out.resolve(MARKDOWN), b);
    }

    static String verdict(Results.Comparison c) {
        if (!c.bothMeasured()) {
            return "n/a";
        }
        double x = c.quiverAdvantage();
        return String.format(Locale.ROOT, "**%.2f** (%s)", x, x >= 1 ? "Quiver better" : "Lance better");
    }

    private static String cell(double value) {
        return Double.isNaN(value) ? "-" : number(value);
    }

    /** Three significant figures is what rounds of a noisy machine support. */
    static String number(double value) {
        if (value == 0 || Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    private static String csv(String field) {
        return field.contains(",") || field.contains("\"") ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}

package io.quiver.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole harness, end to end, on a tiny data set (2,000 rows, 2,000 SIFT-small vectors, 10
 * queries, one warm-up and two rounds): both real systems run every workload and every answer is
 * checked by the harness itself; here the outputs are checked for being complete and consistent.
 * The data is seeded, so a failure reproduces by running this test again.
 */
class CompareHarnessTest {
    @TempDir
    static Path dir;

    private static Results results;
    private static List<String[]> csv;

    @BeforeAll
    static void runHarness() throws Exception {
        System.setProperty("java.awt.headless", "true");
        CompareOptions options = CompareOptions.parse(
                "--rows", "2000",
                "--out", dir.resolve("out").toString(),
                "--data", dir.resolve("data").toString(),
                "--rounds", "2",
                "--write-rounds", "1",
                "--ann-base", "2000",
                "--ann-queries", "10");
        results = CompareHarness.run(options);
        csv = readCsv(dir.resolve("out").resolve(ReportFiles.CSV));
    }

    @Test
    void everyWorkloadHasARowPerSystemOrSaysWhyNot() {
        Map<String, Set<String>> systems = new HashMap<>();
        for (String[] row : csv) {
            systems.computeIfAbsent(row[0], w -> new HashSet<>()).add(row[1]);
            String value = row[3];
            // Quiver has every capability the workloads need, so only Lance may say why not.
            boolean excused = row[1].equals("lance")
                    && (value.startsWith("not supported: ") || value.startsWith("not reached: "));
            assertTrue(excused || isNumber(value), "value of " + String.join(",", row));
        }
        Set<String> workloads = new HashSet<>();
        for (Results.Comparison c : results.comparisons()) {
            workloads.add(c.workload());
            assertEquals(Set.of("quiver", "lance"), systems.get(c.workload()), c.workload());
        }
        assertTrue(
                workloads.containsAll(List.of(
                        "write",
                        "full scan",
                        "filtered scan (1% by id range)",
                        "take 1,000 random rows",
                        "point lookup by key",
                        "upsert 1,000 rows",
                        "blob read, 1,000 random 2 KiB",
                        "loader epoch, table order",
                        "loader epoch, global shuffle",
                        AnnComparison.WORKLOAD,
                        AnnComparison.FILTERED)),
                workloads.toString());
    }

    @Test
    void whatLanceCannotDoIsSaid() {
        String[] refused = csv.stream()
                .filter(r -> r[0].equals("insert of an existing key refused") && r[1].equals("lance"))
                .findFirst()
                .orElseThrow();
        assertTrue(refused[3].startsWith("not supported: no enforced primary key"), refused[3]);
    }

    @Test
    void recallIsAFraction() {
        int recalls = 0;
        for (String[] row : csv) {
            if (row[2].endsWith("recall@10")) {
                double recall = Double.parseDouble(row[3]);
                assertTrue(recall >= 0 && recall <= 1, String.join(",", row));
                recalls++;
            }
        }
        // Quiver's beams, Lance's HNSW with and without refine, IVF_PQ with and without; then filtered.
        assertTrue(recalls >= 15, "recall rows: " + recalls);
    }

    @Test
    void markdownHasARowPerComparison() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("out").resolve(ReportFiles.MARKDOWN));
        long tableRows = lines.stream()
                .filter(l -> l.startsWith("| ") && !l.startsWith("| workload"))
                .count();
        assertEquals(results.comparisons().size(), tableRows);
    }

    @Test
    void plotsDecode() throws IOException {
        for (String png : List.of(Charts.RECALL_PNG, Charts.RATIO_PNG)) {
            BufferedImage image = ImageIO.read(dir.resolve("out").resolve(png).toFile());
            assertNotNull(image, png);
            assertTrue(image.getWidth() > 100 && image.getHeight() > 100, png);
        }
    }

    @Test
    void dataIsDeletedAfterTheRun() {
        assertTrue(Files.notExists(dir.resolve("data")));
    }

    /** A figure: a number, not negative (a rate over a time too short to measure may be infinite). */
    private static boolean isNumber(String value) {
        try {
            double v = Double.parseDouble(value);
            return v >= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** results.csv's rows without the header; quoted fields may hold commas. */
    private static List<String[]> readCsv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        assertEquals("workload,system,metric,value,unit", lines.getFirst());
        for (String line : lines.subList(1, lines.size())) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = !quoted;
                    }
                } else if (c == ',' && !quoted) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            assertEquals(5, fields.size(), line);
            rows.add(fields.toArray(String[]::new));
        }
        return rows;
    }
}

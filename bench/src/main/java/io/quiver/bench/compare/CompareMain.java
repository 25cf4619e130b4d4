package io.quiver.bench.compare;

import java.nio.file.Files;

/** {@code ./quiver bench compare [--rows N] [--out DIR] ...}: Quiver against Lance, side by side. */
public final class CompareMain {
    private CompareMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.out.print(CompareOptions.USAGE);
            return;
        }
        CompareOptions options;
        try {
            options = CompareOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("quiver bench compare: " + e.getMessage());
            System.err.print(CompareOptions.USAGE);
            System.exit(2);
            return;
        }
        System.setProperty("java.awt.headless", "true");
        CompareHarness.run(options);
        System.out.print(Files.readString(options.out().resolve(ReportFiles.MARKDOWN)));
        System.out.println("\nwritten to " + options.out().toAbsolutePath());
    }
}

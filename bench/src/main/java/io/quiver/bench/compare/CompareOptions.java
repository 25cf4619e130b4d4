package io.quiver.bench.compare;

import io.quiver.engine.BenchTable;
import io.quiver.engine.ann.AnnData;
import java.nio.file.Path;

/**
 * The harness's settings, validated once. {@code rows} is the size of the generated table;
 * {@code annBase} and {@code annQueries} cut SIFT-small down for quick runs (below its 10,000
 * base vectors the ground truth is recomputed by brute force).
 */
record CompareOptions(
        long rows,
        Path out,
        Path data,
        Path sift,
        int warmups,
        int rounds,
        int writeRounds,
        int annBase,
        int annQueries,
        boolean keepData) {
    static final String USAGE = """
            usage: ./quiver bench compare [--rows N] [--out DIR] [options]

              --rows N          rows of the generated table (default 1,000,000)
              --out DIR         where results.csv, results.md and the PNGs go (default bench/target/compare)
              --data DIR        where both systems' tables are written, deleted afterwards (default bench/target/compare-data)
              --keep-data       keep the tables
              --sift DIR        SIFT-small's folder (default datasets/siftsmall)
              --rounds R        measured rounds per workload (default 5), after --warmups W (default 1)
              --write-rounds R  measured rounds of the full write (default 3)
              --ann-base M      SIFT-small base vectors used (default all 10,000)
              --ann-queries Q   SIFT-small queries used (default all 100)
            """;

    CompareOptions {
        positive("rows", rows);
        positive("rounds", rounds);
        positive("write-rounds", writeRounds);
        positive("ann-base", annBase);
        positive("ann-queries", annQueries);
        if (warmups < 0) {
            throw new IllegalArgumentException("warmups must be 0 or more, got " + warmups);
        }
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** The defaults, changed one setting at a time. */
    static final class Builder {
        long rows = 1_000_000;
        Path out;
        Path data;
        Path sift;
        int warmups = 1;
        int rounds = 5;
        int writeRounds = 3;
        int annBase = 10_000;
        int annQueries = 100;
        boolean keepData;

        CompareOptions build() {
            Path target = BenchTable.dataRoot().getParent();
            return new CompareOptions(
                    rows,
                    out != null ? out : target.resolve("compare"),
                    data != null ? data : target.resolve("compare-data"),
                    sift != null ? sift : AnnData.siftDir(),
                    warmups,
                    rounds,
                    writeRounds,
                    annBase,
                    annQueries,
                    keepData);
        }
    }

    static CompareOptions parse(String... args) {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--keep-data")) {
                b.keepData = true;
                continue;
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String v = args[++i];
            switch (flag) {
                case "--rows" -> b.rows = number(flag, v);
                case "--out" -> b.out = Path.of(v);
                case "--data" -> b.data = Path.of(v);
                case "--sift" -> b.sift = Path.of(v);
                case "--warmups" -> b.warmups = (int) number(flag, v);
                case "--rounds" -> b.rounds = (int) number(flag, v);
                case "--write-rounds" -> b.writeRounds = (int) number(flag, v);
                case "--ann-base" -> b.annBase = (int) number(flag, v);
                case "--ann-queries" -> b.annQueries = (int) number(flag, v);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        return b.build();
    }

    /** A count such as 1000000, 1_000_000 or 1,000,000. */
    private static long number(String flag, String text) {
        try {
            long value = Long.parseLong(text.replace("_", "").replace(",", ""));
            if (value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(flag + " is too large: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a number, got '" + text + "'", e);
        }
    }
}

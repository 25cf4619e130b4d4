package io.quiver.engine;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The table that the read benchmarks share: {@code rows} {@link SampleRows}, written by one
 * append (so one fragment up to 2^20 rows), with default options. Generating a million rows
 * takes a while and about 0.6 GB, so the table is kept under
 * {@code bench/target/bench-data/<rows>-<hash of the generator's parameters>} and reused by later
 * forks and runs once it opens, holds {@code rows} rows and passes {@link Dataset#verify}.
 * {@code -Dquiver.bench.data=DIR} moves it; deleting the folder (or {@code mvn clean}) forces a
 * new one.
 */
@State(Scope.Benchmark)
public class BenchTable implements AutoCloseable {
    /** Bump when the generated rows change, so that tables cached by older code are not reused. */
    static final int GENERATOR_VERSION = 1;

    static final int BATCH_ROWS = 8192;

    @Param("1000000")
    public int rows;

    private Dataset dataset;
    private long[] rowAddresses;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dataset = openOrCreate(dataRoot(), rows);
    }

    @TearDown(Level.Trial)
    @Override
    public void close() {
        if (dataset != null) {
            dataset.close();
            dataset = null;
        }
    }

    public Dataset dataset() {
        return dataset;
    }

    /** Every row's address, in table order: what {@link Dataset#take} accepts. */
    synchronized long[] rowAddresses() throws IOException {
        if (rowAddresses == null) {
            rowAddresses = dataset.scan().rowAddresses();
        }
        return rowAddresses;
    }

    /** Where cached tables live: {@code target/bench-data} of the module these classes were built in. */
    public static Path dataRoot() {
        String configured = System.getProperty("quiver.bench.data");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        try {
            Path classes = Path.of(BenchTable.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return classes.getParent().resolve("bench-data");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the bench module; set -Dquiver.bench.data", e);
        }
    }

    /** Opens the cached table of {@code rows} rows under {@code root}, generating it first if needed. */
    static Dataset openOrCreate(Path root, int rows) throws IOException {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be positive, got " + rows);
        }
        return openOrCreate(root.resolve(rows + "-" + parametersHash(rows)), rows, dir -> generate(dir, rows));
    }

    /** Writes a table into a new folder. */
    @FunctionalInterface
    public interface Generator {
        void generate(Path table) throws IOException;
    }

    /**
     * Opens the cached table at {@code table} if it holds {@code rows} rows and verifies, else
     * generates it beside and moves it into place (so a run stopped halfway leaves no table).
     */
    public static Dataset openOrCreate(Path table, long rows, Generator generator) throws IOException {
        Dataset cached = openIfValid(table, rows);
        if (cached != null) {
            return cached;
        }
        deleteTree(table);
        Files.createDirectories(table.getParent());
        Path building = table.resolveSibling(
                table.getFileName() + ".building-" + ProcessHandle.current().pid());
        deleteTree(building);
        long t0 = System.nanoTime();
        System.err.printf("quiver bench: generating a table of %,d rows in %s...%n", rows, table);
        generator.generate(building);
        try {
            Files.move(building, table, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            deleteTree(building); // another run finished the same table first; it is checked below
        }
        System.err.printf("quiver bench: generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Dataset made = openIfValid(table, rows);
        if (made == null) {
            throw new IOException("the table generated in " + table + " does not check out");
        }
        return made;
    }

    /** A short hash of a description of everything that decides a table's bytes. */
    public static String hash(String parameters) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(parameters.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The table's name depends on everything that decides its bytes, so a change makes a new one. */
    static String parametersHash(int rows) {
        return hash("generator=" + GENERATOR_VERSION + " rows=" + rows + " seed=" + SampleRows.SEED + " batch="
                + BATCH_ROWS + " schema=" + SampleRows.SCHEMA + " write=" + WriteOptions.DEFAULT);
    }

    private static void generate(Path table, int rows) throws IOException {
        try (Dataset ds = Dataset.create(table, SampleRows.SCHEMA);
                BatchReader reader = new BatchReader(
                        ds.allocator(), SampleRows.SCHEMA, (rows + BATCH_ROWS - 1) / BATCH_ROWS, (index, root) -> {
                            long first = (long) index * BATCH_ROWS;
                            SampleRows.fill(root, first, (int) Math.min(BATCH_ROWS, rows - first));
                        })) {
            ds.append(reader);
        }
    }

    /** The table if it opens, holds {@code rows} rows and every checksum passes; else null. */
    private static Dataset openIfValid(Path table, long rows) {
        if (!Files.isDirectory(table)) {
            return null;
        }
        Dataset ds = null;
        try {
            ds = Dataset.open(table);
            if (ds.count() == rows) {
                ds.verify();
                return ds;
            }
            System.err.printf(
                    "quiver bench: %s holds %,d rows, not %,d; generating it again%n", table, ds.count(), rows);
        } catch (IOException | RuntimeException e) {
            System.err.printf("quiver bench: cannot use %s (%s); generating it again%n", table, e);
        }
        if (ds != null) {
            ds.close();
        }
        return null;
    }

    /** Deletes a folder this code made (a table or a partial one) and everything in it. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

package io.quiver.sql;

import io.quiver.engine.BatchReader;
import io.quiver.engine.BenchTable;
import io.quiver.engine.Dataset;
import io.quiver.engine.vector.IndexInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;

/**
 * The SQL benchmarks' warehouse: one table {@code t (id BIGINT PRIMARY KEY, label VARCHAR,
 * embedding VECTOR(128))} of {@code rows} rows, made by SQL DDL, loaded in one insert through the
 * Java API (a million INSERTs would take far longer than the benchmark) and indexed by SQL
 * ({@code ALTER TABLE t ADD VECTOR INDEX emb_idx ON embedding WITH (metric = 'l2', m = 16,
 * ef_construction = 100)}, two build threads). Ids are 0, 1, 2, ...; {@code label} is one of 100
 * values ({@code label 042}, {@code id % 100}), so {@code label = ?} matches 1% of the rows;
 * embeddings are Gaussian around 1,000 seeded centres (spread 1 around centres spread 4, as
 * {@code AnnData.clustered}), each row's drawn from its own seed so batches can be made in any
 * order. Queries come from the same clusters.
 *
 * <p>Building a million rows and their index takes minutes, so the warehouse is kept under
 * {@code bench/target/bench-data/sql-<rows>-<hash>} (like {@link BenchTable}) and reused once its
 * table opens, holds {@code rows} rows, has its index over all of them and passes
 * {@link Dataset#verify}.
 */
final class SqlBenchTable {
    static final String TABLE = "t";
    static final int LABELS = 100;
    static final int DIMENSION = 128;
    static final int QUERIES = 1000;
    private static final int CLUSTERS = 1000;
    private static final long SEED = 11;
    private static final int GENERATOR_VERSION = 1;
    private static final int BATCH_ROWS = 8192;
    static final String CREATE =
            "CREATE TABLE t (id BIGINT PRIMARY KEY, label VARCHAR, embedding VECTOR(" + DIMENSION + "))";
    static final String INDEX =
            "ALTER TABLE t ADD VECTOR INDEX emb_idx ON embedding WITH (metric = 'l2', m = 16, ef_construction = 100)";

    private SqlBenchTable() {}

    static String label(long id) {
        return String.format(Locale.ROOT, "label %03d", id % LABELS);
    }

    /** The warehouse folder holding the cached table of {@code rows} rows, built first if needed. */
    static Path cached(int rows) throws IOException, SQLException {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be positive, got " + rows);
        }
        String parameters = "generator=" + GENERATOR_VERSION + " rows=" + rows + " seed=" + SEED + " clusters="
                + CLUSTERS + " labels=" + LABELS + " batch=" + BATCH_ROWS + " " + CREATE + "; " + INDEX;
        Path warehouse = BenchTable.dataRoot().resolve("sql-" + rows + "-" + BenchTable.hash(parameters));
        if (valid(warehouse, rows)) {
            return warehouse;
        }
        BenchTable.deleteTree(warehouse);
        Files.createDirectories(warehouse.getParent());
        Path building = warehouse.resolveSibling(
                warehouse.getFileName() + ".building-" + ProcessHandle.current().pid());
        BenchTable.deleteTree(building);
        System.err.printf("quiver bench: generating a SQL table of %,d rows and its index in %s...%n", rows, warehouse);
        long t0 = System.nanoTime();
        generate(building, rows);
        try {
            Files.move(building, warehouse, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            BenchTable.deleteTree(building); // another run finished first; it is checked below
        }
        System.err.printf("quiver bench: generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        if (!valid(warehouse, rows)) {
            throw new IOException("the warehouse generated in " + warehouse + " does not check out");
        }
        return warehouse;
    }

    private static boolean valid(Path warehouse, int rows) {
        Path table = warehouse.resolve(TABLE);
        if (!Files.isDirectory(table)) {
            return false;
        }
        try (Dataset ds = Dataset.open(table)) {
            List<IndexInfo> indexes = ds.indexes();
            if (ds.count() == rows && indexes.size() == 1 && indexes.getFirst().indexedRows() == rows) {
                ds.verify();
                return true;
            }
            System.err.printf("quiver bench: %s is not the table expected; generating it again%n", table);
        } catch (IOException | RuntimeException e) {
            System.err.printf("quiver bench: cannot use %s (%s); generating it again%n", table, e);
        }
        return false;
    }

    private static void generate(Path warehouse, int rows) throws IOException, SQLException {
        try (QuiverSql sql = QuiverSql.open(warehouse)) {
            sql.execute(CREATE);
        }
        float[][] centres = centres();
        long t0 = System.nanoTime();
        try (Dataset ds = Dataset.open(warehouse.resolve(TABLE));
                BatchReader reader = new BatchReader(
                        ds.allocator(), ds.schema(), (rows + BATCH_ROWS - 1) / BATCH_ROWS, (index, root) -> {
                            long first = (long) index * BATCH_ROWS;
                            fill(root, centres, first, (int) Math.min(BATCH_ROWS, rows - first));
                        })) {
            ds.insert(reader);
        }
        System.err.printf("quiver bench: rows inserted in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        try (QuiverSql sql = QuiverSql.open(warehouse)) {
            sql.execute(INDEX);
        }
        System.err.printf("quiver bench: index built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static void fill(VectorSchemaRoot root, float[][] centres, long first, int n) {
        root.allocateNew();
        BigIntVector id = (BigIntVector) root.getVector("id");
        VarCharVector label = (VarCharVector) root.getVector("label");
        FixedSizeListVector embedding = (FixedSizeListVector) root.getVector("embedding");
        Float4Vector values = (Float4Vector) embedding.getDataVector();
        float[] v = new float[DIMENSION];
        for (int i = 0; i < n; i++) {
            long row = first + i;
            id.setSafe(i, row);
            label.setSafe(i, label(row).getBytes(StandardCharsets.UTF_8));
            vector(centres, row, v);
            embedding.setNotNull(i);
            for (int d = 0; d < DIMENSION; d++) {
                values.setSafe(i * DIMENSION + d, v[d]);
            }
        }
        values.setValueCount(n * DIMENSION);
        root.setRowCount(n);
    }

    private static float[][] centres() {
        Random random = new Random(SEED);
        float[][] centres = new float[CLUSTERS][DIMENSION];
        for (float[] c : centres) {
            for (int d = 0; d < DIMENSION; d++) {
                c[d] = (float) (4 * random.nextGaussian());
            }
        }
        return centres;
    }

    /** Row {@code row}'s vector: a random centre plus unit Gaussian noise, from the row's own seed. */
    private static void vector(float[][] centres, long row, float[] out) {
        SplittableRandom random = new SplittableRandom(SEED * 0x9E3779B97F4A7C15L + row);
        float[] c = centres[random.nextInt(CLUSTERS)];
        for (int d = 0; d < DIMENSION; d++) {
            out[d] = c[d] + (float) random.nextGaussian();
        }
    }

    /** Query vectors from the same clusters (rows far past any table's ids, so never in it). */
    static float[][] queries() {
        float[][] centres = centres();
        float[][] out = new float[QUERIES][DIMENSION];
        for (int q = 0; q < QUERIES; q++) {
            vector(centres, Long.MAX_VALUE / 2 + q, out[q]);
        }
        return out;
    }
}

package io.quiver.engine;

import io.quiver.engine.pk.PrimaryKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The primary-key benchmarks' table: {@link SampleRows} with {@code id} as the primary key,
 * inserted in one commit and cached like {@link BenchTable}. Benchmarks that write get a copy
 * made of hard links (every Quiver file is immutable, so the copy costs no data and the cached
 * table never changes).
 */
final class PkTable {
    private static final int GENERATOR_VERSION = 1;

    private PkTable() {}

    static Path cached(int rows) throws IOException {
        String name = "pk-" + rows + "-"
                + BenchTable.hash("generator=" + GENERATOR_VERSION + " seed=" + SampleRows.SEED + " schema="
                        + SampleRows.SCHEMA + " write=" + WriteOptions.DEFAULT);
        Path table = BenchTable.dataRoot().resolve(name);
        try (Dataset ds = BenchTable.openOrCreate(table, rows, dir -> generate(dir, rows))) {
            return ds.path();
        }
    }

    private static void generate(Path dir, int rows) throws IOException {
        try (Dataset ds = Dataset.create(dir, SampleRows.SCHEMA, PrimaryKey.of("id"), DatasetOptions.DEFAULT);
                BatchReader reader = new BatchReader(
                        ds.allocator(),
                        SampleRows.SCHEMA,
                        (rows + BenchTable.BATCH_ROWS - 1) / BenchTable.BATCH_ROWS,
                        (index, root) -> {
                            long first = (long) index * BenchTable.BATCH_ROWS;
                            SampleRows.fill(root, first, (int) Math.min(BenchTable.BATCH_ROWS, rows - first));
                        })) {
            ds.insert(reader);
        }
    }

    /** A writable copy of the cached table of {@code rows} rows, under {@code name} in the bench data folder. */
    static Dataset openCopy(int rows, String name) throws IOException {
        return Dataset.open(linkedCopy(cached(rows), BenchTable.dataRoot().resolve(name)));
    }

    /** Closes a copy and deletes its folder. */
    static void closeAndDelete(Dataset copy) throws IOException {
        Path path = copy.path();
        copy.close();
        BenchTable.deleteTree(path);
    }

    /** A writable copy of the cached table in {@code to} (which must not exist), made of hard links. */
    private static Path linkedCopy(Path from, Path to) throws IOException {
        BenchTable.deleteTree(to);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createLink(target, p);
                }
            }
        }
        return to;
    }

    /** A batch of {@link SampleRows} rows with the given ids. */
    static void fillWithIds(org.apache.arrow.vector.VectorSchemaRoot batch, List<Long> ids) {
        SampleRows.fill(batch, 0, ids.size());
        org.apache.arrow.vector.BigIntVector id = (org.apache.arrow.vector.BigIntVector) batch.getVector("id");
        for (int i = 0; i < ids.size(); i++) {
            id.set(i, ids.get(i));
        }
    }
}

package io.quiver.engine.demo;

import io.quiver.engine.Dataset;
import io.quiver.engine.DuplicateKeyException;
import io.quiver.engine.VersionInfo;
import io.quiver.engine.expr.Expr;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.loader.DataLoader;
import io.quiver.engine.loader.LoaderBatch;
import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.schema.ColumnType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@code ./quiver demo [dir] [rows]}: writes a sample table of structured columns, embeddings
 * and images (a BLOB column) with {@code id} as primary key, reads it back by scan, filter,
 * random take and key lookup, upserts, reads blobs,
 * deletes, travels back in time, compacts, and feeds a two-rank shuffled training loader that
 * decodes the images, printing what it did with timings.
 */
public final class Demo {
    static final int DIMENSION = 128;
    static final int BATCH = 8192;
    /** Distinct generated images; row r shows image r % IMAGES. */
    static final int IMAGES = 512;

    private Demo() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "demo-data").toAbsolutePath();
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        Path table = dir.resolve("images");
        removeOldDemoTable(table);
        Files.createDirectories(dir);
        System.out.printf(
                "Quiver demo: %,d rows of (id BIGINT, label VARCHAR, embedding VECTOR(%d), image BLOB) in %s%n%n",
                rows, DIMENSION, table);

        Schema schema = new Schema(java.util.List.of(
                new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
                new Field("label", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
                new Field(
                        "embedding",
                        FieldType.nullable(new ArrowType.FixedSizeList(DIMENSION)),
                        java.util.List.of(new Field(
                                "item",
                                FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
                                null))),
                new Field(
                        "image",
                        new FieldType(
                                true,
                                ArrowType.Binary.INSTANCE,
                                null,
                                java.util.Map.of(ColumnType.ARROW_TYPE_KEY, ColumnType.ARROW_BLOB)),
                        null)));
        byte[][] images = DemoImages.generate(IMAGES, 42);

        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(
                        table,
                        schema,
                        PrimaryKey.of("id"),
                        io.quiver.engine.DatasetOptions.DEFAULT.withAllocator(allocator))) {
            long appendNanos = 0;
            long bytes = 0;
            try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema, allocator)) {
                for (int start = 0; start < rows; start += BATCH) {
                    int n = Math.min(BATCH, rows - start);
                    fill(batch, start, n, images);
                    bytes += batch.getFieldVectors().stream()
                            .mapToLong(v -> v.getBufferSize())
                            .sum();
                    long t = System.nanoTime();
                    ds.append(batch);
                    appendNanos += System.nanoTime() - t;
                }
            }
            System.out.printf(
                    "  %-16s %8.1f ms  %,d rows in %d commits (one per batch), %.0f MB/s of Arrow input%n",
                    "append", appendNanos / 1e6, rows, (rows + BATCH - 1) / BATCH, bytes * 1e3 / appendNanos);
            // Reads run three times: the first runs include class loading and JIT compilation.
            long t0 = 0;
            long scanned = 0;
            long scannedBytes = 0;
            for (int run = 0; run < 3; run++) {
                t0 = System.nanoTime();
                scanned = 0;
                scannedBytes = 0;
                try (ArrowReader reader = ds.scan().toArrowReader()) {
                    while (reader.loadNextBatch()) {
                        scanned += reader.getVectorSchemaRoot().getRowCount();
                        scannedBytes += reader.getVectorSchemaRoot().getFieldVectors().stream()
                                .mapToLong(v -> v.getBufferSize())
                                .sum();
                    }
                }
            }
            report(
                    "full scan",
                    t0,
                    String.format(
                            "%,d rows, %.0f MB decoded, %.2f GB/s (third run)",
                            scanned, scannedBytes / 1e6, scannedBytes / 1e9 / secondsSince(t0)));

            Expr filter = Filters.and(Filters.lt("id", 5_000L), Filters.like("label", "cat%"));
            long matched = 0;
            for (int run = 0; run < 3; run++) {
                t0 = System.nanoTime();
                matched = ds.count(filter);
            }
            report(
                    "filtered count",
                    t0,
                    String.format(
                            "id < 5000 AND label LIKE 'cat%%': %,d rows (statistics skip pages outside the id range)",
                            matched));

            // Takes repeat: the first ones also fill the cache of decompressed pages.
            Random random = new Random(42);
            long[] all = ds.scan().rowAddresses();
            double[] takeMillis = new double[30];
            String first = "";
            for (int run = 0; run < takeMillis.length; run++) {
                long[] addresses = new long[1_000];
                for (int i = 0; i < addresses.length; i++) {
                    addresses[i] = all[random.nextInt(all.length)];
                }
                t0 = System.nanoTime();
                try (VectorSchemaRoot taken = ds.take(addresses)) {
                    takeMillis[run] = (System.nanoTime() - t0) / 1e6;
                    first = "id=" + ((BigIntVector) taken.getVector("id")).get(0) + " label="
                            + taken.getVector("label").getObject(0);
                }
            }
            double[] warm = Arrays.copyOfRange(takeMillis, takeMillis.length / 2, takeMillis.length);
            Arrays.sort(warm);
            System.out.printf(
                    "  %-16s %8.1f ms  1,000 random rows, all columns: median of the last %d of %d takes (first took %.1f ms); %s%n",
                    "random take", warm[warm.length / 2], warm.length, takeMillis.length, takeMillis[0], first);

            blobReads(ds, all, random);

            long before = ds.version();
            t0 = System.nanoTime();
            long deleted = ds.delete(Filters.lt("id", 1_000L));
            report(
                    "delete",
                    t0,
                    String.format(
                            "id < 1000: %,d rows, now version %d with %,d rows", deleted, ds.version(), ds.count()));

            try (Dataset old = Dataset.open(table, before)) {
                System.out.printf("  time travel      version %d still has %,d rows%n", before, old.count());
            }

            t0 = System.nanoTime();
            var compaction = ds.compact();
            report(
                    "compact",
                    t0,
                    String.format(
                            "%d fragments into %d, dropped %,d deleted rows",
                            compaction.fragmentsRemoved(),
                            compaction.fragmentsAdded(),
                            compaction.deletedRowsDropped()));

            keyedWrites(ds, rows, images, random);

            DemoVectors.search(ds, rows);

            t0 = System.nanoTime();
            ds.verify();
            report("verify", t0, "every page, deletion vector, blob, index and file checksum checked");

            shuffledLoader(ds);

            var versions = ds.versions();
            VersionInfo last = versions.getLast();
            System.out.printf(
                    "%n%d versions; newest: %d (%s: %s), %,d rows%n",
                    versions.size(), last.version(), last.operation(), last.summary(), last.rows());
        }
    }

    private static void fill(VectorSchemaRoot batch, int start, int n, byte[][] images) {
        BigIntVector id = (BigIntVector) batch.getVector("id");
        VarCharVector label = (VarCharVector) batch.getVector("label");
        FixedSizeListVector embedding = (FixedSizeListVector) batch.getVector("embedding");
        VarBinaryVector image = (VarBinaryVector) batch.getVector("image");
        Float4Vector values = (Float4Vector) embedding.getDataVector();
        batch.getFieldVectors().forEach(v -> v.setInitialCapacity(n));
        batch.allocateNew();
        String[] animals = {"cat", "dog", "bird", "fish", "horse"};
        for (int i = 0; i < n; i++) {
            long row = start + i;
            id.set(i, row);
            label.setSafe(
                    i, (animals[(int) (row % animals.length)] + " photo " + row).getBytes(StandardCharsets.UTF_8));
            image.setSafe(i, images[(int) (row % images.length)]);
            embedding.setNotNull(i);
            float[] v = DemoVectors.embedding(row);
            for (int d = 0; d < DIMENSION; d++) {
                values.setSafe(i * DIMENSION + d, v[d]);
            }
        }
        values.setValueCount(n * DIMENSION);
        batch.setRowCount(n);
    }

    /** Point lookups by primary key, and an upsert that replaces some rows and adds others. */
    private static void keyedWrites(Dataset ds, int rows, byte[][] images, Random random) throws IOException {
        if (rows < 2_000) {
            System.out.printf("  %-16s skipped: the table is too small after deleting ids below 1,000%n", "key lookup");
            return;
        }
        double[] micros = new double[2_000];
        String found = "";
        for (int i = 0; i < micros.length; i++) {
            long id = 1_000 + random.nextInt(rows - 1_000); // ids below 1,000 were deleted
            long t0 = System.nanoTime();
            var row = ds.get(id);
            micros[i] = (System.nanoTime() - t0) / 1e3;
            found = "id=" + row.get("id") + " label=" + row.get("label");
        }
        double[] warm = Arrays.copyOfRange(micros, micros.length / 2, micros.length);
        Arrays.sort(warm);
        System.out.printf(
                "  %-16s %8.3f ms  get(id) of a random key: p50 %.1f us, p99 %.1f us over %,d lookups; %s%n",
                "key lookup",
                warm[warm.length / 2] / 1e3,
                warm[warm.length / 2],
                warm[(int) (warm.length * 0.99)],
                warm.length,
                found);
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(ds.schema(), ds.allocator())) {
            fill(batch, rows - 500, 1_000, images); // 500 present ids, 500 new ones
            long t0 = System.nanoTime();
            ds.upsert(batch);
            report("upsert", t0, String.format("1,000 rows by key (500 replaced, 500 new): %,d rows", ds.count()));
        }
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(ds.schema(), ds.allocator())) {
            fill(batch, rows - 1, 1, images);
            long t0 = System.nanoTime();
            try {
                ds.insert(batch);
            } catch (DuplicateKeyException e) {
                report("insert", t0, "of an existing key refused: " + e.getMessage());
            }
        }
    }

    /** Reads images by random take: blobs come as lazy handles, read and checksummed on demand. */
    private static void blobReads(Dataset ds, long[] all, Random random) throws IOException {
        double[] millis = new double[10];
        long bytes = 0;
        String firstImage = "";
        for (int run = 0; run < millis.length; run++) {
            long[] addresses = new long[1_000];
            for (int i = 0; i < addresses.length; i++) {
                addresses[i] = all[random.nextInt(all.length)];
            }
            long t0 = System.nanoTime();
            bytes = 0;
            try (VectorSchemaRoot taken = ds.take(addresses, "image")) {
                for (int i = 0; i < addresses.length; i++) {
                    byte[] png = ds.blob(taken.getVector("image"), i).readAllBytes();
                    bytes += png.length;
                    if (i == 0) {
                        firstImage = DemoImages.dimensions(png);
                    }
                }
            }
            millis[run] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf(
                "  %-16s %8.1f ms  1,000 random images by take + read, %,d bytes (median of %d; first is a %s PNG)%n",
                "blob take", millis[millis.length / 2], bytes, millis.length, firstImage);
    }

    /**
     * A training job of two ranks: each reads its shard of a shuffled epoch of the first 20,000
     * ids, and the read-ahead threads decode every image before the batch reaches the job.
     */
    private static void shuffledLoader(Dataset ds) throws IOException {
        long t0 = System.nanoTime();
        long[] perRank = new long[2];
        long firstId = -1;
        String firstImage = "";
        for (int rank = 0; rank < 2; rank++) {
            try (DataLoader loader = DataLoader.builder(ds)
                    .columns("id", "embedding", "image")
                    .filter(Filters.lt("id", 20_000L))
                    .batchSize(1024)
                    .shard(rank, 2)
                    .shuffle(7)
                    .epoch(0)
                    .decode("image", blob -> DemoImages.dimensions(blob.readAllBytes()))
                    .build()) {
                for (LoaderBatch batch = loader.next(); batch != null; batch = loader.next()) {
                    if (firstId < 0) {
                        firstId = (Long) batch.row(0).get("id");
                        firstImage = batch.row(0).decoded("image", String.class);
                    }
                    perRank[rank] += batch.rowCount();
                    batch.close();
                }
            }
        }
        report(
                "loader",
                t0,
                String.format(
                        "id < 20000, shuffled, 2 ranks, PNGs decoded by the read-ahead threads: %,d + %,d rows"
                                + " in batches of 1,024 (first id %d, a %s image), %.0f rows/s",
                        perRank[0], perRank[1], firstId, firstImage, (perRank[0] + perRank[1]) / secondsSince(t0)));
    }

    /** Removes a previous run's table, and only a Quiver table: never arbitrary files. */
    private static void removeOldDemoTable(Path table) throws IOException {
        if (!Files.isDirectory(table.resolve("_versions"))) {
            if (Files.exists(table)) {
                throw new IOException(table + " exists and is not a Quiver table; pick another folder");
            }
            return;
        }
        try (Stream<Path> walk = Files.walk(table)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static void report(String step, long t0, String what) {
        System.out.printf("  %-16s %8.1f ms  %s%n", step, (System.nanoTime() - t0) / 1e6, what);
    }
}

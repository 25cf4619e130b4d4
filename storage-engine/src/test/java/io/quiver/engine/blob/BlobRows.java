package io.quiver.engine.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.blob.BlobSource;
import io.quiver.engine.Dataset;
import io.quiver.engine.DatasetOptions;
import io.quiver.engine.WriteOptions;
import io.quiver.engine.testing.RandomRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A table of {@code (id BIGINT NOT NULL, label UTF8, blob BLOB)} and its model: each id's label
 * and blob bytes (null for null values). Checks read every row back every way the engine offers
 * and compare it with the model; the blob handle checks are {@link BlobModel#checkBlob}'s.
 */
final class BlobRows {
    static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            Field.nullable("label", ArrowType.Utf8.INSTANCE),
            RandomRows.blob("blob")));
    /** The batch of an append whose blobs come from sources: every column but the blob. */
    static final Schema WITHOUT_BLOB = new Schema(SCHEMA.getFields().subList(0, 2));

    /**
     * Sizes where the write path changes: empty, one byte, either side of the default inline
     * threshold (4096) and of the 64 KiB checksum chunk.
     */
    static final int[] EDGE_SIZES = {0, 1, 4095, 4096, 4097, 65_535, 65_536, 65_537};

    /** One row of the model; {@code blob} is null for a null value. */
    record Row(String label, byte[] blob) {}

    final TreeMap<Long, Row> rows = new TreeMap<>();

    /** A copy of the model as it is now, to check an older version against later. */
    BlobRows copy() {
        BlobRows m = new BlobRows();
        m.rows.putAll(rows);
        return m;
    }

    static DatasetOptions options(BufferAllocator allocator, long maxRowsPerFragment, int inlineBytes, long packBytes) {
        return DatasetOptions.DEFAULT
                .withAllocator(allocator)
                .withWriteOptions(WriteOptions.DEFAULT
                        .withMaxRowsPerFragment(maxRowsPerFragment)
                        .withBlobInlineBytes(inlineBytes)
                        .withBlobPackBytes(packBytes));
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    /** Mostly small random sizes, often an edge size, rarely 1 MiB (those are slow to check). */
    static int randomSize(Random random) {
        int pick = random.nextInt(100);
        if (pick < 25) {
            return EDGE_SIZES[random.nextInt(EDGE_SIZES.length)];
        }
        if (pick < 27) {
            return 1 << 20;
        }
        return random.nextInt(pick < 60 ? 300 : 20_000);
    }

    /** A random row: a tenth of labels and of blobs are null. */
    static Row randomRow(Random random) {
        String label = random.nextInt(10) == 0 ? null : "label-" + random.nextInt(1000);
        byte[] blob = random.nextInt(10) == 0 ? null : randomBytes(random, randomSize(random));
        return new Row(label, blob);
    }

    /** Appends rows with their blob bytes in the batch; returns the new version. */
    long appendBytes(Dataset ds, Map<Long, Row> batch) throws IOException {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, ds.allocator())) {
            fillIdsAndLabels(root, batch);
            VarBinaryVector blob = (VarBinaryVector) root.getVector("blob");
            int i = 0;
            for (Row r : batch.values()) {
                if (r.blob() == null) {
                    blob.setNull(i);
                } else {
                    blob.setSafe(i, r.blob());
                }
                i++;
            }
            root.setRowCount(batch.size());
            long version = ds.append(root);
            rows.putAll(batch);
            return version;
        }
    }

    /**
     * Appends rows whose blobs stream from {@code sources} (one per row, in the map's order;
     * null for a null blob); each row's {@code blob} is what its source yields.
     */
    long appendSources(Dataset ds, Map<Long, Row> batch, List<BlobSource> sources) throws IOException {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(WITHOUT_BLOB, ds.allocator())) {
            fillIdsAndLabels(root, batch);
            root.setRowCount(batch.size());
            long version = ds.append(root, Map.of("blob", sources));
            rows.putAll(batch);
            return version;
        }
    }

    private static void fillIdsAndLabels(VectorSchemaRoot root, Map<Long, Row> batch) {
        BigIntVector id = (BigIntVector) root.getVector("id");
        VarCharVector label = (VarCharVector) root.getVector("label");
        int i = 0;
        for (var e : batch.entrySet()) {
            id.setSafe(i, e.getKey());
            if (e.getValue().label() == null) {
                label.setNull(i);
            } else {
                label.setSafe(i, e.getValue().label().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            i++;
        }
    }

    /**
     * Every row read back equals the model: by a scan with blob handles, by a scan with blob
     * bytes (in random batch sizes), and by a take of the rows in random order with repeats.
     */
    void check(Dataset ds, Random random, String context) throws IOException {
        List<Long> addresses = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        try (ArrowReader reader = ds.scan().withRowAddress().toArrowReader()) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    long id = ((BigIntVector) root.getVector("id")).get(i);
                    ids.add(id);
                    addresses.add(((BigIntVector) root.getVector("_rowaddr")).get(i));
                    checkRow(ds, root, i, context + ", scan");
                }
            }
        }
        assertEquals(List.copyOf(rows.keySet()), ids.stream().sorted().toList(), context + ": the ids, each once");

        int batchSize = 1 + random.nextInt(64);
        try (ArrowReader reader = ds.scan().withBlobBytes().batchSize(batchSize).toArrowReader()) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    long id = ((BigIntVector) root.getVector("id")).get(i);
                    assertArrayEquals(
                            rows.get(id).blob(),
                            ((VarBinaryVector) root.getVector("blob")).getObject(i),
                            context + ", scan of bytes in batches of " + batchSize + ", id " + id);
                }
            }
        }

        // A take reads rows by address, in any order and with repeats (a shuffled sampler's pattern).
        List<Long> wanted = new ArrayList<>(addresses);
        for (int i = 0; i < Math.min(10, addresses.size()); i++) {
            wanted.add(addresses.get(random.nextInt(addresses.size())));
        }
        Collections.shuffle(wanted, random);
        List<String> columns = new ArrayList<>(List.of("id", "label", "blob"));
        Collections.shuffle(columns, random);
        try (VectorSchemaRoot taken =
                ds.take(wanted.stream().mapToLong(Long::longValue).toArray(), columns.toArray(String[]::new))) {
            assertEquals(wanted.size(), taken.getRowCount(), context + ": rows taken");
            for (int i = 0; i < wanted.size(); i++) {
                checkRow(ds, taken, i, context + ", take");
            }
        }

        // Ranged reads are the slow part: check them on a sample of the rows.
        for (int k = 0; k < Math.min(8, addresses.size()); k++) {
            long address = addresses.get(random.nextInt(addresses.size()));
            try (VectorSchemaRoot one = ds.take(new long[] {address}, "id", "blob")) {
                long id = ((BigIntVector) one.getVector("id")).get(0);
                BlobModel.checkBlob(
                        ds.blob(one.getVector("blob"), 0),
                        rows.get(id).blob(),
                        random,
                        context + ", ranges of id " + id);
            }
        }
    }

    /** Row {@code i} of a batch read from the table: its label, and its blob by handle. */
    private void checkRow(Dataset ds, VectorSchemaRoot root, int i, String context) throws IOException {
        long id = ((BigIntVector) root.getVector("id")).get(i);
        Row expected = rows.get(id);
        if (expected == null) {
            throw new AssertionError(context + ": id " + id + " is not in the model");
        }
        Object label = root.getVector("label").getObject(i);
        assertEquals(expected.label(), label == null ? null : label.toString(), context + ": label of id " + id);
        var blob = ds.blob(root.getVector("blob"), i);
        if (expected.blob() == null) {
            assertEquals(null, blob, context + ": null blob of id " + id);
        } else {
            assertEquals(expected.blob().length, blob.length(), context + ": length of id " + id);
            assertArrayEquals(expected.blob(), blob.readAllBytes(), context + ": bytes of id " + id);
            assertArrayEquals(expected.blob(), blob.openStream().readAllBytes(), context + ": stream of id " + id);
        }
    }

    /** Bytes of live blobs: a lower bound on what the blobs folder can shrink to. */
    long liveBlobBytes() {
        return rows.values().stream()
                .filter(r -> r.blob() != null)
                .mapToLong(r -> r.blob().length)
                .sum();
    }

    /** The file names in the table's blobs folder. */
    static Set<String> packNames(Path table) throws IOException {
        Path blobs = table.resolve("blobs");
        if (!Files.isDirectory(blobs)) {
            return Set.of();
        }
        try (var files = Files.list(blobs)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Bytes of every file in the table's blobs folder. */
    static long blobFolderBytes(Path table) throws IOException {
        long total = 0;
        for (String name : packNames(table)) {
            total += Files.size(table.resolve("blobs").resolve(name));
        }
        return total;
    }
}

package io.quiver.bench.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Checksum;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.BlobFile;
import org.lance.Dataset;
import org.lance.index.IndexOptions;
import org.lance.index.IndexParams;
import org.lance.index.IndexType;
import org.lance.index.scalar.BTreeIndexParams;
import org.lance.ipc.ScanOptions;
import org.lance.merge.MergeInsertParams;

/**
 * Lance 7.0 through its own Java API: a dataset written with default parameters (file version
 * 2.1, the blob column blob-encoded), a BTREE index on {@code id} for lookups, scans with SQL
 * filter strings, take by row offset, {@code takeBlobsByIndices} and {@code mergeInsert}. Lance
 * has no data loader in Java; the closest is a scan in batches (table order) and a take per
 * batch of a seeded permutation (shuffled).
 */
final class LanceSide implements TableSide {
    private static final List<String> READ_COLUMNS = List.of("id", "label", "embedding");

    private final BufferAllocator allocator;
    private Dataset dataset;

    LanceSide(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    @Override
    public String system() {
        return "lance";
    }

    @Override
    public void write(Path dir, List<VectorSchemaRoot> batches) throws IOException {
        close();
        try (ArrowReader reader = LanceBatch.reader(allocator, batches)) {
            dataset = LanceIo.create(allocator, reader, dir);
        }
    }

    @Override
    public double prepareIndexes() {
        long t0 = System.nanoTime();
        dataset.createIndex(IndexOptions.builder(
                        List.of("id"),
                        IndexType.BTREE,
                        IndexParams.builder()
                                .setScalarIndexParams(BTreeIndexParams.builder().build())
                                .build())
                .withIndexName("id_idx")
                .replace(true)
                .build());
        return (System.nanoTime() - t0) / 1e9;
    }

    @Override
    public ScanTotals fullScan() throws IOException {
        return totals(new ScanOptions.Builder().columns(READ_COLUMNS).build());
    }

    @Override
    public ScanTotals rangeScan(long lo, long hi) throws IOException {
        return totals(new ScanOptions.Builder()
                .columns(READ_COLUMNS)
                .filter("id >= " + lo + " AND id < " + hi)
                .build());
    }

    private ScanTotals totals(ScanOptions options) throws IOException {
        ScanTotals[] totals = {ScanTotals.EMPTY};
        LanceIo.forEachBatch(dataset, options, root -> totals[0] = totals[0].plus((BigIntVector) root.getVector("id")));
        return totals[0];
    }

    @Override
    public long[] take(long[] positions) throws IOException {
        return takeTotals(positions, READ_COLUMNS, null);
    }

    /** Takes rows by offset; returns their ids and adds them to {@code totals} when given. */
    private long[] takeTotals(long[] positions, List<String> columns, ScanTotals[] totals) throws IOException {
        long[] ids = new long[positions.length];
        int at = 0;
        try (ArrowReader reader = dataset.take(Arrays.stream(positions).boxed().toList(), columns)) {
            while (reader.loadNextBatch()) {
                BigIntVector id = (BigIntVector) reader.getVectorSchemaRoot().getVector("id");
                for (int i = 0; i < id.getValueCount() && at < ids.length; i++) {
                    ids[at++] = id.get(i);
                }
                if (totals != null) {
                    totals[0] = totals[0].plus(id);
                }
            }
        }
        return at == ids.length ? ids : Arrays.copyOf(ids, at);
    }

    @Override
    public String lookup(long key) throws IOException {
        String[] label = {null};
        LanceIo.forEachBatch(
                dataset, new ScanOptions.Builder().filter("id = " + key).build(), root -> {
                    if (root.getRowCount() > 0) {
                        label[0] = new String(((VarCharVector) root.getVector("label")).get(0), StandardCharsets.UTF_8);
                    }
                });
        return label[0];
    }

    @Override
    public void upsert(VectorSchemaRoot rows) throws IOException {
        MergeInsertParams params = new MergeInsertParams(List.of("id"))
                .withMatchedUpdateAll()
                .withNotMatched(MergeInsertParams.WhenNotMatched.InsertAll);
        try (ArrowReader reader = LanceBatch.reader(allocator, List.of(rows));
                ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            Data.exportArrayStream(allocator, reader, stream);
            Dataset updated = dataset.mergeInsert(params, stream).dataset();
            if (updated != dataset) {
                dataset.close();
                dataset = updated;
            }
        }
    }

    @Override
    public boolean refusesDuplicateKey(VectorSchemaRoot existingRow) {
        throw new NotSupportedException("no enforced primary key (a key is only field metadata); an append of an"
                + " existing id adds a second row");
    }

    @Override
    public long readBlobs(long[] positions, Checksum checksum) throws IOException {
        long bytes = 0;
        List<BlobFile> blobs =
                dataset.takeBlobsByIndices(Arrays.stream(positions).boxed().toList(), "image");
        for (BlobFile blob : blobs) {
            try (blob) {
                byte[] value = blob.read();
                checksum.update(value, 0, value.length);
                bytes += value.length;
            }
        }
        return bytes;
    }

    @Override
    public ScanTotals loadEpoch(int batchRows, boolean shuffled, long seed, long[] permutation) throws IOException {
        if (!shuffled) {
            return totals(new ScanOptions.Builder()
                    .columns(List.of("id", "embedding"))
                    .batchSize(batchRows)
                    .build());
        }
        ScanTotals[] totals = {ScanTotals.EMPTY};
        for (int start = 0; start < permutation.length; start += batchRows) {
            long[] batch = Arrays.copyOfRange(permutation, start, Math.min(permutation.length, start + batchRows));
            takeTotals(batch, List.of("id", "embedding"), totals);
        }
        return totals[0];
    }

    @Override
    public String loaderNote(boolean shuffled) {
        return shuffled
                ? "no loader in Lance's Java API: take() of a seeded permutation, 1 batch per call"
                : "no loader in Lance's Java API: a scan in batches";
    }

    @Override
    public long count() {
        return dataset.countRows();
    }

    @Override
    public void close() {
        if (dataset != null) {
            dataset.close();
            dataset = null;
        }
    }
}

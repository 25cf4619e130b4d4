package io.quiver.bench.compare;

import io.quiver.engine.BatchReader;
import io.quiver.engine.Dataset;
import io.quiver.engine.DatasetOptions;
import io.quiver.engine.DuplicateKeyException;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.loader.DataLoader;
import io.quiver.engine.loader.LoaderBatch;
import io.quiver.engine.pk.PrimaryKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.Checksum;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Quiver through its Java API: a table with {@code id} as its primary key (inserted in one
 * commit, so the key index is built by the write), scans, takes by row address, {@link
 * Dataset#get}, {@link Dataset#upsert}, blob handles and the {@link DataLoader}.
 */
final class QuiverSide implements TableSide {
    private static final String[] READ_COLUMNS = {"id", "label", "embedding"};

    private final BufferAllocator allocator;
    private Dataset dataset;
    private long[] addresses;

    /** {@code allocator} is the one the batches handed to {@link #write} come from. */
    QuiverSide(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    @Override
    public String system() {
        return "quiver";
    }

    @Override
    public void write(Path dir, List<VectorSchemaRoot> batches) throws IOException {
        close();
        dataset = Dataset.create(
                dir, CompareRows.quiverSchema(), PrimaryKey.of("id"), DatasetOptions.DEFAULT.withAllocator(allocator));
        try (BatchReader reader = BatchReader.of(dataset.allocator(), batches)) {
            dataset.insert(reader);
        }
    }

    @Override
    public double prepareIndexes() throws IOException {
        // The key index was written with the data; what is left is mapping positions to row
        // addresses (for take by position), by one scan.
        long t0 = System.nanoTime();
        addresses = dataset.scan().rowAddresses();
        return (System.nanoTime() - t0) / 1e9;
    }

    @Override
    public ScanTotals fullScan() throws IOException {
        return totals(dataset.scan().columns(READ_COLUMNS).toArrowReader());
    }

    @Override
    public ScanTotals rangeScan(long lo, long hi) throws IOException {
        return totals(dataset.scan()
                .columns(READ_COLUMNS)
                .filter(Filters.and(Filters.ge("id", lo), Filters.lt("id", hi)))
                .toArrowReader());
    }

    private static ScanTotals totals(ArrowReader reader) throws IOException {
        ScanTotals totals = ScanTotals.EMPTY;
        try (reader) {
            while (reader.loadNextBatch()) {
                totals = totals.plus((BigIntVector) reader.getVectorSchemaRoot().getVector("id"));
            }
        }
        return totals;
    }

    @Override
    public long[] take(long[] positions) throws IOException {
        try (VectorSchemaRoot rows = dataset.take(addressesOf(positions), READ_COLUMNS)) {
            return ids(rows);
        }
    }

    private long[] addressesOf(long[] positions) {
        long[] out = new long[positions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = addresses[(int) positions[i]];
        }
        return out;
    }

    static long[] ids(VectorSchemaRoot rows) {
        BigIntVector id = (BigIntVector) rows.getVector("id");
        long[] out = new long[rows.getRowCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id.get(i);
        }
        return out;
    }

    @Override
    public String lookup(long key) throws IOException {
        Map<String, Object> row = dataset.get(key);
        return row == null ? null : row.get("label").toString();
    }

    @Override
    public void upsert(VectorSchemaRoot rows) throws IOException {
        dataset.upsert(rows);
    }

    @Override
    public boolean refusesDuplicateKey(VectorSchemaRoot existingRow) throws IOException {
        try {
            dataset.insert(existingRow);
            return false;
        } catch (DuplicateKeyException refused) {
            return true;
        }
    }

    @Override
    public long readBlobs(long[] positions, Checksum checksum) throws IOException {
        long bytes = 0;
        try (VectorSchemaRoot rows = dataset.take(addressesOf(positions), "image")) {
            FieldVector image = rows.getVector("image");
            for (int i = 0; i < rows.getRowCount(); i++) {
                byte[] value = dataset.blob(image, i).readAllBytes();
                checksum.update(value, 0, value.length);
                bytes += value.length;
            }
        }
        return bytes;
    }

    @Override
    public ScanTotals loadEpoch(int batchRows, boolean shuffled, long seed, long[] permutation) throws IOException {
        DataLoader.Builder builder =
                DataLoader.builder(dataset).columns("id", "embedding").batchSize(batchRows);
        if (shuffled) {
            builder.shuffle(seed);
        }
        ScanTotals totals = ScanTotals.EMPTY;
        try (DataLoader loader = builder.build()) {
            for (LoaderBatch batch = loader.next(); batch != null; batch = loader.next()) {
                totals = totals.plus((BigIntVector) batch.root().getVector("id"));
                batch.close();
            }
        }
        return totals;
    }

    @Override
    public String loaderNote(boolean shuffled) {
        return shuffled
                ? "DataLoader.shuffle(seed): a global permutation gathered by take"
                : "DataLoader in table order";
    }

    @Override
    public long count() {
        return dataset.count();
    }

    @Override
    public void close() {
        if (dataset != null) {
            dataset.close();
            dataset = null;
        }
    }
}

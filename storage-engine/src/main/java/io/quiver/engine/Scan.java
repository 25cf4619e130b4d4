package io.quiver.engine;

import io.quiver.engine.expr.BoundFilter;
import io.quiver.engine.expr.Expr;
import io.quiver.engine.scan.BlobBytes;
import io.quiver.engine.scan.DeferredBatchReader;
import io.quiver.engine.scan.ScanSpec;
import io.quiver.engine.scan.TableScanner;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.engine.vector.NearestQuery;
import io.quiver.vector.VectorMetric;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A scan of one dataset version: {@code dataset.scan().columns("id", "label").filter(f).limit(10).toArrowReader()}.
 * The reader's batches belong to the reader: read them before the next {@code loadNextBatch}
 * and close the reader when done.
 */
public final class Scan {

    private final Dataset dataset;
    private List<String> columns;
    private Expr filter;
    private long limit = -1;
    private int batchSize; // 0: sized to the columns (ScanSpec.defaultBatchSize)
    private boolean rowAddress;
    private boolean blobBytes;
    private String nearestColumn;
    private float[] nearestVector;
    private int nearestK;
    private int ef;
    private VectorMetric metric;
    private long[] fragmentIds; // null: every fragment

    Scan(Dataset dataset) {
        this.dataset = dataset;
    }

    /** The columns to return, in this order (default: all). An empty list returns only row counts. */
    public Scan columns(String... names) {
        this.columns = List.copyOf(Arrays.asList(names));
        return this;
    }

    public Scan columns(List<String> names) {
        this.columns = List.copyOf(names);
        return this;
    }

    public Scan filter(Expr filter) {
        this.filter = filter;
        return this;
    }

    public Scan limit(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        this.limit = limit;
        return this;
    }

    public Scan batchSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + rows);
        }
        this.batchSize = rows;
        return this;
    }

    /**
     * Reads only the fragments with these ids ({@link Dataset#fragments}), in this order: how
     * parallel readers split a version between them. An id the version lacks fails the read.
     */
    public Scan fragments(long... ids) {
        this.fragmentIds = ids.clone();
        return this;
    }

    /** Adds the {@value ScanSpec#ROW_ADDRESS} column (BIGINT), the address {@link Dataset#take} accepts. */
    public Scan withRowAddress() {
        this.rowAddress = true;
        return this;
    }

    /**
     * Returns the bytes of BLOB columns (plain binary vectors) instead of blob descriptors. Every
     * blob of a batch is then on the heap: meant for small blobs; stream big ones through
     * {@link Dataset#blob} handles.
     */
    public Scan withBlobBytes() {
        this.blobBytes = true;
        return this;
    }

    /**
     * Makes this a nearest-neighbour scan: the {@code k} rows whose {@code column} (a VECTOR(n))
     * is nearest to {@code query}, nearest first, with a {@value NearestQuery#DISTANCE} column.
     * The filter is applied before the top k is chosen, so k rows come back whenever k rows pass
     * it. A vector index on the column is used when its metric is the one asked for; rows it does
     * not hold yet are searched exactly, deleted rows never come back.
     */
    public Scan nearest(String column, float[] query, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        this.nearestColumn = column;
        this.nearestVector = query.clone();
        this.nearestK = k;
        return this;
    }

    /** The graph search's candidate list for {@link #nearest} (default {@value NearestQuery#DEFAULT_EF}). */
    public Scan ef(int ef) {
        this.ef = ef;
        return this;
    }

    /** The distance for {@link #nearest} (default: the index's metric, or L2). */
    public Scan metric(VectorMetric metric) {
        this.metric = metric;
        return this;
    }

    ScanSpec spec(boolean includeDeleted) {
        return spec(projection(), includeDeleted);
    }

    private Projections.Projection projection() {
        return dataset.projections().of(dataset.tableSchema(), columns);
    }

    private ScanSpec spec(Projections.Projection projection, boolean includeDeleted) {
        BoundFilter bound = filter == null ? null : BoundFilter.bind(filter, projection.schema());
        TableSchema output = projection.output();
        int rows = batchSize;
        if (rows == 0) {
            var read = new java.util.ArrayList<>(output.columns());
            if (bound != null) {
                read.addAll(bound.columns());
            }
            rows = ScanSpec.defaultBatchSize(read);
        }
        return new ScanSpec(
                output, bound, limit, rows, rowAddress, includeDeleted, blobBytes ? dataset.blobStore() : null);
    }

    /** The scan's rows. A nearest-neighbour scan runs on the first batch and returns one batch. */
    public ArrowReader toArrowReader() {
        if (nearestColumn == null) {
            return dataset.open(spec(false), fragmentIds);
        }
        if (limit >= 0 || rowAddress || fragmentIds != null) {
            throw new IllegalArgumentException("a nearest-neighbour scan takes k instead of a limit, and no row"
                    + " addresses or fragments: it searches the whole version");
        }
        var query = new NearestQuery(nearestColumn, nearestVector, nearestK, ef, metric);
        Projections.Projection projection = projection();
        ScanSpec spec = spec(projection, false);
        return new DeferredBatchReader(dataset.allocator(), projection.nearestSchema(), root -> {
            dataset.nearest(query, spec.filter(), spec.output(), root);
            if (spec.blobBytes() != null) {
                for (Column c : spec.output().columns()) {
                    if (c.type().isBlob()) {
                        BlobBytes.materialize(
                                spec.blobBytes(), (VarBinaryVector) root.getVector(c.name()), "column " + c.name());
                    }
                }
            }
        });
    }

    /**
     * The addresses of the rows the scan would return, in scan order: what {@link Dataset#take}
     * accepts (a sampler or shuffler draws from these).
     */
    public long[] rowAddresses() throws IOException {
        List<String> savedColumns = columns;
        boolean savedRowAddress = rowAddress;
        columns = List.of();
        rowAddress = true;
        try (TableScanner reader = dataset.open(spec(false), fragmentIds)) {
            long[] all = new long[64];
            int at = 0;
            while (reader.loadNextBatch()) {
                BigIntVector addresses =
                        (BigIntVector) reader.getVectorSchemaRoot().getVector(ScanSpec.ROW_ADDRESS);
                int n = addresses.getValueCount();
                if (at + n > all.length) {
                    all = Arrays.copyOf(all, Math.max(at + n, all.length * 2));
                }
                for (int i = 0; i < n; i++) {
                    all[at++] = addresses.get(i);
                }
            }
            return Arrays.copyOf(all, at);
        } finally {
            columns = savedColumns;
            rowAddress = savedRowAddress;
        }
    }

    /** Counts the rows the scan would return, decoding only the filter's columns. */
    public long count() throws IOException {
        List<String> saved = columns;
        columns = List.of();
        try (TableScanner reader = dataset.open(spec(false), fragmentIds)) {
            long rows = 0;
            while (reader.loadNextBatch()) {
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
            return rows;
        } finally {
            columns = saved;
        }
    }
}

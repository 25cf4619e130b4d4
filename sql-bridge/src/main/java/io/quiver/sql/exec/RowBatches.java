package io.quiver.sql.exec;

import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The rows of a query result as Arrow batches of a table's schema, for INSERT ... SELECT and
 * VALUES: result column i fills table column {@code targets[i]}; table columns no result column
 * fills are NULL. Streams: a result larger than memory is written batch by batch.
 */
public final class RowBatches extends ArrowReader {
    public static final int BATCH_ROWS = 4096;

    private final RowSource rows;
    private final TableSchema schema;
    private final int[] targets;
    private final int batchRows;
    private boolean rowPending;
    private java.util.function.LongConsumer trailing;
    private long rowsRead;

    /** {@code batchRows}: rows per batch ({@code Integer.MAX_VALUE}: every row in one batch). */
    public RowBatches(BufferAllocator allocator, ResultSet rows, TableSchema schema, int[] targets, int batchRows) {
        this(allocator, RowSource.of(rows), schema, targets, batchRows);
    }

    public RowBatches(BufferAllocator allocator, RowSource rows, TableSchema schema, int[] targets, int batchRows) {
        super(allocator);
        this.rows = rows;
        this.schema = schema;
        this.targets = targets;
        this.batchRows = batchRows;
    }

    /** Starts with the row the result set is on (already read to look at its values), if {@code onRow}. */
    public RowBatches startingAtCurrentRow(boolean onRow) {
        rowPending = onRow;
        return this;
    }

    /** Hands each row's value of the result column after the targeted ones (a row address) to {@code sink}. */
    public RowBatches collectingTrailingLongs(java.util.function.LongConsumer sink) {
        trailing = sink;
        return this;
    }

    public long rowsRead() {
        return rowsRead;
    }

    private boolean nextRow() throws SQLException {
        if (rowPending) {
            rowPending = false;
            return true;
        }
        return rows.next();
    }

    @Override
    protected Schema readSchema() {
        return schema.toArrow();
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        VectorSchemaRoot root = getVectorSchemaRoot();
        for (FieldVector v : root.getFieldVectors()) {
            int capacity = Math.min(batchRows, BATCH_ROWS);
            v.setInitialCapacity(capacity);
            if (v instanceof FixedSizeListVector list) {
                list.getDataVector().setInitialCapacity(capacity * list.getListSize());
            }
            v.allocateNew();
        }
        boolean[] filled = new boolean[schema.columns().size()];
        for (int t : targets) {
            filled[t] = true;
        }
        int n = 0;
        try {
            while (n < batchRows && nextRow()) {
                for (int i = 0; i < targets.length; i++) {
                    Column c = schema.columns().get(targets[i]);
                    ArrowRowWriter.set(root.getVector(targets[i]), c, n, rows.get(i + 1), rowsRead + n + 1);
                }
                if (trailing != null) {
                    trailing.accept(((Number) rows.get(targets.length + 1)).longValue());
                }
                for (int c = 0; c < filled.length; c++) {
                    if (!filled[c]) {
                        ArrowRowWriter.set(root.getVector(c), schema.columns().get(c), n, null);
                    }
                }
                n++;
            }
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
        for (FieldVector v : root.getFieldVectors()) {
            v.setValueCount(n);
        }
        root.setRowCount(n);
        rowsRead += n;
        return n > 0;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() throws IOException {
        try {
            rows.close();
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}

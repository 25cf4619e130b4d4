package io.quiver.sql.exec;

import io.quiver.engine.schema.Column;
import io.quiver.sql.plan.ScanPlan;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Turns engine batches into Calcite rows: the plan's columns in order, then the distance when the
 * batch has one (a nearest search) or NULL when the plan wants one the batch lacks (rows whose
 * vector is NULL).
 */
public final class RowConverter {
    private final CalciteValues.Reader[] readers;
    private final Float4Vector distance;
    private final boolean withDistance;
    private final BigIntVector rowAddress;

    /** {@code withDistance}: a distance column follows the columns; a row address does when the batch has one. */
    RowConverter(BlobCells blobs, List<Column> columns, VectorSchemaRoot batch, boolean withDistance) {
        readers = new CalciteValues.Reader[columns.size()];
        for (int i = 0; i < readers.length; i++) {
            Column c = columns.get(i);
            FieldVector v = batch.getVector(c.name());
            readers[i] = CalciteValues.reader(blobs, c, v);
        }
        this.withDistance = withDistance;
        this.distance = batch.getVector(ScanPlan.DISTANCE_COLUMN) instanceof Float4Vector f ? f : null;
        this.rowAddress = batch.getVector(ScanPlan.ROW_ADDRESS_COLUMN) instanceof BigIntVector b ? b : null;
    }

    Object[] row(int i) {
        Object[] row = new Object[readers.length + (withDistance ? 1 : 0) + (rowAddress == null ? 0 : 1)];
        for (int c = 0; c < readers.length; c++) {
            row[c] = readers[c].get(i);
        }
        if (rowAddress != null) {
            row[readers.length] = rowAddress.get(i);
        }
        if (withDistance) {
            row[readers.length] = distance == null || distance.isNull(i) ? null : distance.get(i);
        }
        return row;
    }

    /** Adds up to {@code limit} rows of a batch to {@code out}. */
    public static void addRows(
            BlobCells blobs,
            List<Column> columns,
            VectorSchemaRoot batch,
            boolean withDistance,
            long limit,
            List<Object[]> out) {
        RowConverter rows = new RowConverter(blobs, columns, batch, withDistance);
        for (int i = 0; i < batch.getRowCount() && i < limit; i++) {
            out.add(rows.row(i));
        }
    }
}

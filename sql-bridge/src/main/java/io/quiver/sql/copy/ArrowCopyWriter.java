package io.quiver.sql.copy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * COPY TO ARROW: the IPC file format, record batches of {@code batchRows}. The schema comes from
 * the result set's metadata, but a VECTOR's dimension only from its first non-null value: rows
 * are held back until every array column has shown one (usually the first row; a column NULL in
 * every row gets dimension 1).
 */
final class ArrowCopyWriter implements RowWriter {
    private final List<JdbcColumn> columns;
    private final OutputStream out;
    private final BufferAllocator allocator;
    private final int batchRows;
    private final List<Object[]> heldBack = new ArrayList<>();
    private final List<Long> heldBackNumbers = new ArrayList<>();
    private VectorSchemaRoot root;
    private ArrowFileWriter writer;
    private ValueParser[] parsers;
    private int rows;

    ArrowCopyWriter(List<JdbcColumn> columns, OutputStream out, BufferAllocator allocator, int batchRows) {
        this.columns = columns;
        this.out = out;
        this.allocator = allocator;
        this.batchRows = batchRows;
    }

    @Override
    public void write(Object[] row, long rowNumber) throws IOException, SQLException {
        if (writer == null) {
            heldBack.add(row.clone());
            heldBackNumbers.add(rowNumber);
            if (columns.stream().allMatch(c -> c.dimension > 0 || c.type != io.quiver.format.proto.TypeId.VECTOR_F32)) {
                start();
            }
            return;
        }
        for (int i = 0; i < parsers.length; i++) {
            try {
                if (row[i] == null) {
                    parsers[i].setNull(rows);
                } else {
                    parsers[i].setValue(rows, row[i]);
                }
            } catch (BadValueException e) {
                throw new SQLDataException(
                        "column " + columns.get(i).label + ", row " + rowNumber + ": " + e.getMessage());
            }
        }
        if (++rows == batchRows) {
            flushBatch();
        }
    }

    /** The schema is known: open the file and write the rows held back. */
    private void start() throws IOException, SQLException {
        List<Field> fields = new ArrayList<>();
        for (JdbcColumn c : columns) {
            fields.add(c.columnType().toArrow(c.label, c.nullable));
        }
        root = VectorSchemaRoot.create(new Schema(fields), allocator);
        parsers = new ValueParser[fields.size()];
        for (int i = 0; i < parsers.length; i++) {
            parsers[i] = ValueParser.of(fields.get(i), root.getVector(i));
        }
        writer = new ArrowFileWriter(root, null, Channels.newChannel(out));
        writer.start();
        for (int i = 0; i < heldBack.size(); i++) {
            write(heldBack.get(i), heldBackNumbers.get(i));
        }
        heldBack.clear();
        heldBackNumbers.clear();
    }

    private void flushBatch() throws IOException {
        root.setRowCount(rows);
        writer.writeBatch();
        for (FieldVector v : root.getFieldVectors()) {
            v.reset();
        }
        rows = 0;
    }

    @Override
    public void finish() throws IOException, SQLException {
        if (writer == null) {
            start();
        }
        if (rows > 0) {
            flushBatch();
        }
        writer.end();
    }

    /** Releases the batch's buffers, written or not. */
    void release() {
        if (writer != null) {
            writer.close();
        }
        if (root != null) {
            root.close();
        }
    }
}

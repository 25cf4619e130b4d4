package io.quiver.sql.copy;

import java.io.IOException;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An ArrowReader over a file read one row at a time (CSV, JSON, fvecs): batches of at most
 * {@code batchRows} rows in the target schema, the vectors reused from batch to batch, so memory
 * stays bounded by one batch whatever the file's size.
 */
abstract class RowBatchReader extends ArrowReader {
    final String file;
    private final Schema target;
    private final int batchRows;
    private ValueParser[] parsers;

    RowBatchReader(String file, Schema target, BufferAllocator allocator, int batchRows) {
        super(allocator);
        this.file = file;
        this.target = target;
        this.batchRows = batchRows;
    }

    @Override
    protected final Schema readSchema() {
        return target;
    }

    /** The parsers of the current root's vectors, in schema order. */
    final ValueParser[] parsers() throws IOException {
        if (parsers == null) {
            VectorSchemaRoot root = getVectorSchemaRoot();
            List<Field> fields = target.getFields();
            parsers = new ValueParser[fields.size()];
            for (int i = 0; i < parsers.length; i++) {
                parsers[i] = ValueParser.of(fields.get(i), root.getVector(i));
            }
        }
        return parsers;
    }

    /** Reads the next row into row {@code row} of every parser's vector; false at the end of the file. */
    abstract boolean readRow(ValueParser[] parsers, int row) throws IOException;

    @Override
    public final boolean loadNextBatch() throws IOException {
        ValueParser[] ps = parsers();
        VectorSchemaRoot root = getVectorSchemaRoot();
        for (FieldVector v : root.getFieldVectors()) {
            v.reset();
        }
        int rows = 0;
        while (rows < batchRows && readRow(ps, rows)) {
            rows++;
        }
        root.setRowCount(rows);
        return rows > 0;
    }

    /** The error for a bad value at a line or record of this file. */
    final CopyFormatException error(String position, ValueParser parser, BadValueException e) {
        return new CopyFormatException(
                file, position, parser.field.getName(), e.getMessage(), e.getCause(), e.sqlState());
    }
}

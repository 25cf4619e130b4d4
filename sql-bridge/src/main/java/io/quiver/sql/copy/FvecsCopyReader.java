package io.quiver.sql.copy;

import io.quiver.engine.schema.ColumnType;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * COPY FROM an {@code .fvecs} file: per record a little-endian int32 dimension d, then d float32
 * LE. The table has one integer column, which gets the record's index (0, 1, ...), and one
 * VECTOR(d) column; every record's header must say d (checked before its values are read, so a
 * garbage header never allocates).
 */
final class FvecsCopyReader extends RowBatchReader {
    private final InputStream in;
    private final int idColumn;
    private final int vectorColumn;
    private final int dimension;
    private final byte[] values;
    private final ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    private long records;
    private long bytes;

    FvecsCopyReader(Path path, Schema target, BufferAllocator allocator, CopyOptions options) throws IOException {
        super(path.toString(), target, allocator, options.batchRows());
        List<Field> fields = target.getFields();
        int ids = -1;
        int vectors = -1;
        for (int i = 0; i < fields.size(); i++) {
            ArrowType t = fields.get(i).getType();
            if (t instanceof ArrowType.Int in && in.getIsSigned()) {
                ids = ids == -1 ? i : -2;
            } else if (t instanceof ArrowType.FixedSizeList) {
                vectors = vectors == -1 ? i : -2;
            }
        }
        if (fields.size() != 2 || ids < 0 || vectors < 0) {
            throw new IllegalArgumentException(
                    "FORMAT fvecs loads a table of one integer column (the ids) and one VECTOR column, not " + fields);
        }
        this.idColumn = ids;
        this.vectorColumn = vectors;
        this.dimension = ((ArrowType.FixedSizeList) fields.get(vectors).getType()).getListSize();
        if (dimension < 1 || dimension > ColumnType.MAX_VECTOR_DIMENSION) {
            throw new IllegalArgumentException("column " + fields.get(vectors).getName() + ": dimension " + dimension);
        }
        this.values = new byte[4 * dimension];
        this.in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    }

    @Override
    boolean readRow(ValueParser[] parsers, int row) throws IOException {
        String where = "record " + (records + 1);
        ValueParser vector = parsers[vectorColumn];
        int got = in.readNBytes(header.array(), 0, 4);
        if (got == 0) {
            return false;
        }
        if (got < 4) {
            throw new CopyFormatException(
                    file, where, vector.field.getName(), "truncated dimension header (" + got + " of 4 bytes)");
        }
        int d = header.getInt(0);
        if (d != dimension) {
            String detail = d < 1 || d > ColumnType.MAX_VECTOR_DIMENSION
                    ? "dimension header " + d + " is outside [1, " + ColumnType.MAX_VECTOR_DIMENSION + "]"
                    : "expected dimension " + dimension + ", the record has " + d;
            throw new CopyFormatException(file, where, vector.field.getName(), detail);
        }
        got = in.readNBytes(values, 0, values.length);
        if (got < values.length) {
            throw new CopyFormatException(
                    file,
                    where,
                    vector.field.getName(),
                    "truncated record: " + got + " of " + values.length + " bytes of floats");
        }
        float[] v = new float[dimension];
        ByteBuffer.wrap(values).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        try {
            parsers[idColumn].setValue(row, records);
        } catch (BadValueException e) {
            throw error(where, parsers[idColumn], e);
        }
        try {
            vector.setValue(row, v);
        } catch (BadValueException e) {
            throw error(where, vector, e);
        }
        records++;
        bytes += 4 + values.length;
        return true;
    }

    @Override
    public long bytesRead() {
        return bytes;
    }

    @Override
    protected void closeReadSource() throws IOException {
        in.close();
    }
}

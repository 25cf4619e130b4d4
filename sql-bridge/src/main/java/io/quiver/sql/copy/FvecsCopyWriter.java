package io.quiver.sql.copy;

import io.quiver.format.proto.TypeId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.SQLDataException;
import java.util.List;
import java.util.Set;

/**
 * COPY TO FVECS: per row the vector's dimension (int32 LE), then its floats (float32 LE). The
 * query has one array column and at most one integer column besides (ids: the file's order is
 * their order, so they are not written).
 */
final class FvecsCopyWriter implements RowWriter {
    private static final Set<TypeId> INTEGERS = Set.of(TypeId.INT8, TypeId.INT16, TypeId.INT32, TypeId.INT64);

    private final OutputStream out;
    private final String label;
    private final int vectorColumn;
    private ByteBuffer buffer = ByteBuffer.allocate(0);

    FvecsCopyWriter(List<JdbcColumn> columns, OutputStream out) {
        this.out = out;
        int vectors =
                (int) columns.stream().filter(c -> c.type == TypeId.VECTOR_F32).count();
        int ids = (int) columns.stream().filter(c -> INTEGERS.contains(c.type)).count();
        if (vectors != 1 || ids > 1 || vectors + ids != columns.size()) {
            throw new IllegalArgumentException(
                    "COPY TO fvecs writes a query of one array column and at most one integer column, not "
                            + columns.stream().map(c -> c.label + " " + c.type).toList());
        }
        this.vectorColumn = columns.indexOf(columns.stream()
                .filter(c -> c.type == TypeId.VECTOR_F32)
                .findFirst()
                .orElseThrow());
        this.label = columns.get(vectorColumn).label;
    }

    @Override
    public void write(Object[] row, long rowNumber) throws IOException, SQLDataException {
        if (!(row[vectorColumn] instanceof float[] v)) {
            throw new SQLDataException("column " + label + ", row " + rowNumber + ": fvecs has no NULL vectors");
        }
        if (v.length == 0) {
            throw new SQLDataException("column " + label + ", row " + rowNumber + ": an empty array");
        }
        if (buffer.capacity() != 4 + 4 * v.length) {
            buffer = ByteBuffer.allocate(4 + 4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        }
        buffer.clear();
        buffer.putInt(v.length);
        buffer.asFloatBuffer().put(v);
        out.write(buffer.array());
    }

    @Override
    public void finish() {}
}

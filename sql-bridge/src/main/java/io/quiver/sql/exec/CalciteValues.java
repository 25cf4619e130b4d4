package io.quiver.sql.exec;

import io.quiver.engine.schema.Column;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Reads Arrow values as Calcite's generated code holds them: Long, Integer, ..., String,
 * ByteString for binary, Integer days for DATE, Long microseconds for TIMESTAMP, a List of Float
 * for a VECTOR, and a {@link io.quiver.sql.schema.BlobValue} for a BLOB.
 */
final class CalciteValues {
    private CalciteValues() {}

    /** Reads one column's cells. */
    interface Reader {
        Object get(int row);
    }

    static Reader reader(BlobCells blobs, Column column, FieldVector v) {
        Reader r = switch (column.type().id()) {
            case BOOL -> row -> ((BitVector) v).get(row) != 0;
            case INT8 -> row -> ((TinyIntVector) v).get(row);
            case INT16 -> row -> ((SmallIntVector) v).get(row);
            case INT32 -> row -> ((IntVector) v).get(row);
            case INT64 -> row -> ((BigIntVector) v).get(row);
            case FLOAT32 -> row -> ((Float4Vector) v).get(row);
            case FLOAT64 -> row -> ((Float8Vector) v).get(row);
            case DECIMAL128 -> row -> ((DecimalVector) v).getObject(row);
            case DATE32 -> row -> ((DateDayVector) v).get(row);
            case TIMESTAMP -> timestamp(column, (TimeStampVector) v);
            case UTF8 -> row -> new String(((VarCharVector) v).get(row), java.nio.charset.StandardCharsets.UTF_8);
            case BINARY -> row -> new ByteString(((VarBinaryVector) v).get(row));
            case VECTOR_F32 -> row -> vector((FixedSizeListVector) v, row);
            case BLOB ->
                row -> {
                    try {
                        return blobs.read(v, row);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                };
            default -> throw new IllegalStateException("no SQL value for " + column.type());
        };
        return row -> v.isNull(row) ? null : r.get(row);
    }

    /**
     * A TIMESTAMP as Quiver's SQL carries it, microseconds (see MicrosTimestamps); a column of
     * nanoseconds (a mounted dataset's) is read to the microsecond, floored, as TIMESTAMP(6) holds.
     */
    private static Reader timestamp(Column column, TimeStampVector v) {
        return switch (column.type().timeUnit()) {
            case SECOND -> row -> Math.multiplyExact(v.get(row), 1_000_000L);
            case MILLISECOND -> row -> Math.multiplyExact(v.get(row), 1_000L);
            case MICROSECOND -> v::get;
            default -> row -> Math.floorDiv(v.get(row), 1_000L);
        };
    }

    private static List<Float> vector(FixedSizeListVector v, int row) {
        Float4Vector data = (Float4Vector) v.getDataVector();
        int n = v.getListSize();
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = data.get(row * n + i);
        }
        return new FloatList(values);
    }

    /** A vector value without boxing its floats until they are read. */
    static final class FloatList extends AbstractList<Float> implements RandomAccess {
        private final float[] values;

        FloatList(float[] values) {
            this.values = values;
        }

        @Override
        public Float get(int index) {
            return values[index];
        }

        @Override
        public int size() {
            return values.length;
        }
    }
}

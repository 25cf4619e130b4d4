package io.quiver.engine;

import io.quiver.engine.schema.ColumnType;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.util.Text;

/**
 * Values of Arrow rows as plain Java objects: Long, Integer, Short, Byte, Double, Float, Boolean,
 * String, byte[], float[] (a VECTOR), a {@link io.quiver.blob.Blob} handle (a BLOB read from a
 * table), BigDecimal, LocalDate, LocalDateTime; null for null.
 */
public final class RowValues {
    private RowValues() {}

    /** One value; BLOB descriptors become handles of {@code dataset}. */
    public static Object get(Dataset dataset, FieldVector v, int row) throws IOException {
        if (v.isNull(row)) {
            return null;
        }
        if (ColumnType.isBlobField(v.getField())) {
            return dataset.blob(v, row);
        }
        if (v instanceof FixedSizeListVector list) {
            Float4Vector floats = (Float4Vector) list.getDataVector();
            int n = list.getListSize();
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = floats.get(row * n + i);
            }
            return out;
        }
        Object o = v.getObject(row);
        return o instanceof Text t ? t.toString() : o;
    }

    /** A whole row, column name to value, in column order. */
    public static Map<String, Object> row(Dataset dataset, VectorSchemaRoot root, int row) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FieldVector v : root.getFieldVectors()) {
            out.put(v.getName(), get(dataset, v, row));
        }
        return out;
    }
}

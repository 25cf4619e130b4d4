package io.quiver.engine.loader;

import io.quiver.blob.Blob;
import io.quiver.engine.Dataset;
import io.quiver.engine.schema.ColumnType;
import java.io.IOException;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.util.Text;

/**
 * One batch from a {@link DataLoader}: the Arrow columns, a row view over them, and the values
 * the loader's decoders made from its BLOB columns. The caller closes it (before the loader);
 * blob handles stay valid until the loader is closed.
 */
public final class LoaderBatch implements AutoCloseable {
    private final Dataset dataset;
    private final VectorSchemaRoot root;
    private final Map<String, List<Object>> decoded;

    LoaderBatch(Dataset dataset, VectorSchemaRoot root, Map<String, List<Object>> decoded) {
        this.dataset = dataset;
        this.root = root;
        this.decoded = Map.copyOf(decoded);
    }

    /** The batch's columns; BLOB columns hold blob descriptors (see {@link Row#blob}). */
    public VectorSchemaRoot root() {
        return root;
    }

    public int rowCount() {
        return root.getRowCount();
    }

    public Row row(int index) {
        java.util.Objects.checkIndex(index, rowCount());
        return new Row(index);
    }

    /** A view of every row, in batch order. */
    public List<Row> rows() {
        return new AbstractList<>() {
            @Override
            public Row get(int index) {
                return row(index);
            }

            @Override
            public int size() {
                return rowCount();
            }
        };
    }

    /** What the decoder of {@code column} made of each row's blob (null for a null blob). */
    public <T> List<T> decoded(String column, Class<T> type) {
        return decodedValues(column).stream().map(type::cast).toList();
    }

    private List<Object> decodedValues(String column) {
        List<Object> values = decoded.get(column);
        if (values == null) {
            throw new IllegalArgumentException(
                    "no decoder was set for column " + column + "; decoded columns: " + decoded.keySet());
        }
        return values;
    }

    @Override
    public void close() {
        root.close();
    }

    /** One row of the batch, read through the Arrow vectors (no copy until a value is asked for). */
    public final class Row {
        private final int index;

        private Row(int index) {
            this.index = index;
        }

        public int index() {
            return index;
        }

        /**
         * The value as a plain Java object: Long, Integer, Double, Boolean, String, byte[],
         * float[] (a VECTOR), a {@link Blob} (a BLOB), BigDecimal, LocalDate, LocalDateTime; null for null.
         */
        public Object get(String column) throws IOException {
            FieldVector v = root.getVector(column);
            if (v == null) {
                throw new IllegalArgumentException("no column named " + column + " in the batch");
            }
            if (v.isNull(index)) {
                return null;
            }
            if (ColumnType.isBlobField(v.getField())) {
                return dataset.blob(v, index);
            }
            if (v instanceof FixedSizeListVector list) {
                return vector(list);
            }
            Object o = v.getObject(index);
            return o instanceof Text t ? t.toString() : o;
        }

        private float[] vector(FixedSizeListVector list) {
            var floats = (org.apache.arrow.vector.Float4Vector) list.getDataVector();
            int n = list.getListSize();
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = floats.get(index * n + i);
            }
            return out;
        }

        /** The blob of a BLOB column, read lazily; null for a null value. */
        public Blob blob(String column) throws IOException {
            FieldVector v = root.getVector(column);
            if (v == null) {
                throw new IllegalArgumentException("no column named " + column + " in the batch");
            }
            return dataset.blob(v, index);
        }

        /** What the column's decoder made of this row's blob. */
        public <T> T decoded(String column, Class<T> type) {
            return type.cast(decodedValues(column).get(index));
        }
    }
}

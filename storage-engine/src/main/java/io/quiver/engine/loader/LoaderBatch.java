package io.quiver.engine.loader;

import io.quiver.blob.Blob;
import io.quiver.engine.Dataset;
import io.quiver.engine.RowValues;
import java.io.IOException;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

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
            return RowValues.get(dataset, v, index);
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

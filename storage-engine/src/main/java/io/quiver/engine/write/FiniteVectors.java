package io.quiver.engine.write;

import io.quiver.engine.NonFiniteVectorException;
import io.quiver.engine.schema.Column;
import io.quiver.format.proto.TypeId;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.complex.FixedSizeListVector;

/** Checks that the vectors written to VECTOR columns hold only finite numbers (no NaN, no infinity). */
public final class FiniteVectors {
    private FiniteVectors() {}

    /**
     * Throws a {@link NonFiniteVectorException} for the first vector of rows {@code [0, rows)} with
     * a NaN or an infinity; {@code firstRow} is the 1-based position of row 0 in the write.
     *
     * @param vectors one per column, in the order of {@code columns} (null: not in the batch)
     */
    public static void check(List<Column> columns, List<FieldVector> vectors, int rows, long firstRow) {
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).type().id() == TypeId.VECTOR_F32 && vectors.get(c) instanceof FixedSizeListVector v) {
                check(columns.get(c).name(), v, rows, firstRow);
            }
        }
    }

    private static void check(String column, FixedSizeListVector vector, int rows, long firstRow) {
        int size = vector.getListSize();
        Float4Vector values = (Float4Vector) vector.getDataVector();
        for (int i = 0; i < rows; i++) {
            if (vector.isNull(i)) {
                continue;
            }
            for (int e = 0; e < size; e++) {
                int at = i * size + e;
                if (!values.isNull(at) && !Float.isFinite(values.get(at))) {
                    throw new NonFiniteVectorException(column, firstRow + i, e, values.get(at));
                }
            }
        }
    }
}

package io.quiver.sql.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.util.Text;

/** Reads batches back as rows of model values, and compares rows with a message saying where they differ. */
final class Rows {
    private Rows() {}

    /** Every row of the reader (closing it), as model values: Long for every integer, LocalDate, float[], String, ... */
    static List<Object[]> read(ArrowReader reader, int maxBatchRows) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        try (reader) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                if (root.getRowCount() > maxBatchRows || root.getRowCount() == 0) {
                    fail("a batch of " + root.getRowCount() + " rows, at most " + maxBatchRows
                            + " and more than 0 expected");
                }
                for (int r = 0; r < root.getRowCount(); r++) {
                    Object[] row = new Object[root.getFieldVectors().size()];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = value(root.getVector(c), r);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    static Object value(FieldVector v, int r) {
        if (v.isNull(r)) {
            return null;
        }
        return switch (v) {
            case DateDayVector d -> LocalDate.ofEpochDay(d.get(r));
            case FixedSizeListVector l -> {
                float[] f = new float[l.getListSize()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (Float) l.getDataVector().getObject(r * f.length + i);
                }
                yield f;
            }
            default ->
                switch (v.getObject(r)) {
                    case Byte b -> (long) b;
                    case Short s -> (long) s;
                    case Integer i -> (long) i;
                    case Text t -> t.toString();
                    case Object o -> o;
                };
        };
    }

    static void assertRows(List<Object[]> expected, List<Object[]> actual, String context) {
        assertEquals(expected.size(), actual.size(), context + ": row count");
        for (int r = 0; r < expected.size(); r++) {
            for (int c = 0; c < expected.get(r).length; c++) {
                Object e = expected.get(r)[c];
                Object a = actual.get(r)[c];
                if (!same(e, a)) {
                    fail(context + ": row " + r + ", column " + c + ": expected " + show(e) + ", got " + show(a));
                }
            }
        }
    }

    /** Floats by their bits (NaN equals NaN, -0.0 differs from 0.0); decimals by value and scale. */
    private static boolean same(Object e, Object a) {
        return switch (e) {
            case null -> a == null;
            case Float f -> a instanceof Float g && Float.floatToIntBits(f) == Float.floatToIntBits(g);
            case Double d -> a instanceof Double g && Double.doubleToLongBits(d) == Double.doubleToLongBits(g);
            case float[] f -> a instanceof float[] g && Arrays.equals(f, g);
            case byte[] b -> a instanceof byte[] g && Arrays.equals(b, g);
            case BigDecimal d -> a instanceof BigDecimal g && d.compareTo(g) == 0;
            default -> e.equals(a);
        };
    }

    private static String show(Object o) {
        return switch (o) {
            case float[] f -> Arrays.toString(f);
            case byte[] b -> Arrays.toString(b);
            case null -> "NULL";
            default -> o + " (" + o.getClass().getSimpleName() + ")";
        };
    }
}

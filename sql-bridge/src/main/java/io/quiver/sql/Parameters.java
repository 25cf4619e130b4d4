package io.quiver.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Binds statement parameters to a Calcite statement, in the forms Calcite takes. */
final class Parameters {
    private Parameters() {}

    static void bind(PreparedStatement statement, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(i + 1, calciteValue(params.get(i)));
        }
    }

    /**
     * Vectors arrive as float[], double[], Object[] or java.sql.Array; Calcite holds arrays as lists.
     * java.time dates and timestamps become the numbers Calcite holds (days, milliseconds of the
     * proleptic calendar): Avatica's conversions of java.sql values shift them by the JVM's zone.
     */
    static Object calciteValue(Object value) throws SQLException {
        if (value instanceof java.sql.Array array) {
            return calciteValue(array.getArray());
        }
        if (value instanceof Object[] elements) {
            return java.util.Arrays.asList(elements);
        }
        if (value instanceof java.time.LocalDate d) {
            return (int) d.toEpochDay();
        }
        if (value instanceof java.time.LocalDateTime t) {
            return t.toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
        }
        if (value instanceof float[] f) {
            List<Float> list = new ArrayList<>(f.length);
            for (float v : f) {
                list.add(v);
            }
            return list;
        }
        if (value instanceof double[] d) {
            List<Double> list = new ArrayList<>(d.length);
            for (double v : d) {
                list.add(v);
            }
            return list;
        }
        return value;
    }
}

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
     * java.time dates and timestamps become the java.sql forms Avatica binds, at the session's time
     * zone (UTC).
     */
    static Object calciteValue(Object value) throws SQLException {
        if (value instanceof java.sql.Array array) {
            return calciteValue(array.getArray());
        }
        if (value instanceof Object[] elements) {
            return java.util.Arrays.asList(elements);
        }
        if (value instanceof java.time.LocalDate d) {
            // Avatica reads a Date's fields in the session's zone through a java.util calendar
            // (Julian before 1582): give it a Date with those fields.
            java.util.GregorianCalendar fields = new java.util.GregorianCalendar(java.util.TimeZone.getTimeZone("UTC"));
            fields.clear();
            fields.set(d.getYear(), d.getMonthValue() - 1, d.getDayOfMonth());
            return new java.sql.Date(fields.getTimeInMillis());
        }
        if (value instanceof java.time.LocalDateTime t) {
            java.sql.Timestamp ts = new java.sql.Timestamp(t.toEpochSecond(java.time.ZoneOffset.UTC) * 1000L);
            ts.setNanos(t.getNano());
            return ts;
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

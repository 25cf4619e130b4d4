package io.quiver.sql;

import io.quiver.sql.schema.BlobValue;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;

/** Binds statement parameters to a Calcite statement, in the forms Calcite takes. */
final class Parameters {
    private Parameters() {}

    static void bind(PreparedStatement statement, List<Object> params) throws SQLException {
        ParameterMetaData types = null;
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            if (value instanceof LocalDate || value instanceof LocalDateTime) {
                types = types == null ? statement.getParameterMetaData() : types;
                value = temporal(value, types.getParameterType(i + 1));
            } else if (value instanceof byte[] bytes) {
                types = types == null ? statement.getParameterMetaData() : types;
                // A BLOB column's value (UPDATE ... SET blob = ?) is of the opaque Java type Calcite
                // plans BLOBs as (BlobValue), the only type Calcite reports to JDBC as OTHER.
                if (types.getParameterType(i + 1) == Types.OTHER) {
                    value = BlobValue.of(bytes);
                }
            }
            statement.setObject(i + 1, calciteValue(value));
        }
    }

    /**
     * A java.time value for a parameter of {@code sqlType}: DATE and TIMESTAMP parameters take it
     * as Calcite's number ({@link #calciteValue}); where a string is expected ({@code CAST(? AS
     * VARCHAR)}) it is its text, as PostgreSQL reads an untyped date.
     */
    private static Object temporal(Object value, int sqlType) {
        LocalDateTime time = value instanceof LocalDate d ? d.atStartOfDay() : (LocalDateTime) value;
        return switch (sqlType) {
            case Types.DATE -> time.toLocalDate();
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR ->
                value instanceof LocalDate d
                        ? d.toString()
                        : time.toLocalDate() + " " + time.toLocalTime().format(TIME);
            default -> value instanceof LocalDate d && sqlType != Types.TIMESTAMP ? d : time;
        };
    }

    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter();

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

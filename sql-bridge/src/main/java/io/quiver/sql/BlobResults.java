package io.quiver.sql;

import io.quiver.sql.schema.BlobValue;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Set;

/**
 * Gives result sets JDBC's blob accessors for BLOB columns: {@code getBlob} returns the lazily
 * read {@link BlobValue}, {@code getBytes} and {@code getBinaryStream} read it. (Calcite carries
 * BLOB values as opaque objects, which its result sets only hand out through getObject.) Failures
 * while reading rows are translated by {@link SqlErrors} too, and DATE and TIMESTAMP values
 * come back as users read them through every accessor ({@link CalciteDateTimes}), also as
 * {@code LocalDate} and {@code LocalDateTime} through {@code getObject(column, type)}; the
 * metadata names a TIMESTAMP WITH TIME ZONE column so.
 */
final class BlobResults {
    private static final Set<String> BLOB_ACCESSORS = Set.of("getBlob", "getBytes", "getBinaryStream");

    /** The accessors {@link CalciteDateTimes} answers for DATE and TIMESTAMP columns. */
    private static final Set<String> DATE_TIME_ACCESSORS = Set.of(
            "getObject",
            "getTimestamp",
            "getDate",
            "getTime",
            "getString",
            "getNString",
            "getLong",
            "getInt",
            "getShort",
            "getByte",
            "getDouble",
            "getFloat",
            "getBigDecimal");

    private BlobResults() {}

    static ResultSet wrap(ResultSet rows) {
        ColumnTypes types = new ColumnTypes(rows);
        return (ResultSet) Proxy.newProxyInstance(
                BlobResults.class.getClassLoader(), new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
                    if (BLOB_ACCESSORS.contains(method.getName()) && args != null && args.length == 1) {
                        Object value =
                                args[0] instanceof Integer i ? rows.getObject(i) : rows.getObject((String) args[0]);
                        if (value instanceof BlobValue blob) {
                            return blobAccess(method, blob);
                        }
                    }
                    if (DATE_TIME_ACCESSORS.contains(method.getName())
                            && args != null
                            && (args[0] instanceof Integer || args[0] instanceof String)) {
                        int column = args[0] instanceof Integer i ? i : rows.findColumn((String) args[0]);
                        CalciteDateTimes.Kind kind = types.of(column);
                        if (kind != CalciteDateTimes.Kind.OTHER) {
                            Object value = CalciteDateTimes.access(rows, column, kind, method.getName(), args);
                            if (value != CalciteDateTimes.NOT_HANDLED) {
                                return value;
                            }
                        }
                    }
                    if (method.getName().equals("unwrap") && args[0] == ResultSet.class) {
                        return proxy;
                    }
                    if (method.getName().equals("getMetaData")) {
                        return metaData(rows.getMetaData());
                    }
                    return invoke(rows, method, args);
                });
    }

    /** Each column's kind of value, read from the metadata once, not on every value read. */
    private static final class ColumnTypes {
        private final ResultSet rows;
        private CalciteDateTimes.Kind[] kinds;

        ColumnTypes(ResultSet rows) {
            this.rows = rows;
        }

        CalciteDateTimes.Kind of(int column) throws SQLException {
            if (kinds == null) {
                ResultSetMetaData meta = rows.getMetaData();
                kinds = new CalciteDateTimes.Kind[meta.getColumnCount() + 1];
                for (int c = 1; c < kinds.length; c++) {
                    kinds[c] = CalciteDateTimes.kind(meta.getColumnType(c), meta.getColumnTypeName(c));
                }
            }
            return column > 0 && column < kinds.length ? kinds[column] : CalciteDateTimes.Kind.OTHER;
        }
    }

    /**
     * Metadata that names BLOB columns BLOB. Calcite reports them as OTHER of class Object: opaque
     * values, which in a Quiver warehouse only blobs are (io.quiver.sql.plan.QuiverPrepare
     * describes the result columns that hold blob handles so).
     */
    private static ResultSetMetaData metaData(ResultSetMetaData meta) {
        return (ResultSetMetaData) Proxy.newProxyInstance(
                BlobResults.class.getClassLoader(), new Class<?>[] {ResultSetMetaData.class}, (proxy, method, args) -> {
                    boolean zoned = args != null
                            && args.length == 1
                            && args[0] instanceof Integer column
                            && CalciteDateTimes.kind(meta.getColumnType(column), meta.getColumnTypeName(column))
                                    == CalciteDateTimes.Kind.INSTANT;
                    if (zoned) {
                        switch (method.getName()) {
                            case "getColumnType" -> {
                                return Types.TIMESTAMP_WITH_TIMEZONE;
                            }
                            case "getColumnTypeName" -> {
                                return "TIMESTAMP WITH TIME ZONE";
                            }
                            default -> {}
                        }
                    }
                    boolean blob = args != null
                            && args.length == 1
                            && args[0] instanceof Integer column
                            && meta.getColumnType(column) == Types.OTHER;
                    if (blob) {
                        switch (method.getName()) {
                            case "getColumnType" -> {
                                return Types.BLOB;
                            }
                            case "getColumnTypeName" -> {
                                return "BLOB";
                            }
                            case "getColumnClassName" -> {
                                return BlobValue.class.getName();
                            }
                            default -> {}
                        }
                    }
                    return invoke(meta, method, args);
                });
    }

    private static Object blobAccess(Method method, BlobValue blob) throws SQLException {
        return switch (method.getName()) {
            case "getBlob" -> blob;
            case "getBinaryStream" -> blob.getBinaryStream();
            default -> {
                try {
                    yield blob.bytes();
                } catch (IOException e) {
                    throw new SQLException("reading blob: " + e.getMessage(), "58030", e);
                }
            }
        };
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            // Rows are computed as they are read: a failure then (a bad value, a distance between
            // vectors of different sizes) is a SQLException like one at execute time.
            boolean unchecked = cause instanceof RuntimeException || cause instanceof ExceptionInInitializerError;
            if (unchecked && List.of(method.getExceptionTypes()).contains(SQLException.class)) {
                throw SqlErrors.translate(cause);
            }
            throw cause;
        }
    }
}

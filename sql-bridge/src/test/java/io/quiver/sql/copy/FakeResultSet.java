package io.quiver.sql.copy;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * A forward-only JDBC result set over rows held in memory, built on {@link Proxy}: only what
 * {@link CopyWriter} calls (next, getObject, getMetaData and the metadata's column facts). Values
 * are given in the JDBC forms a driver returns (Integer, java.sql.Date, an {@link Array}, a {@link Blob}).
 */
final class FakeResultSet {
    record Column(String label, int sqlType, String typeName, int precision, int scale, boolean nullable) {}

    private FakeResultSet() {}

    static ResultSet of(List<Column> columns, List<Object[]> rows) {
        ResultSetMetaData md = (ResultSetMetaData) Proxy.newProxyInstance(
                FakeResultSet.class.getClassLoader(), new Class<?>[] {ResultSetMetaData.class}, (p, m, a) -> {
                    if (m.getName().equals("getColumnCount")) {
                        return columns.size();
                    }
                    Column c = columns.get((Integer) a[0] - 1);
                    return switch (m.getName()) {
                        case "getColumnLabel", "getColumnName" -> c.label();
                        case "getColumnType" -> c.sqlType();
                        case "getColumnTypeName" -> c.typeName();
                        case "getPrecision" -> c.precision();
                        case "getScale" -> c.scale();
                        case "isNullable" ->
                            c.nullable() ? ResultSetMetaData.columnNullable : ResultSetMetaData.columnNoNulls;
                        default -> throw new UnsupportedOperationException(m.getName());
                    };
                });
        int[] at = {-1};
        return (ResultSet) Proxy.newProxyInstance(
                FakeResultSet.class.getClassLoader(),
                new Class<?>[] {ResultSet.class},
                (p, m, a) -> switch (m.getName()) {
                    case "next" -> ++at[0] < rows.size();
                    case "getMetaData" -> md;
                    case "getObject" -> {
                        if (at[0] < 0 || at[0] >= rows.size()) {
                            throw new SQLException("no current row");
                        }
                        yield rows.get(at[0])[(Integer) a[0] - 1];
                    }
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** A java.sql.Array whose getArray() gives the elements (boxed numbers, as drivers do). */
    static Array array(Object[] elements) {
        return (Array) Proxy.newProxyInstance(
                FakeResultSet.class.getClassLoader(), new Class<?>[] {Array.class}, (p, m, a) -> switch (m.getName()) {
                    case "getArray" -> elements.clone();
                    case "free" -> null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** A java.sql.Blob read through getBinaryStream. */
    static Blob blob(byte[] bytes) {
        return (Blob) Proxy.newProxyInstance(
                FakeResultSet.class.getClassLoader(), new Class<?>[] {Blob.class}, (p, m, a) -> switch (m.getName()) {
                    case "length" -> (long) bytes.length;
                    case "getBinaryStream" -> new ByteArrayInputStream(bytes);
                    case "free" -> null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}

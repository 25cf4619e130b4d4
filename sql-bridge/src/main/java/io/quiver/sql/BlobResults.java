package io.quiver.sql;

import io.quiver.sql.schema.BlobValue;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Gives result sets JDBC's blob accessors for BLOB columns: {@code getBlob} returns the lazily
 * read {@link BlobValue}, {@code getBytes} and {@code getBinaryStream} read it. (Calcite carries
 * BLOB values as opaque objects, which its result sets only hand out through getObject.) Failures
 * while reading rows are translated by {@link SqlErrors} too.
 */
final class BlobResults {
    private static final Set<String> BLOB_ACCESSORS = Set.of("getBlob", "getBytes", "getBinaryStream");

    private BlobResults() {}

    static ResultSet wrap(ResultSet rows) {
        return (ResultSet) Proxy.newProxyInstance(
                BlobResults.class.getClassLoader(), new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
                    if (BLOB_ACCESSORS.contains(method.getName()) && args != null && args.length == 1) {
                        Object value =
                                args[0] instanceof Integer i ? rows.getObject(i) : rows.getObject((String) args[0]);
                        if (value instanceof BlobValue blob) {
                            return blobAccess(method, blob);
                        }
                    }
                    if (method.getName().equals("unwrap") && args[0] == ResultSet.class) {
                        return proxy;
                    }
                    return invoke(rows, method, args);
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

    private static Object invoke(ResultSet rows, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(rows, args);
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

package io.quiver.sql.jdbc;

import io.quiver.sql.PreparedSql;
import io.quiver.sql.QuiverSql;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.sql.Blob;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A JDBC prepared statement: parsed and planned once, run with its parameters. Vectors are bound
 * with {@code setObject(i, float[])} or {@code setArray(i, connection.createArrayOf("REAL", ...))};
 * blobs with {@code setBytes}, {@code setBlob} or {@code setBinaryStream}.
 */
final class QuiverPreparedStatement {
    private QuiverPreparedStatement() {}

    static PreparedStatement create(QuiverSql session, String sql) throws SQLException {
        PreparedSql prepared = session.prepare(sql);
        Object[] params = new Object[prepared.parameterCount()];
        QuiverStatement.State state = new QuiverStatement.State();
        List<Object[]> batch = new ArrayList<>();
        return Delegation.proxy(PreparedStatement.class, null, (method, args) -> {
            Object common = QuiverStatement.common(state, method, args);
            if (common != Delegation.PASS) {
                if (method.getName().equals("close")) {
                    prepared.close();
                }
                return common;
            }
            String name = method.getName();
            if (name.startsWith("set") && args.length >= 2 && args[0] instanceof Integer index) {
                if (index < 1 || index > params.length) {
                    throw new SQLException(
                            "parameter " + index + " does not exist: the statement has " + params.length, "07009");
                }
                params[index - 1] = value(method, args);
                return null;
            }
            return switch (name) {
                case "clearParameters" -> {
                    Arrays.fill(params, null);
                    yield null;
                }
                case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate" -> {
                    if (args.length > 0) {
                        throw new SQLException("a prepared statement runs its own SQL; call " + name + "()", "HY000");
                    }
                    yield QuiverStatement.execute(
                            state, method, sql, Arrays.asList(params.clone()), (s, p) -> prepared.execute(p));
                }
                case "addBatch" -> {
                    batch.add(params.clone());
                    yield null;
                }
                case "clearBatch" -> {
                    batch.clear();
                    yield null;
                }
                case "executeBatch" -> {
                    int[] counts = new int[batch.size()];
                    for (int i = 0; i < counts.length; i++) {
                        counts[i] = (int) Math.max(
                                0, prepared.execute(Arrays.asList(batch.get(i))).updateCount());
                    }
                    batch.clear();
                    yield counts;
                }
                default -> throw new java.sql.SQLFeatureNotSupportedException(name + " is not supported", "0A000");
            };
        });
    }

    /** The Java value a setter binds. */
    private static Object value(Method setter, Object[] args) throws SQLException {
        Object v = args[1];
        return switch (setter.getName()) {
            case "setNull" -> null;
            case "setBlob" ->
                v instanceof Blob b ? b.getBytes(1, Math.toIntExact(b.length())) : readAll((InputStream) v);
            case "setBinaryStream" -> readAll((InputStream) v);
            default -> v;
        };
    }

    private static byte[] readAll(InputStream in) throws SQLException {
        if (in == null) {
            return null;
        }
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new SQLException("reading the bound stream: " + e.getMessage(), "22000", e);
        }
    }
}

package io.quiver.sql.jdbc;

import io.quiver.sql.QuiverSql;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A JDBC connection: statements run through the {@link QuiverSql} session; metadata
 * (DatabaseMetaData: tables, columns) and the rest come from the Calcite connection underneath.
 * Every statement commits by itself (auto-commit; there are no multi-statement transactions).
 */
final class QuiverConnection {
    private QuiverConnection() {}

    static Connection open(QuiverSql session) throws SQLException {
        Connection calcite = session.calciteConnection();
        boolean[] closed = {false};
        return Delegation.proxy(Connection.class, calcite, (method, args) -> switch (method.getName()) {
            case "createStatement" -> {
                check(closed);
                yield QuiverStatement.create(session);
            }
            case "prepareStatement" -> {
                check(closed);
                yield QuiverPreparedStatement.create(session, (String) args[0]);
            }
            case "unwrap" -> args[0] == QuiverSql.class ? session : Delegation.PASS;
            case "getAutoCommit" -> true;
            case "setAutoCommit" -> {
                if (!(Boolean) args[0]) {
                    throw new java.sql.SQLFeatureNotSupportedException(
                            "Quiver commits every statement by itself; transactions are not supported", "0A000");
                }
                yield null;
            }
            case "commit", "rollback" -> null; // nothing is ever pending
            case "isClosed" -> closed[0];
            case "close" -> {
                if (!closed[0]) {
                    closed[0] = true;
                    session.close();
                }
                yield null;
            }
            default -> Delegation.PASS;
        });
    }

    private static void check(boolean[] closed) throws SQLException {
        if (closed[0]) {
            throw new SQLException("the connection is closed", "08003");
        }
    }
}

package io.quiver.sql.jdbc;

import io.quiver.sql.QuiverSql;
import io.quiver.sql.SqlResult;
import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A JDBC statement. Each execute runs one SQL statement through the session (whose plan cache
 * makes a repeated text cheap); the previous result set is closed first, as JDBC requires.
 */
final class QuiverStatement {
    /** Runs the statement with its parameters (none for a plain Statement). */
    interface Runner {
        SqlResult run(String sql, List<Object> params) throws SQLException;
    }

    /** What a statement holds between calls. */
    static final class State {
        SqlResult result;
        boolean closed;

        void close() throws SQLException {
            if (result != null && result.rows() != null) {
                result.rows().close();
            }
            result = null;
        }
    }

    private QuiverStatement() {}

    static Statement create(QuiverSql session) {
        State state = new State();
        return Delegation.proxy(Statement.class, null, (method, args) -> {
            Object common = common(state, method, args);
            if (common != Delegation.PASS) {
                return common;
            }
            if (method.getName().startsWith("execute") && args.length >= 1 && args[0] instanceof String sql) {
                return execute(state, method, sql, List.of(), (s, p) -> session.execute(s, p.toArray()));
            }
            throw new java.sql.SQLFeatureNotSupportedException(method.getName() + " is not supported", "0A000");
        });
    }

    /** execute / executeQuery / executeUpdate / executeLargeUpdate of one statement. */
    static Object execute(State state, Method method, String sql, List<Object> params, Runner runner)
            throws SQLException {
        if (state.closed) {
            throw new SQLException("the statement is closed", "HY010");
        }
        state.close();
        SqlResult result = runner.run(sql, params);
        state.result = result;
        return switch (method.getName()) {
            case "executeQuery" -> {
                if (!result.hasRows()) {
                    throw new SQLException("the statement returns no rows; use executeUpdate or execute", "07000");
                }
                yield result.rows();
            }
            case "executeUpdate" -> (int) Math.max(0, result.updateCount());
            case "executeLargeUpdate" -> Math.max(0, result.updateCount());
            default -> result.hasRows();
        };
    }

    /** The methods every statement answers the same way; PASS for the others. */
    static Object common(State state, Method method, Object[] args) throws SQLException {
        return switch (method.getName()) {
            case "getResultSet" -> state.result == null ? null : state.result.rows();
            case "getUpdateCount" ->
                state.result == null || state.result.hasRows() ? -1 : (int) state.result.updateCount();
            case "getLargeUpdateCount" ->
                state.result == null || state.result.hasRows() ? -1L : state.result.updateCount();
            case "getMoreResults" -> {
                state.close();
                yield false;
            }
            case "close" -> {
                state.close();
                state.closed = true;
                yield null;
            }
            case "isClosed" -> state.closed;
            case "getWarnings" -> null;
            case "clearWarnings",
                    "setFetchSize",
                    "setQueryTimeout",
                    "setEscapeProcessing",
                    "setPoolable",
                    "setCursorName" -> null;
            case "getFetchSize", "getQueryTimeout" -> 0;
            case "setMaxRows", "setLargeMaxRows" -> {
                // A limit the driver would not apply is refused rather than ignored: use LIMIT.
                if (((Number) args[0]).longValue() != 0) {
                    throw new java.sql.SQLFeatureNotSupportedException("setMaxRows: put a LIMIT in the query", "0A000");
                }
                yield null;
            }
            case "getMaxRows" -> 0;
            case "getLargeMaxRows" -> 0L;
            case "cancel" -> null; // statements are short; nothing runs in the background to stop
            case "closeOnCompletion" -> null;
            case "isCloseOnCompletion", "isPoolable" -> false;
            case "getResultSetType" -> ResultSet.TYPE_FORWARD_ONLY;
            case "getResultSetConcurrency" -> ResultSet.CONCUR_READ_ONLY;
            default -> Delegation.PASS;
        };
    }
}

package io.quiver.sql;

import io.quiver.sql.exec.OpenScans;
import io.quiver.sql.parse.QuiverStatement;
import io.quiver.sql.parse.StatementParser;
import io.quiver.sql.schema.TableChangedException;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlKind;

/**
 * A statement parsed (and, for queries, planned) once and run many times with parameters. Quiver's
 * own statements run through the executors of this package; queries are Calcite prepared
 * statements, planned again only when a schema change made through the session may have made
 * the plan stale.
 */
public final class PreparedSql implements AutoCloseable {
    private final QuiverSql session;
    private final String sql;
    private final QuiverStatement statement;
    private final int parameterCount;
    private final boolean oneShot;
    private final boolean isQuery;
    private PreparedStatement query;
    private long plannedAt;
    private ResultSet lastRows;

    PreparedSql(QuiverSql session, String sql) throws SQLException {
        this(session, sql, false);
    }

    /** {@code oneShot}: run once; its Calcite statement closes with the result set. */
    PreparedSql(QuiverSql session, String sql, boolean oneShot) throws SQLException {
        this.session = session;
        this.sql = sql;
        this.oneShot = oneShot;
        if (sql == null) {
            throw new SQLException("no statement (null)", "42601");
        }
        try {
            StatementParser.Parsed parsed = StatementParser.parse(sql);
            this.parameterCount = parsed.parameterCount();
            this.statement = parsed.statement();
        } catch (SQLException | RuntimeException | StackOverflowError e) {
            throw SqlErrors.translate(e);
        }
        this.isQuery = isQuery(statement);
        if (isQuery) {
            plan();
        }
    }

    public String sql() {
        return sql;
    }

    public int parameterCount() {
        return parameterCount;
    }

    /** Whether the statement returns rows. */
    public boolean returnsRows() {
        return isQuery
                || statement instanceof QuiverStatement.ShowTables
                || statement instanceof QuiverStatement.Describe;
    }

    private static boolean isQuery(QuiverStatement statement) {
        return statement instanceof QuiverStatement.Standard standard && standard.isQuery();
    }

    private void plan() throws SQLException {
        if (query != null) {
            query.close();
        }
        plannedAt = session.generation();
        try {
            query = session.calcite().prepareStatement(((QuiverStatement.Standard) statement).sql());
            if (oneShot) {
                query.closeOnCompletion();
            }
        } catch (SQLException | RuntimeException | ExceptionInInitializerError | StackOverflowError e) {
            query = null;
            throw SqlErrors.translate(e);
        }
    }

    /**
     * Whether the rows of the last execution are still open: running the statement again would
     * close them (one Calcite statement has one result set at a time).
     */
    synchronized boolean hasOpenRows() throws SQLException {
        return lastRows != null && !lastRows.isClosed();
    }

    public synchronized SqlResult execute(List<Object> params) throws SQLException {
        if (params.size() != parameterCount) {
            throw new SQLException(
                    "the statement has " + parameterCount + " parameters, " + params.size() + " given", "07001");
        }
        try {
            if (isQuery) {
                if (query == null || plannedAt != session.generation()) {
                    plan();
                }
                try {
                    return runQuery(params);
                } catch (SQLException e) {
                    if (!changedTable(e)) {
                        throw e;
                    }
                    plan(); // another process changed a table's schema: plan against the new one
                    return runQuery(params);
                }
            }
            return Executors.run(session, statement, params);
        } catch (SQLException | IOException | RuntimeException | ExceptionInInitializerError | StackOverflowError e) {
            throw SqlErrors.translate(e);
        }
    }

    private SqlResult runQuery(List<Object> params) throws SQLException {
        Parameters.bind(query, params);
        try (OpenScans scans = OpenScans.begin()) {
            ResultSet rows = query.executeQuery();
            if (statement instanceof QuiverStatement.Standard standard && standard.kind() == SqlKind.EXPLAIN) {
                return SqlResult.rows(planLines(rows));
            }
            scans.keep();
            lastRows = rows;
            return SqlResult.rows(BlobResults.wrap(rows));
        }
    }

    /** EXPLAIN's plan as one row per line, so that a table of it reads as the plan's tree. */
    private ResultSet planLines(ResultSet plan) throws SQLException {
        List<Object[]> lines = new ArrayList<>();
        try (plan) {
            while (plan.next()) {
                plan.getString(1).lines().filter(l -> !l.isBlank()).forEach(l -> lines.add(new Object[] {l}));
            }
        }
        return ValuesResult.of(session, List.<String[]>of(new String[] {"PLAN", "VARCHAR"}), lines);
    }

    private static boolean changedTable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TableChangedException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void close() {
        if (query != null) {
            try {
                query.close();
            } catch (SQLException e) {
                // Closing a Calcite statement releases memory only; nothing to report.
            }
            query = null;
        }
    }
}

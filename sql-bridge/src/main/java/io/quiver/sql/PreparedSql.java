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
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;

/**
 * A statement parsed (and, for queries, UPDATE and DELETE, planned) once and run many times with
 * parameters. Quiver's own statements run through the executors of this package; queries, UPDATE
 * and DELETE are Calcite prepared statements, planned again only when a schema change may have
 * made the plan stale. Statements that read rows in order to write them run again when another
 * writer changed those rows under them ({@link Reruns}).
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
        if (isQuery || statement instanceof QuiverStatement.Modify) {
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
        return statement instanceof QuiverStatement.Standard standard && standard.isQuery()
                || statement instanceof QuiverStatement.Modify modify && modify.explain();
    }

    private static boolean isExplain(QuiverStatement statement) {
        return statement instanceof QuiverStatement.Standard standard && standard.kind() == SqlKind.EXPLAIN
                || statement instanceof QuiverStatement.Modify modify && modify.explain();
    }

    private void plan() throws SQLException {
        if (query != null) {
            query.close();
        }
        plannedAt = session.generation();
        try {
            String text = statement instanceof QuiverStatement.Modify modify
                    ? ModifyTargets.calciteSql(session, modify)
                    : ((QuiverStatement.Standard) statement).sql();
            query = session.calcite().prepareStatement(text);
            if (oneShot) {
                query.closeOnCompletion();
            }
        } catch (SQLException | IOException | RuntimeException | ExceptionInInitializerError | StackOverflowError e) {
            query = null;
            if (statement instanceof QuiverStatement.Modify modify) {
                throw ModifyTargets.unplanned(session, modify, e);
            }
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
                return planned(() -> runQuery(params));
            }
            return switch (statement) {
                case QuiverStatement.Modify modify ->
                    Reruns.run(modify.verb(), modify.table(), () -> planned(() -> runModify(modify, params)));
                case QuiverStatement.Insert insert
                when insert.onConflict() != null ->
                    Reruns.run(
                            "INSERT",
                            ((SqlIdentifier) insert.insert().getTargetTable()).names.getLast(),
                            () -> Executors.run(session, statement, params));
                default -> Executors.run(session, statement, params);
            };
        } catch (SQLException | IOException | RuntimeException | ExceptionInInitializerError | StackOverflowError e) {
            throw SqlErrors.translate(e);
        }
    }

    private interface Run {
        SqlResult run() throws SQLException;
    }

    /** Runs the Calcite statement, planned again first if the plan may be stale. */
    private SqlResult planned(Run run) throws SQLException {
        if (query == null || plannedAt != session.generation()) {
            plan();
        }
        try {
            return run.run();
        } catch (SQLException e) {
            if (!changedTable(e)) {
                throw e;
            }
            plan(); // another process changed a table's schema: plan against the new one
            return run.run();
        }
    }

    private SqlResult runQuery(List<Object> params) throws SQLException {
        Parameters.bind(query, params);
        try (OpenScans scans = OpenScans.begin()) {
            ResultSet rows = query.executeQuery();
            if (isExplain(statement)) {
                return SqlResult.rows(planLines(rows));
            }
            scans.keep();
            lastRows = rows;
            return SqlResult.rows(BlobResults.wrap(rows));
        }
    }

    /**
     * UPDATE or DELETE: the plan reads the rows and commits; its one row is the count. The
     * modification closes the scans it reads, whether it commits or fails.
     */
    private SqlResult runModify(QuiverStatement.Modify modify, List<Object> params) throws SQLException {
        Parameters.bind(query, params);
        return SqlResult.count(modify.verb(), query.executeLargeUpdate());
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

package io.quiver.sql;

import io.quiver.sql.parse.QuiverStatement;
import io.quiver.sql.parse.StatementParser;
import io.quiver.sql.parse.Token;
import io.quiver.sql.parse.Tokenizer;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

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
    /** Whether this is a query planned by Calcite; worked out once, as every execution asks. */
    private final boolean calciteQuery;

    private PreparedStatement query;
    private java.sql.ResultSet lastRows;
    private long plannedAt;

    PreparedSql(QuiverSql session, String sql) throws SQLException {
        this(session, sql, false);
    }

    /** {@code oneShot}: run once; its Calcite statement closes with the result set. */
    PreparedSql(QuiverSql session, String sql, boolean oneShot) throws SQLException {
        this.session = session;
        this.sql = sql;
        this.oneShot = oneShot;
        List<Token> tokens = Tokenizer.tokenize(sql);
        this.parameterCount = (int)
                tokens.stream().filter(t -> t.kind() == Token.Kind.PARAMETER).count();
        this.statement = StatementParser.parse(sql);
        this.calciteQuery = isQuery(statement);
        if (calciteQuery) {
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
        return calciteQuery
                || statement instanceof QuiverStatement.ShowTables
                || statement instanceof QuiverStatement.Describe;
    }

    private static boolean isQuery(QuiverStatement statement) {
        if (!(statement instanceof QuiverStatement.Standard(String text))) {
            return false;
        }
        String first = text.stripLeading().split("[\\s(]", 2)[0].toLowerCase(Locale.ROOT);
        return text.stripLeading().startsWith("(")
                || List.of("select", "with", "values", "explain").contains(first);
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
        } catch (SQLException | RuntimeException e) {
            query = null;
            throw SqlErrors.translate(e);
        }
    }

    public synchronized SqlResult execute(List<Object> params) throws SQLException {
        if (params.size() != parameterCount) {
            throw new SQLException(
                    "the statement has " + parameterCount + " parameters, " + params.size() + " given", "07001");
        }
        try {
            if (calciteQuery) {
                if (query == null || plannedAt != session.generation()) {
                    plan();
                }
                Parameters.bind(query, params);
                lastRows = query.executeQuery();
                return SqlResult.rows(BlobResults.wrap(lastRows));
            }
            return Executors.run(session, statement, params);
        } catch (SQLException | IOException | RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }

    /** Whether the rows of the last execution are still being read (running again would close them). */
    synchronized boolean busy() throws SQLException {
        return lastRows != null && !lastRows.isClosed();
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

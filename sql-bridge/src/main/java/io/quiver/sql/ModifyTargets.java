package io.quiver.sql;

import io.quiver.engine.Dataset;
import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.schema.TableSchema;
import io.quiver.sql.parse.QuiverStatement.Modify;
import io.quiver.sql.spi.FormatTables;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.util.HashSet;
import java.util.Set;
import org.apache.calcite.plan.RelOptPlanner;

/**
 * The target of an UPDATE or DELETE, looked at before Calcite plans the statement: which of its
 * texts Calcite gets (a Quiver table's with the row address column), and the errors Quiver
 * reports in its own words: an unknown or plug-in table, an unknown column (42703), a column set
 * twice (42701), a key column set (0A000).
 */
final class ModifyTargets {
    private ModifyTargets() {}

    /** What Calcite plans: the statement's text for its target, checked. */
    static String calciteSql(QuiverSql session, Modify modify) throws SQLException, IOException {
        if (modify.setColumns().isEmpty() && formatOf(session, modify) != null) {
            return modify.sql(); // DELETE on a plug-in table: its format deletes by the WHERE clause
        }
        // A table that does not exist, or UPDATE of a plug-in format's, fails here as every
        // statement on Quiver tables only does.
        Dataset ds = session.tables().latest(modify.table());
        checkSetList(modify, ds.tableSchema(), ds.primaryKey().orElse(null));
        return modify.sqlWithRowAddresses();
    }

    /** The plug-in format's tables that hold the target; null for a Quiver table (or none). */
    private static FormatTables formatOf(QuiverSql session, Modify modify) throws IOException {
        return session.tables().pluginOwner(modify.table());
    }

    /**
     * Why the statement could not be planned. A plug-in format's table is deleted from only by a
     * filter its format evaluates; when no plan does that, the planner finds none at all.
     */
    static SQLException unplanned(QuiverSql session, Modify modify, Throwable failure) {
        boolean noPlan = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            noPlan |= t instanceof RelOptPlanner.CannotPlanException;
        }
        try {
            FormatTables format = noPlan ? formatOf(session, modify) : null;
            if (format != null) {
                return new SQLFeatureNotSupportedException(
                        "DELETE on " + session.tables().formats().nameOf(format) + " table " + modify.table()
                                + " takes a WHERE clause of comparisons of columns with constants, IN, LIKE, IS NULL,"
                                + " AND, OR and NOT; this one is more than that",
                        "0A000",
                        failure);
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        return SqlErrors.translate(failure);
    }

    private static void checkSetList(Modify modify, TableSchema schema, PrimaryKey key) throws SQLException {
        Set<String> set = new HashSet<>();
        for (String column : modify.setColumns()) {
            if (schema.find(column).isEmpty()) {
                throw new SQLSyntaxErrorException(
                        "column '" + column + "' does not exist in " + modify.table(), "42703");
            }
            if (key != null && key.columns().contains(column)) {
                throw new SQLFeatureNotSupportedException("the key column " + column + " cannot be updated", "0A000");
            }
            if (!set.add(column)) {
                throw new SQLSyntaxErrorException("column " + column + " is set twice", "42701");
            }
        }
    }
}

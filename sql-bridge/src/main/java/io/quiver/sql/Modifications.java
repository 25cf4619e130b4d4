package io.quiver.sql;

import io.quiver.engine.Dataset;
import io.quiver.engine.expr.Expr;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.sql.exec.ResultValues;
import io.quiver.sql.exec.RowBatches;
import io.quiver.sql.parse.CalciteText;
import io.quiver.sql.plan.EngineValues;
import io.quiver.sql.plan.FilterBinder;
import io.quiver.sql.plan.PushedFilter;
import io.quiver.sql.plan.RexFilters;
import io.quiver.sql.plan.ScanPlan;
import io.quiver.sql.schema.SqlTypes;
import io.quiver.sql.schema.TableMacros;
import io.quiver.sql.spi.FormatTables;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUpdate;

/**
 * UPDATE and DELETE. Both find their rows with a Calcite query over the table (so any WHERE
 * clause works) and change them in one engine commit: an UPDATE computes the new rows and
 * upserts them (a keyless table's replace the rows at the addresses read with them); a DELETE
 * deletes by key, or, on a table without a key, by a filter the engine evaluates itself.
 */
final class Modifications {
    private final QuiverSql session;

    Modifications(QuiverSql session) {
        this.session = session;
    }

    SqlResult update(String sql, List<Object> params) throws SQLException, IOException {
        SqlUpdate update = (SqlUpdate) CalciteParsing.parse(sql);
        String table = ((SqlIdentifier) update.getTargetTable()).names.getLast();
        Dataset ds = session.tables().latest(table);
        TableSchema schema = ds.tableSchema();
        PrimaryKey key = ds.primaryKey().orElse(null);
        Map<String, SqlNode> set = setList(update, schema, key, table);
        StringJoiner select = new StringJoiner(", ", "SELECT ", "");
        for (Column c : schema.columns()) {
            SqlNode value = set.get(c.name());
            select.add(
                    value == null
                            ? CalciteText.quote(c.name())
                            : "CAST(" + CalciteParsing.text(value) + " AS " + SqlTypes.castName(c.type()) + ") AS "
                                    + CalciteText.quote(c.name()));
        }
        // A keyed table's rows are replaced by key; a keyless one's by address, read with the rows.
        String source = CalciteParsing.text(update.getTargetTable());
        if (key == null) {
            select.add(CalciteText.quote(ScanPlan.ROW_ADDRESS_COLUMN));
            source = "TABLE(" + TableMacros.ROWS + "('" + table.replace("'", "''") + "')) AS "
                    + (update.getAlias() == null ? CalciteText.quote(table) : CalciteParsing.text(update.getAlias()));
        } else if (update.getAlias() != null) {
            source += " AS " + CalciteParsing.text(update.getAlias());
        }
        String query = select + " FROM " + source
                + (update.getCondition() == null ? "" : " WHERE " + CalciteParsing.text(update.getCondition()));
        int[] all = new int[schema.columns().size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        long readVersion = ds.version();
        java.util.List<Long> addresses = new ArrayList<>();
        try (ResultSet rows = session.query(query, params);
                RowBatches batch = new RowBatches(ds.allocator(), rows, schema, all, Integer.MAX_VALUE)) {
            if (key == null) {
                batch.collectingTrailingLongs(addresses::add);
            }
            if (!batch.loadNextBatch()) {
                return SqlResult.count("UPDATE", 0);
            }
            VectorSchemaRoot changed = batch.getVectorSchemaRoot();
            if (key == null) {
                ds.replaceRows(
                        readVersion,
                        addresses.stream().mapToLong(Long::longValue).toArray(),
                        changed);
            } else {
                ds.upsert(changed);
            }
            return SqlResult.count("UPDATE", changed.getRowCount());
        }
    }

    /** The SET list as column to new value; key columns cannot be set. */
    private static Map<String, SqlNode> setList(SqlUpdate update, TableSchema schema, PrimaryKey key, String table)
            throws SQLException {
        Map<String, SqlNode> set = new LinkedHashMap<>();
        for (int i = 0; i < update.getTargetColumnList().size(); i++) {
            String column = ((SqlIdentifier) update.getTargetColumnList().get(i)).getSimple();
            if (schema.find(column).isEmpty()) {
                throw new SQLSyntaxErrorException("column '" + column + "' does not exist in " + table, "42703");
            }
            if (key != null && key.columns().contains(column)) {
                throw new SQLFeatureNotSupportedException("the key column " + column + " cannot be updated", "0A000");
            }
            if (set.put(column, update.getSourceExpressionList().get(i)) != null) {
                throw new SQLSyntaxErrorException("column " + column + " is set twice", "42701");
            }
        }
        return set;
    }

    SqlResult delete(String sql, List<Object> params) throws SQLException, IOException {
        SqlDelete delete = (SqlDelete) CalciteParsing.parse(sql);
        String table = ((SqlIdentifier) delete.getTargetTable()).names.getLast();
        FormatTables format = session.tables().pluginOwner(table);
        if (format != null) {
            return SqlResult.count("DELETE", deleteInFormat(format, table, delete, params));
        }
        Dataset ds = session.tables().latest(table);
        PrimaryKey key = ds.primaryKey().orElse(null);
        if (key == null) {
            Expr filter = engineFilter(ds.tableSchema(), delete, params);
            return SqlResult.count("DELETE", filter != null ? ds.delete(filter) : deleteByAddress(ds, delete, params));
        }
        StringJoiner select = new StringJoiner(", ", "SELECT ", "");
        key.columns().forEach(c -> select.add(CalciteText.quote(c)));
        String query = select + from(delete.getTargetTable(), delete.getAlias(), delete.getCondition());
        List<Object[]> keys = new ArrayList<>();
        try (ResultSet rows = session.query(query, params)) {
            while (rows.next()) {
                Object[] k = new Object[key.columns().size()];
                for (int i = 0; i < k.length; i++) {
                    Column c = ds.tableSchema().column(key.columns().get(i));
                    k[i] = EngineValues.keyValue(c, ResultValues.read(rows, i + 1));
                }
                keys.add(k);
            }
        }
        return SqlResult.count("DELETE", keys.isEmpty() ? 0 : ds.deleteByKey(keys));
    }

    /** A keyless DELETE whose WHERE clause only Calcite can evaluate: the rows are found by address. */
    private long deleteByAddress(Dataset ds, SqlDelete delete, List<Object> params) throws SQLException, IOException {
        String table = ((SqlIdentifier) delete.getTargetTable()).names.getLast();
        String query = "SELECT " + CalciteText.quote(ScanPlan.ROW_ADDRESS_COLUMN) + " FROM TABLE(" + TableMacros.ROWS
                + "('" + table.replace("'", "''") + "')) AS "
                + (delete.getAlias() == null ? CalciteText.quote(table) : CalciteParsing.text(delete.getAlias()))
                + " WHERE " + CalciteParsing.text(delete.getCondition());
        long readVersion = ds.version();
        List<Long> addresses = new ArrayList<>();
        try (ResultSet rows = session.query(query, params)) {
            while (rows.next()) {
                addresses.add(rows.getLong(1));
            }
        }
        if (addresses.isEmpty()) {
            return 0;
        }
        try (VectorSchemaRoot none = VectorSchemaRoot.create(ds.schema(), ds.allocator())) {
            none.allocateNew();
            none.setRowCount(0);
            ds.replaceRows(
                    readVersion, addresses.stream().mapToLong(Long::longValue).toArray(), none);
        }
        return addresses.size();
    }

    /**
     * A DELETE on a table of a plug-in format: its WHERE clause, typed by Calcite, is handed to
     * the format as a filter tree (the format renders it in its own syntax), so only clauses the
     * filter trees express can delete there.
     */
    private long deleteInFormat(FormatTables format, String table, SqlDelete delete, List<Object> params)
            throws SQLException, IOException {
        TableSchema schema = format.schema(table);
        Expr filter = delete.getCondition() == null ? null : engineFilter(schema, delete, params);
        if (delete.getCondition() != null && filter == null) {
            throw new SQLFeatureNotSupportedException(
                    "DELETE on " + session.tables().formats().nameOf(format) + " table " + table
                            + " takes a WHERE clause of comparisons of columns with constants, IN, LIKE, IS NULL,"
                            + " AND, OR and NOT; this one is more than that",
                    "0A000");
        }
        return format.delete(table, filter);
    }

    /**
     * The WHERE clause of a DELETE on a keyless table as an engine filter (all rows without one),
     * or null when the engine cannot evaluate it.
     */
    private Expr engineFilter(TableSchema schema, SqlDelete delete, List<Object> params) throws SQLException {
        if (delete.getCondition() == null) {
            String first = schema.columns().getFirst().name();
            return Filters.or(Filters.isNull(first), Filters.not(Filters.isNull(first)));
        }
        var condition =
                ConditionPlanner.condition(session, delete.getTargetTable(), delete.getAlias(), delete.getCondition());
        PushedFilter pushed = RexFilters.translate(condition.rexBuilder(), schema.columns(), condition.rex());
        if (pushed == null) {
            return null;
        }
        List<Object> values = new ArrayList<>();
        for (Object p : params) {
            values.add(Parameters.calciteValue(p));
        }
        FilterBinder.Bound bound = FilterBinder.bind(pushed, schema, values::get);
        return switch (bound) {
            case FilterBinder.Bound.Filter(Expr e) -> e;
            case FilterBinder.Bound.Always(boolean all) -> {
                String first = schema.columns().getFirst().name();
                Expr everything = Filters.or(Filters.isNull(first), Filters.not(Filters.isNull(first)));
                yield all ? everything : Filters.and(Filters.isNull(first), Filters.not(Filters.isNull(first)));
            }
        };
    }

    private static String from(SqlNode table, SqlIdentifier alias, SqlNode condition) {
        return " FROM " + CalciteParsing.text(table) + (alias == null ? "" : " AS " + CalciteParsing.text(alias))
                + (condition == null ? "" : " WHERE " + CalciteParsing.text(condition));
    }
}

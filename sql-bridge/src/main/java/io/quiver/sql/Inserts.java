package io.quiver.sql;

import io.quiver.engine.Dataset;
import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.sql.exec.LiteralRows;
import io.quiver.sql.exec.RowBatches;
import io.quiver.sql.exec.RowSource;
import io.quiver.sql.parse.QuiverStatement;
import io.quiver.sql.schema.SqlTypes;
import io.quiver.sql.spi.FormatTables;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

/**
 * INSERT, UPSERT, INSERT ... ON CONFLICT and CREATE TABLE ... AS: the source query runs through
 * Calcite (VALUES rows cast to the column types first), its rows stream into Arrow batches, and
 * the engine writes them in one commit.
 */
final class Inserts {
    private final QuiverSql session;

    Inserts(QuiverSql session) {
        this.session = session;
    }

    SqlResult run(QuiverStatement.Insert statement, List<Object> params) throws SQLException, IOException {
        SqlInsert insert = statement.insert();
        String table = ((SqlIdentifier) insert.getTargetTable()).names.getLast();
        FormatTables format = session.tables().pluginOwner(table);
        if (format != null) {
            return appendTo(format, table, insert, statement.onConflict() != null, params);
        }
        Dataset ds = session.tables().latest(table);
        TableSchema schema = ds.tableSchema();
        int[] targets = targets(schema, insert.getTargetColumnList());
        PrimaryKey key = ds.primaryKey().orElse(null);
        var onConflict = statement.onConflict();
        boolean upsert = insert.isUpsert();
        if ((upsert || onConflict != null) && key == null) {
            throw new SQLSyntaxErrorException(
                    (upsert ? "UPSERT" : "ON CONFLICT") + " needs a table with a PRIMARY KEY; " + table + " has none",
                    "42P10");
        }
        if (onConflict != null
                && !onConflict.keys().isEmpty()
                && !onConflict.keys().equals(key.columns())) {
            throw new SQLSyntaxErrorException(
                    "ON CONFLICT " + onConflict.keys() + " must name the primary key " + key.columns(), "42P10");
        }
        boolean plain = !upsert && onConflict == null;
        // Upserts commit all their rows at once, so they read them into one batch; inserts stream.
        int batchRows = plain ? RowBatches.BATCH_ROWS : Integer.MAX_VALUE;
        try (RowSource rows = rows(insert.getSource(), schema, targets, params);
                RowBatches batches = new RowBatches(ds.allocator(), rows, schema, targets, batchRows)) {
            if (plain) {
                if (key == null) {
                    ds.append(batches);
                } else {
                    ds.insert(batches);
                }
                return SqlResult.count("INSERT", batches.rowsRead());
            }
            if (!batches.loadNextBatch()) {
                return SqlResult.count("INSERT", 0);
            }
            VectorSchemaRoot root = batches.getVectorSchemaRoot();
            if (onConflict == null) {
                ds.upsert(root);
                return SqlResult.count("UPSERT", root.getRowCount());
            }
            return SqlResult.count("INSERT", Conflicts.apply(ds, key, root, onConflict));
        }
    }

    /**
     * A plain INSERT into a table of a plug-in format: the rows stream into one append. Formats
     * have no enforced key, so UPSERT and ON CONFLICT are refused before anything is read.
     */
    private SqlResult appendTo(
            FormatTables format, String table, SqlInsert insert, boolean onConflict, List<Object> params)
            throws SQLException, IOException {
        if (insert.isUpsert() || onConflict) {
            throw new SQLFeatureNotSupportedException(
                    (insert.isUpsert() ? "UPSERT" : "ON CONFLICT") + " is not supported on "
                            + session.tables().formats().nameOf(format) + " table " + table
                            + ": it has no enforced primary key; use a QUIVER table",
                    "0A000");
        }
        TableSchema schema = format.schema(table);
        int[] targets = targets(schema, insert.getTargetColumnList());
        try (RowSource rows = rows(insert.getSource(), schema, targets, params);
                RowBatches batches =
                        new RowBatches(session.tables().allocator(), rows, schema, targets, RowBatches.BATCH_ROWS)) {
            format.append(table, batches);
            return SqlResult.count("INSERT", batches.rowsRead());
        }
    }

    /** The table positions the inserted values go to, in order. */
    private static int[] targets(TableSchema schema, SqlNodeList columns) throws SQLSyntaxErrorException {
        if (columns == null) {
            int[] all = new int[schema.columns().size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] targets = new int[columns.size()];
        List<String> names = schema.names();
        for (int i = 0; i < targets.length; i++) {
            String name = ((SqlIdentifier) columns.get(i)).getSimple();
            targets[i] = names.indexOf(name);
            if (targets[i] < 0) {
                throw new SQLSyntaxErrorException("column '" + name + "' does not exist in the table", "42703");
            }
            for (int j = 0; j < i; j++) {
                if (targets[j] == targets[i]) {
                    throw new SQLSyntaxErrorException("column '" + name + "' is named twice", "42701");
                }
            }
        }
        return targets;
    }

    /**
     * The rows to insert: VALUES of literals converted directly ({@link LiteralRows}), any other
     * source run through Calcite.
     */
    private RowSource rows(SqlNode source, TableSchema schema, int[] targets, List<Object> params) throws SQLException {
        if (source.getKind() == SqlKind.VALUES) {
            List<Column> columns =
                    Arrays.stream(targets).mapToObj(schema.columns()::get).toList();
            List<Object[]> literal = LiteralRows.of(valuesRows(source, targets.length), columns);
            if (literal != null) {
                return RowSource.of(literal);
            }
        }
        ResultSet rows = session.query(source(source, schema, targets), params);
        int width = rows.getMetaData().getColumnCount();
        if (width != targets.length) {
            rows.close();
            throw new SQLSyntaxErrorException(
                    "INSERT names " + targets.length + " columns but its rows have " + width + " values", "42601");
        }
        return RowSource.of(rows);
    }

    /** The values of each VALUES row, checked to be {@code width} of them. */
    private static List<List<SqlNode>> valuesRows(SqlNode values, int width) throws SQLSyntaxErrorException {
        List<List<SqlNode>> rows = new ArrayList<>();
        for (SqlNode row : ((SqlBasicCall) values).getOperandList()) {
            List<SqlNode> cells = row.getKind() == SqlKind.ROW ? ((SqlBasicCall) row).getOperandList() : List.of(row);
            if (cells.size() != width) {
                throw new SQLSyntaxErrorException(
                        "INSERT names " + width + " columns but a row has " + cells.size() + " values", "42601");
            }
            rows.add(cells);
        }
        return rows;
    }

    /**
     * The source as a query. VALUES rows have each value cast to its column's type: Calcite then
     * types parameters, and neither pads binary values nor widens strings across rows.
     */
    private static String source(SqlNode source, TableSchema schema, int[] targets) throws SQLSyntaxErrorException {
        if (source.getKind() != SqlKind.VALUES) {
            return CalciteParsing.text(source);
        }
        StringJoiner rows = new StringJoiner(", ", "VALUES ", "");
        for (List<SqlNode> values : valuesRows(source, targets.length)) {
            StringJoiner cells = new StringJoiner(", ", "(", ")");
            for (int i = 0; i < values.size(); i++) {
                Column c = schema.columns().get(targets[i]);
                cells.add("CAST(" + CalciteParsing.text(values.get(i)) + " AS " + SqlTypes.castName(c.type()) + ")");
            }
            rows.add(cells.toString());
        }
        return rows.toString();
    }

    /** CREATE TABLE t AS query: the columns are the query's; the table is dropped again if filling it fails. */
    SqlResult createAs(String table, String query, List<Object> params) throws SQLException, IOException {
        try (ResultSet rows = session.query(query, params)) {
            boolean any = rows.next();
            var schema = ResultSchemas.of(rows, any);
            Dataset ds = session.tables().create(table, schema, null);
            session.schemaChanged();
            TableSchema tableSchema = ds.tableSchema();
            int[] all = targets(tableSchema, null);
            try (RowBatches batches = new RowBatches(ds.allocator(), rows, tableSchema, all, RowBatches.BATCH_ROWS)
                    .startingAtCurrentRow(any)) {
                ds.append(batches);
                return SqlResult.count("CREATE TABLE AS", batches.rowsRead());
            } catch (IOException | RuntimeException e) {
                session.tables().drop(table);
                throw e;
            }
        }
    }

    /** CREATE TABLE t USING format [WITH (...)] AS query, in a plug-in format; dropped again if filling it fails. */
    SqlResult createAs(String table, String query, List<Object> params, FormatTables format, Map<String, String> with)
            throws SQLException, IOException {
        try (ResultSet rows = session.query(query, params)) {
            boolean any = rows.next();
            format.create(table, ResultSchemas.of(rows, any), List.of(), with);
            session.schemaChanged();
            TableSchema tableSchema = format.schema(table);
            try (RowBatches batches = new RowBatches(
                            session.tables().allocator(),
                            rows,
                            tableSchema,
                            targets(tableSchema, null),
                            RowBatches.BATCH_ROWS)
                    .startingAtCurrentRow(any)) {
                format.append(table, batches);
                return SqlResult.count("CREATE TABLE AS", batches.rowsRead());
            } catch (IOException | SQLException | RuntimeException e) {
                format.drop(table);
                throw e;
            }
        }
    }
}

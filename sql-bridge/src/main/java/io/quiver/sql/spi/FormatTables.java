package io.quiver.sql.spi;

import io.quiver.engine.expr.Expr;
import io.quiver.engine.schema.TableSchema;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.schema.Table;

/**
 * One session's view of a {@link TableFormat}'s tables in its warehouse. Table names share one
 * namespace with Quiver's tables (the SQL bridge checks that a new name is free in both) and are
 * plain identifiers, validated by {@link io.quiver.engine.Warehouse#tablePath}.
 *
 * <p>The SQL bridge parses and plans; the format stores. Queries read {@link #table}, whose scan
 * is a {@link io.quiver.sql.plan.QuiverScan} over a {@link io.quiver.sql.plan.PushdownTable}, so
 * the bridge's planner rules push projections, filters, limits and nearest-neighbour searches into
 * it. Statements the format cannot run are refused by the bridge before this interface is asked.
 * Every method that changes a table commits once or fails having changed nothing.
 */
public interface FormatTables extends AutoCloseable {
    /** The format's tables, sorted. */
    List<String> names() throws IOException;

    boolean exists(String name) throws IOException;

    /** The table as Calcite plans it, at its newest version. */
    Table table(String name) throws IOException;

    TableSchema schema(String name) throws IOException;

    /** A new table; {@code primaryKey} names NOT NULL columns (possibly none); {@code options} from WITH. */
    void create(String name, Schema schema, List<String> primaryKey, Map<String, String> options)
            throws IOException, SQLException;

    /** CREATE EXTERNAL TABLE: records an existing dataset at {@code location} under {@code name}. */
    void mount(String name, String location) throws IOException, SQLException;

    /** Deletes a table the format created; forgets a mounted one, leaving its data alone. */
    void drop(String name) throws IOException;

    /** DESCRIBE rows: name, kind (column, index, table), type, nullable, detail. */
    List<Object[]> describe(String name) throws IOException;

    /** Appends batches of exactly {@link #schema}'s columns in one commit (callers count the rows). */
    void append(String name, ArrowReader batches) throws IOException, SQLException;

    /** Deletes the rows {@code filter} holds for (null: every row); returns how many. */
    long delete(String name, Expr filter) throws IOException, SQLException;

    /** ALTER TABLE ... ADD VECTOR INDEX; {@code index} may be null (a name is chosen). Returns the name. */
    String addVectorIndex(String table, String index, String column, String method, Map<String, String> options)
            throws IOException, SQLException;

    /** ALTER TABLE ... DROP INDEX. */
    void dropIndex(String table, String index) throws IOException, SQLException;

    /** COPY ... FROM '{@code location}' (FORMAT name): a dataset of this format, streamed. */
    ArrowReader readDataset(String location) throws IOException, SQLException;

    /** COPY ... TO '{@code location}' (FORMAT name): a new dataset of this format; returns the rows written. */
    long writeDataset(String location, ArrowReader batches) throws IOException, SQLException;

    @Override
    void close();
}

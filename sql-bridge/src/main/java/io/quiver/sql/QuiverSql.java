package io.quiver.sql;

import io.quiver.engine.DatasetOptions;
import io.quiver.engine.Warehouse;
import io.quiver.sql.parser.impl.QuiverSqlParserImpl;
import io.quiver.sql.plan.QuiverPrepare;
import io.quiver.sql.plan.QuiverTypeSystem;
import io.quiver.sql.schema.OpenTables;
import io.quiver.sql.schema.TableMacros;
import io.quiver.sql.schema.WarehouseSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;

/**
 * A SQL session over a warehouse folder: the Java API behind the JDBC driver and the shell.
 *
 * <pre>{@code
 * try (QuiverSql sql = QuiverSql.open(Path.of("warehouse"))) {
 *   sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v VECTOR(3))");
 *   sql.execute("INSERT INTO t VALUES (?, ?)", 1L, new float[] {1, 2, 3});
 *   try (ResultSet rs = sql.execute("SELECT id FROM t ORDER BY l2_distance(v, ?) LIMIT 5", q).rows()) { }
 * }
 * }</pre>
 *
 * Unquoted identifiers fold to lower case (as in PostgreSQL). Each statement is atomic: it commits
 * once, or fails and changes nothing. Results stay readable until the session closes.
 */
public final class QuiverSql implements AutoCloseable {
    /** The schema holding the warehouse's tables, the default one. */
    public static final String SCHEMA = "quiver";

    private final OpenTables tables;
    private final CalciteConnection calcite;
    private final AtomicLong generation = new AtomicLong();
    private final StatementCache cache = new StatementCache(this, 64);

    private QuiverSql(OpenTables tables, CalciteConnection calcite) {
        this.tables = tables;
        this.calcite = calcite;
    }

    public static QuiverSql open(Path warehouse) throws SQLException {
        return open(warehouse, DatasetOptions.DEFAULT);
    }

    /** {@code options.allocator()}: the parent of every table's allocator (null: the session makes its own). */
    public static QuiverSql open(Path warehouse, DatasetOptions options) throws SQLException {
        BufferAllocator owned = options.allocator() == null ? new RootAllocator() : null;
        DatasetOptions effective = owned == null ? options : options.withAllocator(owned);
        OpenTables tables;
        try {
            tables = new OpenTables(new Warehouse(warehouse, effective), effective, owned);
        } catch (IOException e) {
            if (owned != null) {
                owned.close();
            }
            throw new SQLException("cannot open the warehouse " + warehouse + ": " + e.getMessage(), "58030", e);
        }
        Properties props = new Properties();
        props.setProperty("unquotedCasing", "TO_LOWER");
        props.setProperty("quotedCasing", "UNCHANGED");
        props.setProperty("caseSensitive", "true");
        props.setProperty("quoting", "DOUBLE_QUOTE");
        // ORDER BY and GROUP BY a select alias, LIMIT, != : what users of other engines expect
        // (QuiverPrepare adds checked arithmetic to it).
        props.setProperty("conformance", "LENIENT");
        props.setProperty("timeZone", "UTC");
        props.setProperty("typeSystem", QuiverTypeSystem.class.getName() + "#INSTANCE");
        // Calcite parses with Quiver's grammar too: one grammar for every statement.
        props.setProperty("parserFactory", QuiverSqlParserImpl.class.getName() + "#FACTORY");
        // Calcite's driver directly: DriverManager would first load every driver on the class path.
        Connection c = new org.apache.calcite.jdbc.Driver()
                .withPrepareFactory(() -> new QuiverPrepare(props))
                .connect("jdbc:calcite:", props);
        CalciteConnection calcite = c.unwrap(CalciteConnection.class);
        SchemaPlus root = calcite.getRootSchema();
        SchemaPlus schema = root.add(SCHEMA, new WarehouseSchema(tables));
        schema.setCacheEnabled(false);
        root.add(TableMacros.VERSION, TableMacros.version(tables));
        calcite.setSchema(SCHEMA);
        return new QuiverSql(tables, calcite);
    }

    /** Runs one statement; {@code params} fill its {@code ?} in order (a vector as float[]). */
    public SqlResult execute(String sql, Object... params) throws SQLException {
        return cache.get(sql).execute(Arrays.asList(params));
    }

    /** Parses and plans a statement once, to run many times. */
    public PreparedSql prepare(String sql) throws SQLException {
        return new PreparedSql(this, sql);
    }

    public Path warehouse() {
        return tables.warehouse().root();
    }

    OpenTables tables() {
        return tables;
    }

    CalciteConnection calcite() {
        return calcite;
    }

    /**
     * The Calcite connection underneath, for metadata (DatabaseMetaData lists the warehouse's
     * tables and columns). Statements run on it directly bypass Quiver's DDL and DML.
     */
    public Connection calciteConnection() {
        return calcite;
    }

    /** Bumped by every schema change made through this session: plans made before are stale. */
    long generation() {
        return generation.get();
    }

    void schemaChanged() {
        generation.incrementAndGet();
    }

    /** Runs a query through Calcite and returns its rows. */
    java.sql.ResultSet query(String sql, List<Object> params) throws SQLException {
        var statement = calcite.prepareStatement(sql);
        try {
            Parameters.bind(statement, params);
            statement.closeOnCompletion();
            try (var scans = io.quiver.sql.exec.OpenScans.begin()) {
                java.sql.ResultSet rows = statement.executeQuery();
                scans.keep();
                return BlobResults.wrap(rows);
            }
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            cache.close();
            calcite.close();
        } finally {
            tables.close();
        }
    }
}

package io.quiver.sql;

import io.quiver.engine.CompactionResult;
import io.quiver.engine.Dataset;
import io.quiver.engine.TableExistsException;
import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.schema.Column;
import io.quiver.engine.vector.IndexInfo;
import io.quiver.engine.vector.VectorIndexOptions;
import io.quiver.sql.parse.ColumnDef;
import io.quiver.sql.parse.QuiverStatement;
import io.quiver.sql.schema.SqlTypes;
import io.quiver.sql.spi.FormatTables;
import io.quiver.sql.spi.OptionValues;
import io.quiver.vector.HnswParams;
import io.quiver.vector.VectorMetric;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** CREATE, DROP, SHOW, DESCRIBE, ALTER and OPTIMIZE. */
final class Ddl {
    private final QuiverSql session;

    Ddl(QuiverSql session) {
        this.session = session;
    }

    SqlResult create(QuiverStatement.CreateTable c, List<Object> params) throws SQLException, IOException {
        FormatTables format = session.tables().formats().named(c.format());
        if (session.tables().existsInAnyFormat(c.name())) {
            if (c.ifNotExists()) {
                return SqlResult.done("CREATE TABLE (already exists)");
            }
            throw new TableExistsException("table '" + c.name() + "' already exists");
        }
        if (format != null) {
            return createInFormat(format, c, params);
        }
        int buckets = PrimaryKey.DEFAULT_BUCKETS;
        for (Map.Entry<String, String> option : c.with().entrySet()) {
            if (!option.getKey().equals("buckets")) {
                throw new SQLSyntaxErrorException(
                        "unknown table option '" + option.getKey() + "' (known: buckets)", "42601");
            }
            buckets = OptionValues.positive("buckets", option.getValue());
        }
        if (c.asQuery() != null) {
            return new Inserts(session).createAs(c.name(), c.asQuery(), params);
        }
        PrimaryKey key = c.primaryKey().isEmpty()
                ? null
                : PrimaryKey.of(c.primaryKey().toArray(String[]::new)).withBuckets(buckets);
        session.tables().create(c.name(), declaredSchema(c), key);
        session.schemaChanged();
        return SqlResult.done("CREATE TABLE");
    }

    /** CREATE TABLE ... USING a plug-in format: the format checks its own WITH options. */
    private SqlResult createInFormat(FormatTables format, QuiverStatement.CreateTable c, List<Object> params)
            throws SQLException, IOException {
        if (c.asQuery() != null) {
            return new Inserts(session).createAs(c.name(), c.asQuery(), params, format, c.with());
        }
        format.create(c.name(), declaredSchema(c), c.primaryKey(), c.with());
        session.schemaChanged();
        return SqlResult.done("CREATE TABLE");
    }

    SqlResult createExternal(QuiverStatement.CreateExternalTable c) throws SQLException, IOException {
        FormatTables format = session.tables().formats().named(c.format());
        if (format == null) {
            throw new SQLFeatureNotSupportedException(
                    "CREATE EXTERNAL TABLE mounts a dataset of another format (USING LANCE); a QUIVER table lives in the"
                            + " warehouse",
                    "0A000");
        }
        if (session.tables().existsInAnyFormat(c.name())) {
            throw new TableExistsException("table '" + c.name() + "' already exists");
        }
        format.mount(c.name(), c.location());
        session.schemaChanged();
        return SqlResult.done("CREATE EXTERNAL TABLE");
    }

    /** The Arrow schema of a column list; key columns are NOT NULL even when the key is declared at table level. */
    private static Schema declaredSchema(QuiverStatement.CreateTable c) {
        List<Field> fields = new ArrayList<>();
        for (ColumnDef def : c.columns()) {
            Field f = SqlTypes.toArrow(def);
            boolean key = c.primaryKey().contains(def.name());
            fields.add(
                    key
                            ? new Field(
                                    f.getName(),
                                    new FieldType(false, f.getType(), null, f.getMetadata()),
                                    f.getChildren())
                            : f);
        }
        return new Schema(fields);
    }

    SqlResult drop(QuiverStatement.DropTable d) throws IOException {
        FormatTables format = session.tables().pluginOwner(d.name());
        if (format != null) {
            format.drop(d.name());
            session.schemaChanged();
            return SqlResult.done("DROP TABLE");
        }
        if (!session.tables().exists(d.name())) {
            if (d.ifExists()) {
                return SqlResult.done("DROP TABLE (did not exist)");
            }
            throw new io.quiver.engine.TableNotFoundException("table '" + d.name() + "' does not exist");
        }
        session.tables().drop(d.name());
        session.schemaChanged();
        return SqlResult.done("DROP TABLE");
    }

    SqlResult showTables() throws SQLException, IOException {
        List<Object[]> rows = new ArrayList<>();
        for (String name : session.tables().names()) {
            rows.add(new Object[] {name});
        }
        return SqlResult.rows(
                ValuesResult.of(session, List.<String[]>of(new String[] {"table_name", "VARCHAR"}), rows));
    }

    /** One row per column, per index, and one for the table itself (format, version, row count). */
    SqlResult describe(String table) throws SQLException, IOException {
        FormatTables format = session.tables().pluginOwner(table);
        List<Object[]> rows = format != null ? format.describe(table) : describeQuiver(table);
        List<String[]> columns = List.of(
                new String[] {"name", "VARCHAR"},
                new String[] {"kind", "VARCHAR"},
                new String[] {"type", "VARCHAR"},
                new String[] {"nullable", "BOOLEAN"},
                new String[] {"detail", "VARCHAR"});
        return SqlResult.rows(ValuesResult.of(session, columns, rows));
    }

    private List<Object[]> describeQuiver(String table) throws IOException {
        Dataset ds = session.tables().latest(table);
        List<String> key = ds.primaryKey().map(PrimaryKey::columns).orElse(List.of());
        List<Object[]> rows = new ArrayList<>();
        for (Column c : ds.tableSchema().columns()) {
            rows.add(new Object[] {
                c.name(),
                "column",
                SqlTypes.ddlName(c.type()),
                c.nullable(),
                key.contains(c.name()) ? "PRIMARY KEY" : ""
            });
        }
        for (IndexInfo i : ds.indexes()) {
            rows.add(new Object[] {
                i.name(),
                "index",
                "HNSW",
                false,
                "on " + i.column() + ", metric " + i.metric().sqlName() + ", m "
                        + i.params().m() + ", ef_construction "
                        + i.params().efConstruction() + ", built at version " + i.builtVersion() + ", "
                        + i.indexedRows() + " rows indexed, " + i.unindexedRows() + " not yet"
            });
        }
        rows.add(new Object[] {table, "table", "QUIVER", false, "version " + ds.version() + ", " + ds.count() + " rows"
        });
        return rows;
    }

    SqlResult addVectorIndex(QuiverStatement.AddVectorIndex a) throws SQLException, IOException {
        FormatTables format = session.tables().pluginOwner(a.table());
        if (format != null) {
            String name = format.addVectorIndex(a.table(), a.name(), a.column(), a.method(), a.with());
            session.schemaChanged();
            return SqlResult.done("CREATE INDEX " + name);
        }
        if (!a.method().equals("HNSW")) {
            throw new SQLFeatureNotSupportedException("unknown index method " + a.method() + " (known: HNSW)", "0A000");
        }
        Dataset ds = session.tables().latest(a.table());
        VectorIndexOptions options = VectorIndexOptions.DEFAULTS.withName(a.name());
        int m = HnswParams.DEFAULT_M;
        int efConstruction = HnswParams.DEFAULT_EF_CONSTRUCTION;
        for (Map.Entry<String, String> o : a.with().entrySet()) {
            switch (o.getKey()) {
                case "metric" -> options = options.withMetric(VectorMetric.parse(o.getValue()));
                case "m" -> m = OptionValues.positive("m", o.getValue());
                case "ef_construction" -> efConstruction = OptionValues.positive("ef_construction", o.getValue());
                case "threads" -> options = options.withBuildThreads(OptionValues.positive("threads", o.getValue()));
                default ->
                    throw new SQLSyntaxErrorException(
                            "unknown index option '" + o.getKey() + "' (known: metric, m, ef_construction, threads)",
                            "42601");
            }
        }
        ds.createVectorIndex(a.column(), options.withParams(new HnswParams(m, efConstruction)));
        session.schemaChanged();
        return SqlResult.done("CREATE INDEX " + options.nameFor(a.column()));
    }

    SqlResult dropIndex(QuiverStatement.DropIndex d) throws SQLException, IOException {
        FormatTables format = session.tables().pluginOwner(d.table());
        if (format != null) {
            format.dropIndex(d.table(), d.name());
        } else {
            session.tables().latest(d.table()).dropIndex(d.name());
        }
        session.schemaChanged();
        return SqlResult.done("DROP INDEX");
    }

    SqlResult addColumn(QuiverStatement.AddColumn a) throws SQLException, IOException {
        ColumnDef def = a.column();
        if (def.primaryKey()) {
            throw new SQLFeatureNotSupportedException(
                    "a column added to a table cannot be part of its primary key", "0A000");
        }
        if (def.notNull()) {
            throw new SQLFeatureNotSupportedException(
                    "a column added to a table holds NULL in every existing row, so it cannot be NOT NULL", "0A000");
        }
        session.tables().latest(a.table()).addColumns(List.of(SqlTypes.toArrow(def)));
        session.schemaChanged();
        return SqlResult.done("ALTER TABLE");
    }

    SqlResult dropColumn(QuiverStatement.DropColumn d) throws IOException {
        session.tables().latest(d.table()).dropColumns(d.column());
        session.schemaChanged();
        return SqlResult.done("ALTER TABLE");
    }

    SqlResult optimize(String table) throws IOException {
        Dataset ds = session.tables().latest(table);
        CompactionResult compacted = ds.compact();
        for (IndexInfo index : ds.indexes()) {
            ds.optimizeIndex(index.name());
        }
        return SqlResult.done("OPTIMIZE: " + compacted.fragmentsRemoved() + " fragments merged into "
                + compacted.fragmentsAdded() + ", " + compacted.deletedRowsDropped() + " deleted rows dropped");
    }
}

package io.quiver.trino.metadata;

import io.quiver.engine.commit.VersionNotFoundException;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.trino.QuiverErrors;
import io.quiver.trino.QuiverSessionProperties;
import io.quiver.trino.QuiverTables;
import io.quiver.trino.pushdown.DistanceColumnHandle;
import io.quiver.trino.pushdown.FilterPushdown;
import io.quiver.trino.pushdown.NearestPushdown;
import io.trino.spi.StandardErrorCode;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTableMetadata;
import io.trino.spi.connector.ConnectorTableVersion;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.ConstraintApplicationResult;
import io.trino.spi.connector.LimitApplicationResult;
import io.trino.spi.connector.PointerType;
import io.trino.spi.connector.ProjectionApplicationResult;
import io.trino.spi.connector.RelationColumnsMetadata;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.connector.SortItem;
import io.trino.spi.connector.TopNApplicationResult;
import io.trino.spi.expression.ConnectorExpression;
import io.trino.spi.statistics.Estimate;
import io.trino.spi.statistics.TableStatistics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The warehouse as one schema, {@value #SCHEMA}, of read-only tables. A table handle pins the
 * version that was newest when the query was planned ({@code FOR VERSION AS OF n} pins another),
 * and carries what was pushed into the engine.
 */
public final class QuiverMetadata implements ConnectorMetadata {
    public static final String SCHEMA = "default";

    private final QuiverTables tables;
    /**
     * The version each table was first asked for in this transaction (Trino keeps one metadata
     * per transaction): a self-join or a union of a table with itself reads one version.
     */
    private final Map<String, Long> versions = new ConcurrentHashMap<>();

    public QuiverMetadata(QuiverTables tables) {
        this.tables = tables;
    }

    @Override
    public List<String> listSchemaNames(ConnectorSession session) {
        return List.of(SCHEMA);
    }

    @Override
    public ConnectorTableHandle getTableHandle(
            ConnectorSession session,
            SchemaTableName name,
            Optional<ConnectorTableVersion> startVersion,
            Optional<ConnectorTableVersion> endVersion) {
        if (startVersion.isPresent()) {
            throw new TrinoException(
                    StandardErrorCode.NOT_SUPPORTED, "Quiver tables do not read changes between versions");
        }
        if (!name.getSchemaName().equals(SCHEMA)) {
            return null;
        }
        Optional<String> table = tables.resolve(name.getTableName());
        if (table.isEmpty()) {
            return null;
        }
        try {
            long version = endVersion.isPresent()
                    ? pinnedVersion(table.get(), endVersion.get())
                    : newestInTransaction(table.get());
            return QuiverTableHandle.of(table.get(), version);
        } catch (IOException e) {
            throw QuiverErrors.read(table.get(), e);
        }
    }

    private long newestInTransaction(String table) throws IOException {
        Long version = versions.get(table);
        if (version == null) {
            version = tables.newestVersion(table);
            versions.put(table, version);
        }
        return version;
    }

    /** {@code FOR VERSION AS OF n}: a version the table still holds. */
    private long pinnedVersion(String table, ConnectorTableVersion asOf) throws IOException {
        if (asOf.getPointerType() != PointerType.TARGET_ID || !(asOf.getVersion() instanceof Long version)) {
            throw new TrinoException(
                    StandardErrorCode.NOT_SUPPORTED,
                    "Quiver tables are read as of a version number (FOR VERSION AS OF <bigint>), not " + asOf);
        }
        // Opened now, kept for the reads that follow.
        try (QuiverTables.Lease pinned = tables.lease(table, version)) {
            return pinned.dataset().version();
        } catch (VersionNotFoundException e) {
            throw new TrinoException(
                    StandardErrorCode.INVALID_ARGUMENTS, "table " + table + " has no version " + version, e);
        }
    }

    @Override
    public List<SchemaTableName> listTables(ConnectorSession session, Optional<String> schemaName) {
        if (schemaName.isPresent() && !schemaName.get().equals(SCHEMA)) {
            return List.of();
        }
        return tables.tablesByTrinoName().keySet().stream()
                .sorted()
                .map(t -> new SchemaTableName(SCHEMA, t))
                .toList();
    }

    /** information_schema.columns and JDBC's getColumns: every table's columns, in one pass. */
    @Override
    public Iterator<RelationColumnsMetadata> streamRelationColumns(
            ConnectorSession session, Optional<String> schemaName, UnaryOperator<Set<SchemaTableName>> relationFilter) {
        Set<SchemaTableName> names = relationFilter.apply(new LinkedHashSet<>(listTables(session, schemaName)));
        List<RelationColumnsMetadata> out = new ArrayList<>();
        for (SchemaTableName name : names) {
            Optional<String> table = tables.resolve(name.getTableName());
            if (table.isEmpty()) {
                continue; // dropped since it was listed
            }
            try {
                out.add(RelationColumnsMetadata.forTable(
                        name, columnMetadata(table.get(), tables.newestSchema(table.get()))));
            } catch (TrinoException e) {
                if (!e.getErrorCode().equals(StandardErrorCode.NOT_SUPPORTED.toErrorCode())) {
                    throw e;
                }
                // columns Trino cannot tell apart: the table is refused when queried, and left out here
            } catch (IOException e) {
                throw QuiverErrors.read(table.get(), e);
            }
        }
        return out.iterator();
    }

    @Override
    public ConnectorTableMetadata getTableMetadata(ConnectorSession session, ConnectorTableHandle table) {
        QuiverTableHandle handle = (QuiverTableHandle) table;
        return new ConnectorTableMetadata(
                new SchemaTableName(SCHEMA, handle.table().toLowerCase(Locale.ROOT)),
                columnMetadata(handle.table(), schema(handle)));
    }

    /** What Trino lists of a table's columns; a table with names Trino cannot tell apart is refused. */
    private static List<ColumnMetadata> columnMetadata(String table, TableSchema schema) {
        columnsByTrinoName(table, schema);
        List<ColumnMetadata> columns = new ArrayList<>();
        for (Column c : schema.columns()) {
            columns.add(handleOf(c).metadata(c.nullable()));
        }
        return columns;
    }

    @Override
    public Map<String, ColumnHandle> getColumnHandles(ConnectorSession session, ConnectorTableHandle table) {
        QuiverTableHandle handle = (QuiverTableHandle) table;
        return columnsByTrinoName(handle.table(), schema(handle));
    }

    /** The columns by their lower-case Trino names; a table with two names Trino cannot tell apart is refused. */
    private static Map<String, ColumnHandle> columnsByTrinoName(String table, TableSchema schema) {
        Map<String, ColumnHandle> handles = new LinkedHashMap<>();
        for (Column c : schema.columns()) {
            ColumnHandle before = handles.put(c.name().toLowerCase(Locale.ROOT), handleOf(c));
            if (before != null) {
                throw new TrinoException(
                        StandardErrorCode.NOT_SUPPORTED,
                        "table " + table + " has columns " + ((QuiverColumnHandle) before).name() + " and " + c.name()
                                + ", which Trino's lower-case names cannot tell apart");
            }
        }
        return handles;
    }

    @Override
    public ColumnMetadata getColumnMetadata(ConnectorSession session, ConnectorTableHandle table, ColumnHandle column) {
        if (column instanceof DistanceColumnHandle d) {
            return ColumnMetadata.builder()
                    .setName(d.call().function().sqlName())
                    .setType(d.type())
                    .setHidden(true)
                    .build();
        }
        QuiverColumnHandle q = (QuiverColumnHandle) column;
        return q.metadata(schema((QuiverTableHandle) table).column(q.name()).nullable());
    }

    @Override
    public TableStatistics getTableStatistics(ConnectorSession session, ConnectorTableHandle table) {
        QuiverTableHandle handle = (QuiverTableHandle) table;
        if (!handle.constraint().isAll()
                || !handle.likes().isEmpty()
                || handle.limit().isPresent()) {
            // The files' statistics describe the whole table: Trino estimates a filtered or
            // limited scan itself (the pushdowns ask it to precalculate).
            return TableStatistics.empty();
        }
        try (QuiverTables.Lease lease = tables.lease(handle.table(), handle.version())) {
            if (handle.nearestK().isPresent()) {
                long rows =
                        Math.min(handle.nearestK().getAsInt(), lease.dataset().count());
                return TableStatistics.builder().setRowCount(Estimate.of(rows)).build();
            }
            return TableStats.of(lease.dataset());
        } catch (IOException e) {
            throw QuiverErrors.read(handle.table(), e);
        }
    }

    @Override
    public Optional<ConstraintApplicationResult<ConnectorTableHandle>> applyFilter(
            ConnectorSession session, ConnectorTableHandle table, Constraint constraint) {
        QuiverTableHandle handle = (QuiverTableHandle) table;
        return FilterPushdown.apply(handle, schema(handle), constraint);
    }

    @Override
    public Optional<LimitApplicationResult<ConnectorTableHandle>> applyLimit(
            ConnectorSession session, ConnectorTableHandle table, long limit) {
        QuiverTableHandle handle = (QuiverTableHandle) table;
        if (handle.nearestK().isPresent() || handle.limit().orElse(Long.MAX_VALUE) <= limit) {
            return Optional.empty();
        }
        // Each split stops after the limit; Trino's own limit above cuts across the splits.
        return Optional.of(new LimitApplicationResult<>(handle.withLimit(limit), false, true));
    }

    @Override
    public Optional<ProjectionApplicationResult<ConnectorTableHandle>> applyProjection(
            ConnectorSession session,
            ConnectorTableHandle table,
            List<ConnectorExpression> projections,
            Map<String, ColumnHandle> assignments) {
        QuiverTableHandle handle = (QuiverTableHandle) table;
        return NearestPushdown.applyProjection(handle, schema(handle), projections, assignments);
    }

    @Override
    public Optional<TopNApplicationResult<ConnectorTableHandle>> applyTopN(
            ConnectorSession session,
            ConnectorTableHandle table,
            long topNCount,
            List<SortItem> sortItems,
            Map<String, ColumnHandle> assignments) {
        return NearestPushdown.applyTopN(
                (QuiverTableHandle) table,
                topNCount,
                sortItems,
                assignments,
                QuiverSessionProperties.nearestEf(session));
    }

    static QuiverColumnHandle handleOf(Column c) {
        return new QuiverColumnHandle(c.name(), TypeMapping.toTrino(c.type()));
    }

    private TableSchema schema(QuiverTableHandle handle) {
        try (QuiverTables.Lease lease = tables.lease(handle.table(), handle.version())) {
            return lease.dataset().tableSchema();
        } catch (IOException e) {
            throw QuiverErrors.read(handle.table(), e);
        }
    }
}

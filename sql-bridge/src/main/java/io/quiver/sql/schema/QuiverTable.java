package io.quiver.sql.schema;

import io.quiver.engine.Dataset;
import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.sql.exec.ScanExecutor;
import io.quiver.sql.plan.PushdownTable;
import io.quiver.sql.plan.PushedFilter;
import io.quiver.sql.plan.QuiverScan;
import io.quiver.sql.plan.ScanKeys;
import io.quiver.sql.plan.ScanPlan;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.ExtensibleTable;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A Quiver table as Calcite sees it: its columns and statistics as of planning, and a scan node
 * that the planner rules fill with what the engine can do itself. Rows are read at execution
 * from the newest version (or the pinned {@code version} for time travel).
 *
 * <p>Extended with the one column {@value ScanPlan#ROW_ADDRESS_COLUMN} ({@code t EXTEND
 * (_rowaddr BIGINT)}, what the front end makes the target of UPDATE and DELETE), its scan also
 * returns each row's address: the modification commits against the rows it read by address.
 */
public final class QuiverTable extends AbstractTable implements TranslatableTable, PushdownTable, ExtensibleTable {
    private final OpenTables tables;
    private final String name;
    private final long version; // -1: the newest
    private final TableSchema schema;
    private final PrimaryKey key;
    private final long rowCount;
    private final boolean rowAddresses;

    QuiverTable(OpenTables tables, String name, long version, Dataset ds) {
        this(tables, name, version, ds.tableSchema(), ds.primaryKey().orElse(null), ds.count(), false);
    }

    /** {@code rowAddresses}: the table has a last column {@value ScanPlan#ROW_ADDRESS_COLUMN}. */
    private QuiverTable(
            OpenTables tables,
            String name,
            long version,
            TableSchema schema,
            PrimaryKey key,
            long rowCount,
            boolean rowAddresses) {
        this.tables = tables;
        this.name = name;
        this.version = version;
        this.schema = schema;
        this.key = key;
        this.rowCount = rowCount;
        this.rowAddresses = rowAddresses;
    }

    /** Whether the table's rows end with their address (the target of UPDATE or DELETE). */
    public boolean rowAddresses() {
        return rowAddresses;
    }

    /** Only the row address column extends a table, and only the newest version can be modified. */
    @Override
    public Table extend(List<RelDataTypeField> fields) {
        boolean address = fields.size() == 1
                && fields.getFirst().getName().equals(ScanPlan.ROW_ADDRESS_COLUMN)
                && fields.getFirst().getType().getSqlTypeName() == SqlTypeName.BIGINT;
        if (!address || rowAddresses || version >= 0) {
            throw new IllegalArgumentException("table " + name + " cannot be extended with columns "
                    + fields.stream().map(RelDataTypeField::getName).toList());
        }
        return new QuiverTable(tables, name, version, schema, key, rowCount, true);
    }

    @Override
    public int getExtendedColumnOffset() {
        return schema.columns().size();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TableSchema schema() {
        return schema;
    }

    /** The key, or null when the table has none. */
    @Override
    public PrimaryKey key() {
        return key;
    }

    /** The dataset to read at execution: the newest version, or the pinned one. */
    public Dataset dataset() throws IOException {
        Dataset ds = version < 0 ? tables.latest(name) : tables.at(name, version);
        // A key lookup or a modification planned for one key is wrong for another.
        if (!ds.tableSchema().equals(schema) || !Objects.equals(ds.primaryKey().orElse(null), key)) {
            throw new TableChangedException(name);
        }
        return ds;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
        RelDataTypeFactory.Builder row = types.builder();
        for (Column c : schema.columns()) {
            row.add(c.name(), SqlTypes.toCalcite(c, types));
        }
        if (rowAddresses) {
            row.add(ScanPlan.ROW_ADDRESS_COLUMN, types.createSqlType(SqlTypeName.BIGINT));
        }
        return row.build();
    }

    /** The row count; the key reaches Calcite through {@link #unwrap} instead, see {@link ScanKeys}. */
    @Override
    public Statistic getStatistic() {
        return Statistics.of((double) rowCount, List.of());
    }

    @Override
    public <C> C unwrap(Class<C> type) {
        C keys = ScanKeys.handler(type);
        return keys != null ? keys : super.unwrap(type);
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        return QuiverScan.toRel(
                context.getCluster(), relOptTable, this, ScanPlan.all(schema).withRowAddresses(rowAddresses));
    }

    /** The engine evaluates every filter the planner rules translate. */
    @Override
    public boolean canPush(PushedFilter filter) {
        return true;
    }

    @Override
    public Enumerator<Object[]> open(DataContext context, ScanPlan plan) throws IOException {
        return ScanExecutor.open(context, this, plan);
    }

    @Override
    public RelWriter explain(RelWriter pw, ScanPlan plan) {
        return pw;
    }

    @Override
    public String toString() {
        return version < 0 ? name : name + "@" + version;
    }
}

package io.quiver.sql.plan;

import io.quiver.sql.schema.QuiverTable;
import io.quiver.sql.schema.WarehouseSchema;
import io.quiver.sql.spi.FormatTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.TableModify;

/**
 * DELETE straight over a scan of a table without a key, its WHERE clause (if any) wholly pushed
 * into the scan: the table's engine deletes by the filter itself ({@link EnumerableQuiverDelete})
 * rather than the rows being read and deleted by address. The only way a plug-in format's table
 * deletes; a keyed Quiver table deletes the keys it read instead.
 */
final class DeleteWhereRule extends RelRule<RuleConfig> {
    DeleteWhereRule(RuleConfig config) {
        super(config);
    }

    /** A logical scan of every column of a keyless table, with at most a filter. */
    static boolean wholeRowsOfKeylessTable(QuiverScan scan) {
        return scan.getConvention() == Convention.NONE
                && scan.plan().filterable()
                && scan.quiverTable().key() == null
                && scan.plan().columns().size()
                        == scan.quiverTable().schema().columns().size();
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        TableModify modify = call.rel(0);
        QuiverScan scan = call.rel(1);
        PushdownTable target = modify.getTable().unwrap(PushdownTable.class);
        if (target == null || !target.name().equals(scan.quiverTable().name())) {
            return;
        }
        FormatTables format = null;
        if (!(target instanceof QuiverTable)) {
            format = formatOf(modify);
            if (format == null) {
                return;
            }
        }
        FilterDelete delete =
                new FilterDelete(scan.quiverTable(), format, scan.plan().filter());
        call.transformTo(new EnumerableQuiverDelete(
                modify.getCluster(), modify.getTraitSet(), modify.getTable(), scan.plan(), delete));
    }

    /** The plug-in format's tables that hold the modified table, found through the schema it was resolved in. */
    private static FormatTables formatOf(TableModify modify) {
        List<String> path = modify.getTable().getQualifiedName();
        CalciteSchema schema = modify.getCatalogReader().getRootSchema();
        for (String name : path.subList(0, path.size() - 1)) {
            schema = schema == null ? null : schema.getSubSchema(name, true);
        }
        if (schema == null || !(schema.schema instanceof WarehouseSchema warehouse)) {
            return null;
        }
        try {
            return warehouse.openTables().pluginOwner(path.getLast());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.quiver.lance;

import io.quiver.engine.expr.Expr;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.sql.exec.BlobCells;
import io.quiver.sql.exec.ReaderEnumerator;
import io.quiver.sql.plan.FilterBinder;
import io.quiver.sql.plan.ScanPlan;
import java.io.IOException;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.lance.Dataset;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.ScanOptions;

/**
 * Runs a {@link ScanPlan} on a Lance dataset: the statement's parameters are bound into the
 * pushed filter, which is rendered in Lance's syntax; columns, filter and limit go to Lance's
 * scanner, a nearest-neighbour search to {@link LanceNearest}. Batches stream to Calcite.
 */
final class LanceScans {
    private LanceScans() {}

    static Enumerator<Object[]> open(Dataset ds, LanceTable table, ScanPlan plan, IntFunction<Object> params)
            throws IOException {
        TableSchema schema = table.schema();
        List<Column> columns =
                plan.columns().stream().map(schema.columns()::get).toList();
        FilterBinder.Bound bound = FilterBinder.bind(plan.filter(), schema, params);
        if (bound instanceof FilterBinder.Bound.Always(boolean value) && !value || plan.limit() == 0) {
            return Linq4j.emptyEnumerator();
        }
        String filter = bound instanceof FilterBinder.Bound.Filter(Expr e) ? LanceFilters.render(e, schema) : null;
        if (plan.nearest() != null) {
            return Linq4j.enumerator(LanceNearest.rows(ds, table, columns, filter, plan.nearest(), params));
        }
        ScanOptions.Builder options = new ScanOptions.Builder().columns(names(columns, schema));
        if (filter != null) {
            options.filter(filter);
        }
        if (plan.limit() > 0) {
            options.limit(plan.limit());
        }
        LanceScanner scanner = scanner(ds, table.name(), options.build());
        return new ScannerRows(scanner, new ReaderEnumerator(BlobCells.INLINE, columns, scanner.scanBatches()));
    }

    /**
     * The columns to ask Lance for. A scan that needs none (COUNT(*)) reads the first column: Lance
     * returns no rows for an empty projection.
     */
    static List<String> names(List<Column> columns, TableSchema schema) {
        List<Column> read = columns.isEmpty() ? List.of(schema.columns().getFirst()) : columns;
        return read.stream().map(Column::name).toList();
    }

    /** A scanner; Lance's failures (a filter it rejects, a missing file) as IOExceptions naming the table. */
    static LanceScanner scanner(Dataset ds, String table, ScanOptions options) throws IOException {
        return LanceTables.lance(table, "scan", () -> ds.newScan(options));
    }

    /** What EXPLAIN shows of the Lance side: the filter text Lance receives. */
    static String describe(LanceTable table, ScanPlan plan) {
        StringBuilder out = new StringBuilder("scan");
        if (plan.filter() != null) {
            out.append(" filter ");
            try {
                FilterBinder.Bound bound = FilterBinder.bind(plan.filter(), table.schema(), i -> {
                    throw new IllegalStateException("parameter");
                });
                out.append(
                        bound instanceof FilterBinder.Bound.Filter(Expr e)
                                ? LanceFilters.render(e, table.schema())
                                : String.valueOf(((FilterBinder.Bound.Always) bound).value()));
            } catch (IllegalStateException e) {
                out.append("rendered when run (it has parameters)");
            }
        }
        if (plan.nearest() != null) {
            out.append(" nearest ")
                    .append(LanceFilters.identifier(plan.nearest().column()))
                    .append(" k=")
                    .append(plan.nearest().k())
                    .append(" distance ")
                    .append(LanceNearest.distanceType(plan.nearest().metric()))
                    .append(" prefilter");
        }
        if (plan.limit() >= 0) {
            out.append(" limit ").append(plan.limit());
        }
        return out.toString();
    }

    /** Rows of a scanner's batches; closing them closes the scanner too. */
    private record ScannerRows(LanceScanner scanner, ReaderEnumerator rows) implements Enumerator<Object[]> {
        @Override
        public Object[] current() {
            return rows.current();
        }

        @Override
        public boolean moveNext() {
            return rows.moveNext();
        }

        @Override
        public void reset() {
            rows.reset();
        }

        @Override
        public void close() {
            try {
                rows.close();
            } finally {
                closeScanner(scanner);
            }
        }
    }

    static void closeScanner(LanceScanner scanner) {
        try {
            scanner.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing a Lance scanner failed: " + e.getMessage(), e);
        }
    }
}

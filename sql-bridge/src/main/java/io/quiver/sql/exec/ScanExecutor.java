package io.quiver.sql.exec;

import io.quiver.engine.Dataset;
import io.quiver.engine.Scan;
import io.quiver.engine.expr.Expr;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.schema.Column;
import io.quiver.sql.plan.EngineValues;
import io.quiver.sql.plan.FilterBinder;
import io.quiver.sql.plan.KeyLookup;
import io.quiver.sql.plan.NearestSpec;
import io.quiver.sql.plan.Operand;
import io.quiver.sql.plan.PushdownTable;
import io.quiver.sql.plan.ScanPlan;
import io.quiver.sql.schema.QuiverTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * Runs a {@link ScanPlan} against the engine when a query executes (called from the code Calcite
 * generates): binds the statement's parameters, chooses a key lookup, a nearest-neighbour search
 * or a scan, and streams the rows to Calcite.
 */
public final class ScanExecutor {
    private ScanExecutor() {}

    public static Enumerable<Object[]> rows(DataContext context, PushdownTable table, ScanPlan plan) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                try {
                    Enumerator<Object[]> scan = table.open(context, plan);
                    OpenScans.opened(scan);
                    return scan;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** The rows of a one-column scan, as the values themselves. */
    public static Enumerable<Object> scalars(DataContext context, PushdownTable table, ScanPlan plan) {
        return rows(context, table, plan).select(row -> row[0]);
    }

    /** Runs a plan on a Quiver table. */
    public static Enumerator<Object[]> open(DataContext context, QuiverTable table, ScanPlan plan) throws IOException {
        Dataset ds = table.dataset();
        BlobCells blobs = BlobCells.of(ds);
        IntFunction<Object> params = i -> context.get("?" + i);
        List<Column> all = table.schema().columns();
        List<Column> columns = plan.columns().stream().map(all::get).toList();
        String[] names = columns.stream().map(Column::name).toArray(String[]::new);
        FilterBinder.Bound bound = FilterBinder.bind(plan.filter(), table.schema(), params);
        if (bound instanceof FilterBinder.Bound.Always(boolean value) && !value) {
            return Linq4j.emptyEnumerator();
        }
        Expr filter = bound instanceof FilterBinder.Bound.Filter(Expr e) ? e : null;
        KeyLookup lookup = plan.filter() == null ? null : KeyLookup.of(plan.filter(), table);
        if (lookup != null) {
            List<Column> keyColumns =
                    table.key().columns().stream().map(table.schema()::column).toList();
            List<Object[]> keys = lookup.bind(keyColumns, params);
            try (VectorSchemaRoot rows =
                    plan.rowAddresses() ? ds.getAllWithAddresses(keys, names) : ds.getAll(keys, names)) {
                List<Object[]> out = new ArrayList<>();
                RowConverter.addRows(
                        blobs, columns, rows, false, plan.limit() < 0 ? Long.MAX_VALUE : plan.limit(), out);
                return Linq4j.enumerator(out);
            }
        }
        NearestSpec nearest = plan.nearest();
        if (nearest != null) {
            return Linq4j.enumerator(nearest(ds, columns, names, filter, nearest, params));
        }
        Scan scan = ds.scan().columns(names);
        if (filter != null) {
            scan.filter(filter);
        }
        if (plan.limit() >= 0) {
            scan.limit(plan.limit());
        }
        if (plan.rowAddresses()) {
            scan.withRowAddress();
        }
        return new ReaderEnumerator(blobs, columns, scan.toArrowReader());
    }

    /**
     * The k nearest rows, with the rows whose vector is NULL before them (NULLS FIRST) or after
     * them when fewer than k rows have one, as SQL orders NULL distances. At most k rows, so they
     * are read at once.
     */
    private static List<Object[]> nearest(
            Dataset ds,
            List<Column> columns,
            String[] names,
            Expr filter,
            NearestSpec nearest,
            IntFunction<Object> params)
            throws IOException {
        List<Object[]> out = new ArrayList<>();
        float[] query = queryVector(nearest.query(), params);
        if (query == null) {
            return out; // a NULL query vector: no row has a distance
        }
        boolean nullable = ds.tableSchema().column(nearest.column()).nullable();
        long k = nearest.k();
        if (nullable && nearest.nullsFirst()) {
            addNullVectorRows(ds, columns, names, filter, nearest, k, out);
        }
        if (out.size() < k) {
            Scan scan = ds.scan().columns(names).nearest(nearest.column(), query, (int) (k - out.size()));
            scan.metric(nearest.metric());
            if (filter != null) {
                scan.filter(filter);
            }
            try (ArrowReader reader = scan.toArrowReader()) {
                while (reader.loadNextBatch()) {
                    RowConverter.addRows(
                            BlobCells.of(ds), columns, reader.getVectorSchemaRoot(), true, k - out.size(), out);
                }
            }
        }
        if (nullable && !nearest.nullsFirst() && out.size() < k) {
            addNullVectorRows(ds, columns, names, filter, nearest, k - out.size(), out);
        }
        return out;
    }

    private static void addNullVectorRows(
            Dataset ds,
            List<Column> columns,
            String[] names,
            Expr filter,
            NearestSpec nearest,
            long limit,
            List<Object[]> out)
            throws IOException {
        Expr isNull = Filters.isNull(nearest.column());
        Scan scan = ds.scan()
                .columns(names)
                .filter(filter == null ? isNull : Filters.and(filter, isNull))
                .limit(limit);
        try (ArrowReader reader = scan.toArrowReader()) {
            while (reader.loadNextBatch()) {
                RowConverter.addRows(BlobCells.of(ds), columns, reader.getVectorSchemaRoot(), true, limit, out);
            }
        }
    }

    private static float[] queryVector(Operand query, IntFunction<Object> params) {
        return query instanceof Operand.Literal(Object v)
                ? (float[]) v
                : EngineValues.vector(params.apply(((Operand.Param) query).index()));
    }
}

package io.quiver.lance;

import io.quiver.engine.schema.Column;
import io.quiver.sql.exec.BlobCells;
import io.quiver.sql.exec.RowConverter;
import io.quiver.sql.plan.EngineValues;
import io.quiver.sql.plan.NearestSpec;
import io.quiver.sql.plan.Operand;
import io.quiver.sql.plan.ScanPlan;
import io.quiver.vector.VectorMetric;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.Dataset;
import org.lance.index.DistanceType;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.Query;
import org.lance.ipc.ScanOptions;

/**
 * {@code ORDER BY <distance>(col, q) LIMIT k} through Lance's own vector search: its index when
 * one exists, else an exact search; the WHERE clause is a prefilter, so k rows come back whenever
 * k rows match. Lance reports squared L2 distances and 1 - dot for dot products; they are turned
 * into the distances SQL's functions compute. Rows whose vector is NULL have no distance: they
 * come first or last as SQL orders NULLs, as on Quiver tables.
 */
final class LanceNearest {
    private LanceNearest() {}

    static DistanceType distanceType(VectorMetric metric) {
        return switch (metric) {
            case L2 -> DistanceType.L2;
            case COSINE -> DistanceType.Cosine;
            case DOT -> DistanceType.Dot;
        };
    }

    /** Lance's distance as the engine's (Euclidean, 1 - cosine similarity, negative dot product). */
    private static float engineDistance(VectorMetric metric, float lance) {
        return switch (metric) {
            case L2 -> (float) Math.sqrt(lance);
            case COSINE -> lance;
            case DOT -> lance - 1;
        };
    }

    static List<Object[]> rows(
            Dataset ds,
            LanceTable table,
            List<Column> columns,
            String filter,
            NearestSpec nearest,
            IntFunction<Object> params)
            throws IOException {
        List<Object[]> out = new ArrayList<>();
        float[] query = nearest.query() instanceof Operand.Literal(Object v)
                ? (float[]) v
                : EngineValues.vector(params.apply(((Operand.Param) nearest.query()).index()));
        if (query == null) {
            return out; // a NULL query vector: no row has a distance
        }
        Column vector = table.schema().column(nearest.column());
        if (query.length != vector.type().dimension()) {
            throw new IllegalArgumentException("the query vector has " + query.length + " values but column "
                    + vector.name() + " is " + vector.type());
        }
        int k = nearest.k();
        if (vector.nullable() && nearest.nullsFirst()) {
            nullVectorRows(ds, table, columns, filter, vector, k, out);
        }
        if (out.size() < k) {
            Query search = new Query.Builder()
                    .setColumn(vector.name())
                    .setKey(query)
                    .setK(k - out.size())
                    .setDistanceType(distanceType(nearest.metric()))
                    .build();
            List<String> read = new ArrayList<>(LanceScans.names(columns, table.schema()));
            read.add(ScanPlan.DISTANCE_COLUMN);
            ScanOptions.Builder options =
                    new ScanOptions.Builder().columns(read).nearest(search).prefilter(true);
            if (filter != null) {
                options.filter(filter);
            }
            read(ds, table, options.build(), columns, nearest.metric(), k, out);
        }
        if (vector.nullable() && !nearest.nullsFirst() && out.size() < k) {
            nullVectorRows(ds, table, columns, filter, vector, k, out);
        }
        return out;
    }

    private static void nullVectorRows(
            Dataset ds, LanceTable table, List<Column> columns, String filter, Column vector, int k, List<Object[]> out)
            throws IOException {
        String isNull = LanceFilters.identifier(vector.name()) + " IS NULL";
        ScanOptions options = new ScanOptions.Builder()
                .columns(LanceScans.names(columns, table.schema()))
                .filter(filter == null ? isNull : "(" + filter + ") AND " + isNull)
                .limit(k - out.size())
                .build();
        read(ds, table, options, columns, null, k, out);
    }

    /** Adds the scan's rows (up to k in all) to {@code out}; {@code metric} null: the rows have no distance. */
    private static void read(
            Dataset ds,
            LanceTable table,
            ScanOptions options,
            List<Column> columns,
            VectorMetric metric,
            int k,
            List<Object[]> out)
            throws IOException {
        LanceScanner scanner = LanceScans.scanner(ds, table.name(), options);
        try (ArrowReader reader = scanner.scanBatches()) {
            while (reader.loadNextBatch() && out.size() < k) {
                VectorSchemaRoot batch = reader.getVectorSchemaRoot();
                if (metric != null && batch.getVector(ScanPlan.DISTANCE_COLUMN) instanceof Float4Vector d) {
                    // The batch is this reader's own: its distances are rewritten in place before they are read.
                    for (int i = 0; i < batch.getRowCount(); i++) {
                        if (!d.isNull(i)) {
                            d.set(i, engineDistance(metric, d.get(i)));
                        }
                    }
                }
                RowConverter.addRows(BlobCells.INLINE, columns, batch, true, k - out.size(), out);
            }
        } finally {
            LanceScans.closeScanner(scanner);
        }
    }
}

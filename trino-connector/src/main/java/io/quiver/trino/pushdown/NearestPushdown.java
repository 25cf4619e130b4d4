package io.quiver.trino.pushdown;

import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.format.proto.TypeId;
import io.quiver.trino.metadata.QuiverColumnHandle;
import io.quiver.trino.metadata.QuiverTableHandle;
import io.quiver.vector.DistanceFunction;
import io.trino.spi.block.Block;
import io.trino.spi.connector.Assignment;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ProjectionApplicationResult;
import io.trino.spi.connector.SortItem;
import io.trino.spi.connector.TopNApplicationResult;
import io.trino.spi.expression.Call;
import io.trino.spi.expression.ConnectorExpression;
import io.trino.spi.expression.Constant;
import io.trino.spi.expression.StandardFunctions;
import io.trino.spi.expression.Variable;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.DoubleType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ORDER BY euclidean_distance(embedding, ARRAY[...]) LIMIT k} as a nearest-neighbour
 * search. Trino offers it in two steps: the projection of the distance (with the array folded
 * to a constant) becomes a synthetic distance column the scan computes, then a top-k on that
 * column, nearest first, becomes a search for the k nearest rows, which uses the vector index
 * when its metric is the function's.
 */
public final class NearestPushdown {
    /** The largest k searched as nearest neighbours; a larger top-k is Trino's sort. */
    public static final int MAX_K = 100_000;

    private static final String DISTANCE_VARIABLE = "quiver_distance";

    private NearestPushdown() {}

    public static Optional<ProjectionApplicationResult<ConnectorTableHandle>> applyProjection(
            QuiverTableHandle handle,
            TableSchema schema,
            List<ConnectorExpression> projections,
            Map<String, ColumnHandle> assignments) {
        Optional<DistanceCall> call = projections.stream()
                .flatMap(p -> find(p, assignments, schema).stream())
                .findFirst();
        if (call.isEmpty()
                || handle.distance().filter(d -> !d.equals(call.get())).isPresent()) {
            return Optional.empty(); // nothing to push, or a second distance: Trino computes it
        }
        String variable = DISTANCE_VARIABLE;
        for (int n = 1; assignments.containsKey(variable); n++) {
            variable = DISTANCE_VARIABLE + "_" + n;
        }
        DistanceColumnHandle distanceColumn = new DistanceColumnHandle(call.get());
        Variable distance = new Variable(variable, DoubleType.DOUBLE);
        List<ConnectorExpression> rewritten = new ArrayList<>();
        for (ConnectorExpression p : projections) {
            rewritten.add(replace(p, call.get(), distance, assignments, schema));
        }
        Map<String, Assignment> used = new LinkedHashMap<>();
        for (ConnectorExpression p : rewritten) {
            collectVariables(p, assignments, distance, distanceColumn, used);
        }
        return Optional.of(new ProjectionApplicationResult<>(
                handle.withDistance(call.get()), rewritten, List.copyOf(used.values()), false));
    }

    public static Optional<TopNApplicationResult<ConnectorTableHandle>> applyTopN(
            QuiverTableHandle handle,
            long topN,
            List<SortItem> sortItems,
            Map<String, ColumnHandle> assignments,
            int ef) {
        if (handle.distance().isEmpty() || handle.rowsCut() || sortItems.size() != 1 || topN < 1 || topN > MAX_K) {
            return Optional.empty();
        }
        SortItem item = sortItems.getFirst();
        if (!(assignments.get(item.getName()) instanceof DistanceColumnHandle d)
                || !d.call().equals(handle.distance().get())
                || item.getSortOrder().isAscending() == d.call().function().similarity()) {
            return Optional.empty();
        }
        // Not guaranteed: the split also returns up to k rows without a vector, which Trino's
        // own top-k places first or last, as the query asks.
        return Optional.of(new TopNApplicationResult<>(handle.withNearest((int) topN, ef), false, false));
    }

    /** The first pushable distance call in {@code e}, depth first through calls' arguments. */
    private static Optional<DistanceCall> find(
            ConnectorExpression e, Map<String, ColumnHandle> assignments, TableSchema schema) {
        Optional<DistanceCall> here = match(e, assignments, schema);
        if (here.isPresent()) {
            return here;
        }
        if (e instanceof Call c) { // the same walk as replace's
            for (ConnectorExpression a : c.getArguments()) {
                Optional<DistanceCall> found = find(a, assignments, schema);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static ConnectorExpression replace(
            ConnectorExpression e,
            DistanceCall call,
            Variable distance,
            Map<String, ColumnHandle> assignments,
            TableSchema schema) {
        if (match(e, assignments, schema).filter(call::equals).isPresent()) {
            return distance;
        }
        if (e instanceof Call c) {
            List<ConnectorExpression> args = new ArrayList<>();
            for (ConnectorExpression a : c.getArguments()) {
                args.add(replace(a, call, distance, assignments, schema));
            }
            return new Call(c.getType(), c.getFunctionName(), args);
        }
        return e;
    }

    private static void collectVariables(
            ConnectorExpression e,
            Map<String, ColumnHandle> assignments,
            Variable distance,
            DistanceColumnHandle distanceColumn,
            Map<String, Assignment> used) {
        if (e instanceof Variable v) {
            if (v.equals(distance)) {
                used.put(v.getName(), new Assignment(v.getName(), distanceColumn, DoubleType.DOUBLE));
            } else {
                ColumnHandle column = assignments.get(v.getName());
                used.put(v.getName(), new Assignment(v.getName(), column, v.getType()));
            }
        }
        for (ConnectorExpression child : e.getChildren()) {
            collectVariables(child, assignments, distance, distanceColumn, used);
        }
    }

    /** {@code function(vector column, constant)} in either order, the constant of the column's dimension. */
    private static Optional<DistanceCall> match(
            ConnectorExpression e, Map<String, ColumnHandle> assignments, TableSchema schema) {
        if (!(e instanceof Call call)
                || call.getFunctionName().getCatalogSchema().isPresent()
                || call.getArguments().size() != 2) {
            return Optional.empty();
        }
        Optional<DistanceFunction> function =
                Optional.ofNullable(DistanceFunction.of(call.getFunctionName().getName()));
        if (function.isEmpty()) {
            return Optional.empty();
        }
        ConnectorExpression a = call.getArguments().get(0);
        ConnectorExpression b = call.getArguments().get(1);
        Optional<Column> column = vectorColumn(a, assignments, schema);
        ConnectorExpression other = b;
        if (column.isEmpty()) {
            column = vectorColumn(b, assignments, schema);
            other = a;
        }
        if (column.isEmpty()) {
            return Optional.empty();
        }
        int dimension = column.get().type().dimension();
        Optional<float[]> query = constantVector(other, dimension);
        String name = column.get().name();
        return query.map(q -> new DistanceCall(function.get(), name, q));
    }

    /** A VECTOR column, referenced directly or cast to {@code array(double)}. */
    private static Optional<Column> vectorColumn(
            ConnectorExpression e, Map<String, ColumnHandle> assignments, TableSchema schema) {
        if (e instanceof Call cast
                && cast.getFunctionName().equals(StandardFunctions.CAST_FUNCTION_NAME)
                && cast.getArguments().size() == 1) {
            e = cast.getArguments().getFirst();
        }
        if (e instanceof Variable v && assignments.get(v.getName()) instanceof QuiverColumnHandle q) {
            Column column = schema.column(q.name());
            if (column.type().id() == TypeId.VECTOR_F32) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    /** A non-null constant array of {@code dimension} non-null numbers that are finite floats. */
    private static Optional<float[]> constantVector(ConnectorExpression e, int dimension) {
        if (!(e instanceof Constant c)
                || !(c.getType() instanceof ArrayType array)
                || !(c.getValue() instanceof Block block)
                || block.getPositionCount() != dimension) {
            return Optional.empty();
        }
        float[] query = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            if (block.isNull(i)) {
                return Optional.empty();
            }
            Object value = array.getElementType().getObjectValue(block, i);
            if (!(value instanceof Number n) || !Float.isFinite(n.floatValue())) {
                return Optional.empty(); // not a float32 vector (1e39, NaN): Trino computes it in double
            }
            query[i] = n.floatValue();
        }
        return Optional.of(query);
    }
}

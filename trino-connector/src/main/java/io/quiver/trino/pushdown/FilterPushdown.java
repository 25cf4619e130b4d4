package io.quiver.trino.pushdown;

import io.airlift.slice.Slice;
import io.quiver.engine.expr.BoundFilter;
import io.quiver.engine.schema.TableSchema;
import io.quiver.format.proto.TypeId;
import io.quiver.trino.metadata.QuiverColumnHandle;
import io.quiver.trino.metadata.QuiverTableHandle;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.ConstraintApplicationResult;
import io.trino.spi.expression.Call;
import io.trino.spi.expression.ConnectorExpression;
import io.trino.spi.expression.Constant;
import io.trino.spi.expression.StandardFunctions;
import io.trino.spi.expression.Variable;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.BooleanType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Takes from a Trino filter what the engine evaluates exactly as Trino would: value domains of
 * integer, decimal, boolean, date, timestamp, string and binary columns, and LIKE on string
 * columns. Floating-point domains stay with Trino (the engine orders NaN above every number and
 * -0.0 below 0.0, Trino's comparisons do neither), as does anything else.
 */
public final class FilterPushdown {
    private FilterPushdown() {}

    public static Optional<ConstraintApplicationResult<ConnectorTableHandle>> apply(
            QuiverTableHandle handle, TableSchema schema, Constraint constraint) {
        if (handle.rowsCut()) {
            return Optional.empty(); // a filter below a limit or top-k would change which rows are cut
        }
        Map<QuiverColumnHandle, Domain> pushed = new HashMap<>();
        Map<ColumnHandle, Domain> remaining = new HashMap<>();
        TupleDomain<ColumnHandle> summary = constraint.getSummary();
        if (summary.isNone()) {
            return Optional.of(new ConstraintApplicationResult<>(
                    handle.withFilter(TupleDomain.none(), handle.likes()), TupleDomain.all(), Constant.TRUE, true));
        }
        summary.getDomains().orElseThrow().forEach((column, domain) -> {
            if (column instanceof QuiverColumnHandle q && pushable(schema, q) && binds(schema, q, domain)) {
                pushed.put(q, domain);
            } else {
                remaining.put(column, domain);
            }
        });
        Set<LikeFilter> likes = new LinkedHashSet<>(handle.likes());
        List<ConnectorExpression> left = new ArrayList<>();
        for (ConnectorExpression conjunct : conjuncts(constraint.getExpression())) {
            Optional<LikeFilter> like = like(conjunct, constraint.getAssignments(), schema);
            if (like.isPresent()) {
                likes.add(like.get());
            } else {
                left.add(conjunct);
            }
        }
        TupleDomain<QuiverColumnHandle> newConstraint =
                handle.constraint().intersect(TupleDomain.withColumnDomains(pushed));
        List<LikeFilter> newLikes = List.copyOf(likes);
        if (newConstraint.equals(handle.constraint()) && newLikes.equals(handle.likes())) {
            return Optional.empty();
        }
        ConnectorExpression remainingExpression = switch (left.size()) {
            case 0 -> Constant.TRUE;
            case 1 -> left.getFirst();
            default -> new Call(BooleanType.BOOLEAN, StandardFunctions.AND_FUNCTION_NAME, left);
        };
        return Optional.of(new ConstraintApplicationResult<>(
                handle.withFilter(newConstraint, newLikes),
                TupleDomain.withColumnDomains(remaining),
                remainingExpression,
                true)); // Trino estimates the filtered scan from the table's statistics and the filter
    }

    private static boolean pushable(TableSchema schema, QuiverColumnHandle column) {
        TypeId stored = schema.column(column.name()).type().id();
        // BLOB columns are varbinary to Trino, but their stored values are descriptors.
        return TrinoValues.comparable(column.type()) && stored != TypeId.BLOB;
    }

    /**
     * Whether the engine accepts the domain's values for the column: a timestamp literal must be
     * a whole number of the column's units within 64 bits (TIMESTAMP '2300-01-01' is beyond a
     * nanosecond column's range). Trino evaluates what the engine cannot hold.
     */
    private static boolean binds(TableSchema schema, QuiverColumnHandle column, Domain domain) {
        try {
            BoundFilter.bind(EngineFilter.domain(column.name(), domain), schema);
            return true;
        } catch (IllegalArgumentException notRepresentable) {
            return false;
        }
    }

    private static List<ConnectorExpression> conjuncts(ConnectorExpression e) {
        if (e instanceof Call call && call.getFunctionName().equals(StandardFunctions.AND_FUNCTION_NAME)) {
            List<ConnectorExpression> out = new ArrayList<>();
            call.getArguments().forEach(a -> out.addAll(conjuncts(a)));
            return out;
        }
        if (e.equals(Constant.TRUE)) {
            return List.of();
        }
        return List.of(e);
    }

    /** {@code $like(column, pattern[, escape])} on a string column, with constant pattern and escape. */
    private static Optional<LikeFilter> like(
            ConnectorExpression e, Map<String, ColumnHandle> assignments, TableSchema schema) {
        if (!(e instanceof Call call)
                || !call.getFunctionName().equals(StandardFunctions.LIKE_FUNCTION_NAME)
                || call.getArguments().size() < 2
                || call.getArguments().size() > 3
                || !(call.getArguments().get(0) instanceof Variable v)
                || !(assignments.get(v.getName()) instanceof QuiverColumnHandle column)
                || schema.column(column.name()).type().id() != TypeId.UTF8) {
            return Optional.empty();
        }
        Optional<String> pattern = text(call.getArguments().get(1));
        Optional<String> escape = Optional.empty();
        if (call.getArguments().size() == 3) {
            escape = text(call.getArguments().get(2));
            if (escape.isEmpty()) {
                return Optional.empty();
            }
        }
        Optional<String> escapeChar = escape;
        return pattern.flatMap(p -> LikePatterns.toEngine(p, escapeChar)).map(p -> new LikeFilter(column.name(), p));
    }

    private static Optional<String> text(ConnectorExpression e) {
        return e instanceof Constant c && c.getValue() instanceof Slice s
                ? Optional.of(s.toStringUtf8())
                : Optional.empty();
    }
}

package io.quiver.sql.plan;

import io.quiver.engine.expr.Expr;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Turns a pushed filter into an engine {@link Expr} once the statement's parameters are known.
 *
 * <p>A comparison with a NULL parameter is unknown, never true. The filter is bound in negation
 * normal form (NOT pushed down to the comparisons), where replacing an unknown comparison by
 * FALSE keeps exactly the rows for which the whole filter is true; so such a comparison becomes
 * FALSE and folds away.
 */
public final class FilterBinder {
    /** A bound filter: always true, never true, or an engine expression. */
    public sealed interface Bound {
        record Always(boolean value) implements Bound {}

        record Filter(Expr expr) implements Bound {}
    }

    private static final Bound TRUE = new Bound.Always(true);
    private static final Bound FALSE = new Bound.Always(false);

    private final TableSchema schema;
    private final IntFunction<Object> params;

    private FilterBinder(TableSchema schema, IntFunction<Object> params) {
        this.schema = schema;
        this.params = params;
    }

    public static Bound bind(PushedFilter filter, TableSchema schema, IntFunction<Object> params) {
        return filter == null ? TRUE : new FilterBinder(schema, params).bind(filter, false);
    }

    /** The value of an operand for {@code column}, or null for a NULL parameter. */
    static Object value(Operand operand, io.quiver.engine.schema.Column column, IntFunction<Object> params) {
        if (operand instanceof Operand.Literal l) {
            return l.value();
        }
        Object raw = params.apply(((Operand.Param) operand).index());
        if (raw == null) {
            return null;
        }
        Object v = EngineValues.forColumn(column, raw);
        if (v == null) {
            throw new IllegalArgumentException("parameter " + (((Operand.Param) operand).index() + 1) + " ("
                    + raw.getClass().getSimpleName() + " " + raw + ") cannot be compared with column "
                    + column.name() + " of type " + column.type());
        }
        return v;
    }

    private Bound bind(PushedFilter f, boolean negated) {
        return switch (f) {
            case PushedFilter.Not n -> bind(n.child(), !negated);
            case PushedFilter.And a -> combine(a.children(), !negated, negated);
            case PushedFilter.Or o -> combine(o.children(), negated, negated);
            case PushedFilter.IsNull n -> leaf(Filters.isNull(n.column()), negated);
            case PushedFilter.Compare c -> {
                Object v = value(c.value(), schema.column(c.column()), params);
                yield v == null ? FALSE : leaf(new Expr.Compare(c.column(), c.op(), v), negated);
            }
            case PushedFilter.In in -> {
                List<Object> values = new ArrayList<>();
                for (Operand o : in.values()) {
                    Object v = value(o, schema.column(in.column()), params);
                    if (v != null) {
                        values.add(v);
                    }
                }
                // x IN (1, NULL) is true for 1 and unknown otherwise; NOT IN with a NULL is never true.
                if (negated && values.size() < in.values().size()) {
                    yield FALSE;
                }
                yield values.isEmpty() ? FALSE : leaf(Filters.in(in.column(), values), negated);
            }
            case PushedFilter.Like l -> {
                Object p = value(l.pattern(), schema.column(l.column()), params);
                yield p == null
                        ? FALSE
                        : leaf(Filters.like(l.column(), enginePattern((String) p, l.escape())), negated);
            }
        };
    }

    /** AND (when {@code and}) or OR of the children, each bound with the given negation. */
    private Bound combine(List<PushedFilter> children, boolean and, boolean negated) {
        List<Expr> exprs = new ArrayList<>();
        for (PushedFilter child : children) {
            Bound b = bind(child, negated);
            if (b instanceof Bound.Always(boolean value)) {
                if (value != and) {
                    return value ? TRUE : FALSE; // true in an OR, false in an AND decides it
                }
            } else {
                exprs.add(((Bound.Filter) b).expr());
            }
        }
        if (exprs.isEmpty()) {
            return and ? TRUE : FALSE;
        }
        Expr[] array = exprs.toArray(Expr[]::new);
        return new Bound.Filter(exprs.size() == 1 ? array[0] : and ? Filters.and(array) : Filters.or(array));
    }

    private static Bound leaf(Expr e, boolean negated) {
        return new Bound.Filter(negated ? Filters.not(e) : e);
    }

    /**
     * SQL's LIKE has no escape character unless ESCAPE names one; the engine's pattern escapes
     * with a backslash. Rewrites one into the other.
     */
    static String enginePattern(String pattern, Character escape) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escape != null && c == escape) {
                if (++i == pattern.length()) {
                    throw new IllegalArgumentException("LIKE pattern '" + pattern + "' ends with its escape character");
                }
                out.append('\\').append(pattern.charAt(i));
            } else if (c == '\\') {
                out.append("\\\\");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

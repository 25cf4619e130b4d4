package io.quiver.trino.pushdown;

import io.quiver.engine.expr.Expr;
import io.quiver.engine.expr.Expr.Op;
import io.quiver.trino.metadata.QuiverColumnHandle;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.predicate.ValueSet;
import io.trino.spi.type.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A table handle's pushed filter as the engine's filter tree. Each column's domain becomes its
 * ranges (or IN list) ORed, with IS NULL when nulls are allowed; the columns' filters and the
 * LIKE patterns are ANDed.
 */
public final class EngineFilter {
    private EngineFilter() {}

    /** The filter, or null for none. The constraint must not be none (such a table has no splits). */
    public static Expr of(TupleDomain<QuiverColumnHandle> constraint, List<LikeFilter> likes) {
        Map<QuiverColumnHandle, Domain> domains =
                constraint.getDomains().orElseThrow(() -> new IllegalArgumentException("the constraint is none"));
        List<Expr> all = new ArrayList<>();
        domains.forEach((column, domain) -> all.add(domain(column.name(), domain)));
        for (LikeFilter like : likes) {
            all.add(new Expr.Like(like.column(), like.pattern()));
        }
        return switch (all.size()) {
            case 0 -> null;
            case 1 -> all.getFirst();
            default -> new Expr.And(all);
        };
    }

    /** One column's domain as a filter. */
    static Expr domain(String column, Domain domain) {
        List<Expr> any = new ArrayList<>();
        if (domain.isNullAllowed()) {
            any.add(new Expr.IsNull(column));
        }
        ValueSet values = domain.getValues();
        Type type = domain.getType();
        if (values.isAll()) {
            any.add(new Expr.Not(new Expr.IsNull(column)));
        } else if (values.isDiscreteSet()) {
            List<Object> in = new ArrayList<>();
            for (Object v : values.getDiscreteSet()) {
                in.add(TrinoValues.toEngine(type, v));
            }
            any.add(in.size() == 1 ? new Expr.Compare(column, Op.EQ, in.getFirst()) : new Expr.In(column, in));
        } else if (!values.isNone()) {
            for (Range range : values.getRanges().getOrderedRanges()) {
                any.add(range(column, type, range));
            }
        }
        return any.size() == 1 ? any.getFirst() : new Expr.Or(any);
    }

    private static Expr range(String column, Type type, Range range) {
        if (range.isSingleValue()) {
            return new Expr.Compare(column, Op.EQ, TrinoValues.toEngine(type, range.getSingleValue()));
        }
        List<Expr> bounds = new ArrayList<>(2);
        range.getLowValue()
                .ifPresent(low -> bounds.add(new Expr.Compare(
                        column, range.isLowInclusive() ? Op.GE : Op.GT, TrinoValues.toEngine(type, low))));
        range.getHighValue()
                .ifPresent(high -> bounds.add(new Expr.Compare(
                        column, range.isHighInclusive() ? Op.LE : Op.LT, TrinoValues.toEngine(type, high))));
        if (bounds.isEmpty()) { // (-inf, +inf): any non-null value
            return new Expr.Not(new Expr.IsNull(column));
        }
        return bounds.size() == 1 ? bounds.getFirst() : new Expr.And(bounds);
    }
}

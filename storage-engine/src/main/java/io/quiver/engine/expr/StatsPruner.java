package io.quiver.engine.expr;

import io.quiver.engine.datafile.ColumnStats;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.StatsDomain;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.function.IntFunction;

/** Decides from min/max/null-count statistics whether a filter can match any row. */
final class StatsPruner {
    private StatsPruner() {}

    /** @param negated true when evaluating NOT(e): pushes the negation down to the leaves. */
    static boolean mayMatch(BoundExpr e, IntFunction<ColumnStats> stats, boolean negated) {
        return switch (e) {
            case BoundExpr.And a -> negated ? anyMay(a.children(), stats, true) : allMay(a.children(), stats, false);
            case BoundExpr.Or o -> negated ? allMay(o.children(), stats, true) : anyMay(o.children(), stats, false);
            case BoundExpr.Not n -> mayMatch(n.child(), stats, !negated);
            case BoundExpr.IsNull n -> {
                ColumnStats s = stats.apply(n.column().fieldId());
                yield negated ? s.mayHaveValues() : !s.nullCountKnown() || s.nullCount() > 0;
            }
            // A comparison is false or unknown on null, so NOT(a < b) passes exactly where a >= b.
            case BoundExpr.Compare c -> compareMay(c.column(), negated ? c.op().negate() : c.op(), c.literal(), stats);
            case BoundExpr.In in ->
                negated || in.literals().stream().anyMatch(v -> compareMay(in.column(), Expr.Op.EQ, v, stats));
            case BoundExpr.Like l -> negated || likeMay(l, stats);
        };
    }

    private static boolean allMay(java.util.List<BoundExpr> children, IntFunction<ColumnStats> stats, boolean negated) {
        return children.stream().allMatch(c -> mayMatch(c, stats, negated));
    }

    private static boolean anyMay(java.util.List<BoundExpr> children, IntFunction<ColumnStats> stats, boolean negated) {
        return children.stream().anyMatch(c -> mayMatch(c, stats, negated));
    }

    private static boolean compareMay(Column column, Expr.Op op, Object literal, IntFunction<ColumnStats> stats) {
        ColumnStats s = stats.apply(column.fieldId());
        if (!s.mayHaveValues()) {
            return false;
        }
        StatsDomain domain = column.type().statsDomain();
        if (domain == StatsDomain.NONE || s.min() == null || s.max() == null) {
            return true;
        }
        int vsMin = compareBound(domain, column, s.min(), literal);
        int vsMax = compareBound(domain, column, s.max(), literal);
        return switch (op) {
            case EQ -> vsMin <= 0 && vsMax >= 0;
            case NE -> !(vsMin == 0 && vsMax == 0);
            case LT -> vsMin < 0;
            case LE -> vsMin <= 0;
            case GT -> vsMax > 0;
            case GE -> vsMax >= 0;
        };
    }

    /** Compares a statistics bound with a literal: negative when the bound is smaller. */
    private static int compareBound(StatsDomain domain, Column column, Object bound, Object literal) {
        if (domain == StatsDomain.DECIMAL) {
            return new BigDecimal((BigInteger) bound, column.type().scale()).compareTo((BigDecimal) literal);
        }
        return Literals.compare(domain, bound, literal);
    }

    private static boolean likeMay(BoundExpr.Like l, IntFunction<ColumnStats> stats) {
        ColumnStats s = stats.apply(l.column().fieldId());
        if (!s.mayHaveValues()) {
            return false;
        }
        byte[] prefix = l.pattern().prefix;
        if (prefix.length == 0 || s.min() == null || s.max() == null) {
            return true;
        }
        // Every match is >= prefix; and every match starts with prefix, so it is < the min bound
        // only if min starts past it.
        byte[] max = (byte[]) s.max();
        byte[] min = (byte[]) s.min();
        if (Arrays.compareUnsigned(max, prefix) < 0) {
            return false;
        }
        byte[] minHead = Arrays.copyOf(min, Math.min(min.length, prefix.length));
        return Arrays.compareUnsigned(minHead, prefix) <= 0;
    }
}

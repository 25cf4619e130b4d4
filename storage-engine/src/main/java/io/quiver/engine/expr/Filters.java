package io.quiver.engine.expr;

import io.quiver.engine.expr.Expr.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Factory methods for filters: {@code Filters.and(Filters.gt("id", 10), Filters.like("label", "cat%"))}. */
public final class Filters {
    private Filters() {}

    public static Expr eq(String column, Object value) {
        return new Expr.Compare(column, Op.EQ, value);
    }

    public static Expr ne(String column, Object value) {
        return new Expr.Compare(column, Op.NE, value);
    }

    public static Expr lt(String column, Object value) {
        return new Expr.Compare(column, Op.LT, value);
    }

    public static Expr le(String column, Object value) {
        return new Expr.Compare(column, Op.LE, value);
    }

    public static Expr gt(String column, Object value) {
        return new Expr.Compare(column, Op.GT, value);
    }

    public static Expr ge(String column, Object value) {
        return new Expr.Compare(column, Op.GE, value);
    }

    public static Expr in(String column, Object... values) {
        return new Expr.In(column, Arrays.asList(values));
    }

    public static Expr in(String column, List<?> values) {
        return new Expr.In(column, new ArrayList<>(values));
    }

    public static Expr isNull(String column) {
        return new Expr.IsNull(column);
    }

    public static Expr isNotNull(String column) {
        return new Expr.Not(new Expr.IsNull(column));
    }

    public static Expr like(String column, String pattern) {
        return new Expr.Like(column, pattern);
    }

    public static Expr and(Expr... children) {
        return new Expr.And(List.of(children));
    }

    public static Expr or(Expr... children) {
        return new Expr.Or(List.of(children));
    }

    public static Expr not(Expr child) {
        return new Expr.Not(child);
    }
}

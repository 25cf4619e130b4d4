package io.quiver.engine.expr;

import io.quiver.engine.datafile.ColumnSlice;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Evaluates a bound filter over a batch, row by row, in SQL's three-valued logic, reading each
 * column's values in place from its pages ({@link ColumnSlice}s in row order).
 */
final class BatchEvaluator {
    static final byte FALSE = 0;
    static final byte TRUE = 1;
    static final byte UNKNOWN = 2;

    private BatchEvaluator() {}

    static byte[] evaluate(BoundExpr e, IntFunction<List<ColumnSlice>> columns, int rows) {
        return switch (e) {
            case BoundExpr.And a -> combine(a.children(), columns, rows, true);
            case BoundExpr.Or o -> combine(o.children(), columns, rows, false);
            case BoundExpr.Not n -> {
                byte[] t = evaluate(n.child(), columns, rows);
                for (int i = 0; i < rows; i++) {
                    t[i] = t[i] == UNKNOWN ? UNKNOWN : (byte) (1 - t[i]);
                }
                yield t;
            }
            case BoundExpr.IsNull n -> nulls(columns.apply(n.column().fieldId()), rows, TRUE, FALSE);
            case BoundExpr.Compare c -> compare(c, columns.apply(c.column().fieldId()), rows);
            case BoundExpr.In in -> {
                List<ColumnSlice> slices = columns.apply(in.column().fieldId());
                if (in.literals().isEmpty()) {
                    yield nulls(slices, rows, UNKNOWN, FALSE);
                }
                byte[] t = new byte[rows];
                for (Object literal : in.literals()) {
                    byte[] eq = compare(new BoundExpr.Compare(in.column(), Expr.Op.EQ, literal), slices, rows);
                    for (int i = 0; i < rows; i++) {
                        t[i] = eq[i] == TRUE || t[i] == TRUE ? TRUE : eq[i];
                    }
                }
                yield t;
            }
            case BoundExpr.Like l -> like(l, columns.apply(l.column().fieldId()), rows);
        };
    }

    /** {@code ifNull} for the null rows, {@code otherwise} for the others. */
    private static byte[] nulls(List<ColumnSlice> slices, int rows, byte ifNull, byte otherwise) {
        byte[] t = new byte[rows];
        int at = 0;
        for (ColumnSlice s : slices) {
            for (int i = 0; i < s.rows(); i++) {
                t[at + i] = s.isNull(i) ? ifNull : otherwise;
            }
            at += s.rows();
        }
        return t;
    }

    /** AND (all true) or OR (any true), with unknown where SQL says so. */
    private static byte[] combine(
            List<BoundExpr> children, IntFunction<List<ColumnSlice>> columns, int rows, boolean and) {
        byte[] t = new byte[rows];
        Arrays.fill(t, and ? TRUE : FALSE);
        byte dominant = and ? FALSE : TRUE;
        for (BoundExpr child : children) {
            byte[] c = evaluate(child, columns, rows);
            for (int i = 0; i < rows; i++) {
                if (t[i] == dominant || c[i] == dominant) {
                    t[i] = dominant;
                } else if (c[i] == UNKNOWN) {
                    t[i] = UNKNOWN;
                }
            }
        }
        return t;
    }

    /**
     * One comparison per row. Each domain has its own loop (over the column's page slices, then
     * their rows) so that the JIT compiles a tight loop per kind rather than one call per row.
     */
    private static byte[] compare(BoundExpr.Compare c, List<ColumnSlice> slices, int rows) {
        byte[] t = new byte[rows];
        Expr.Op op = c.op();
        int at = 0;
        for (ColumnSlice s : slices) {
            int n = s.rows();
            switch (c.column().type().valueDomain()) {
                case LONG, BOOL -> {
                    long literal = (Long) c.literal();
                    for (int i = 0; i < n; i++) {
                        t[at + i] = s.isNull(i) ? UNKNOWN : truth(op.test(Long.compare(s.longAt(i), literal)));
                    }
                }
                case DOUBLE -> {
                    double literal = (Double) c.literal();
                    for (int i = 0; i < n; i++) {
                        t[at + i] = s.isNull(i) ? UNKNOWN : truth(op.test(Double.compare(s.doubleAt(i), literal)));
                    }
                }
                case DECIMAL -> {
                    BigDecimal literal = (BigDecimal) c.literal();
                    int scale = c.column().type().scale();
                    for (int i = 0; i < n; i++) {
                        t[at + i] = s.isNull(i)
                                ? UNKNOWN
                                : truth(op.test(s.decimalAt(i, scale).compareTo(literal)));
                    }
                }
                case BYTES -> compareBytes(s, op, (byte[]) c.literal(), t, at);
                case NONE -> throw new IllegalStateException("no order");
            }
            at += n;
        }
        return t;
    }

    private static void compareBytes(ColumnSlice s, Expr.Op op, byte[] literal, byte[] t, int at) {
        int n = s.rows();
        if (op == Expr.Op.EQ || op == Expr.Op.NE) {
            boolean eq = op == Expr.Op.EQ;
            s.equalsBytes(MemorySegment.ofArray(literal), truth(eq), truth(!eq), UNKNOWN, t, at);
        } else {
            for (int i = 0; i < n; i++) {
                t[at + i] = s.isNull(i) ? UNKNOWN : truth(op.test(s.compareBytes(i, literal)));
            }
        }
    }

    private static byte truth(boolean b) {
        return b ? TRUE : FALSE;
    }

    private static byte[] like(BoundExpr.Like l, List<ColumnSlice> slices, int rows) {
        byte[] t = new byte[rows];
        LikePattern p = l.pattern();
        int at = 0;
        for (ColumnSlice s : slices) {
            MemorySegment data = s.data();
            for (int i = 0; i < s.rows(); i++) {
                if (s.isNull(i)) {
                    t[at + i] = UNKNOWN;
                } else if (p.matchesBytes()) {
                    t[at + i] = truth(p.matches(data, s.start(i), s.end(i)));
                } else {
                    String value = new String(
                            data.asSlice(s.start(i), s.end(i) - s.start(i)).toArray(ValueLayout.JAVA_BYTE),
                            StandardCharsets.UTF_8);
                    t[at + i] = truth(p.matches(value));
                }
            }
            at += s.rows();
        }
        return t;
    }
}

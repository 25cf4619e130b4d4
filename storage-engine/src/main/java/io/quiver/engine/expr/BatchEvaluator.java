package io.quiver.engine.expr;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;

/** Evaluates a bound filter over a batch, row by row, in SQL's three-valued logic. */
final class BatchEvaluator {
    static final byte FALSE = 0;
    static final byte TRUE = 1;
    static final byte UNKNOWN = 2;

    private BatchEvaluator() {}

    static byte[] evaluate(BoundExpr e, IntFunction<FieldVector> vectors, int rows) {
        return switch (e) {
            case BoundExpr.And a -> combine(a.children(), vectors, rows, true);
            case BoundExpr.Or o -> combine(o.children(), vectors, rows, false);
            case BoundExpr.Not n -> {
                byte[] t = evaluate(n.child(), vectors, rows);
                for (int i = 0; i < rows; i++) {
                    t[i] = t[i] == UNKNOWN ? UNKNOWN : (byte) (1 - t[i]);
                }
                yield t;
            }
            case BoundExpr.IsNull n -> {
                BatchColumn col =
                        new BatchColumn(n.column(), vectors.apply(n.column().fieldId()));
                byte[] t = new byte[rows];
                for (int i = 0; i < rows; i++) {
                    t[i] = truth(col.isNull(i));
                }
                yield t;
            }
            case BoundExpr.Compare c -> compare(c, vectors.apply(c.column().fieldId()), rows);
            case BoundExpr.In in -> {
                byte[] t = new byte[rows];
                for (Object literal : in.literals()) {
                    byte[] eq = compare(
                            new BoundExpr.Compare(in.column(), Expr.Op.EQ, literal),
                            vectors.apply(in.column().fieldId()),
                            rows);
                    for (int i = 0; i < rows; i++) {
                        t[i] = eq[i] == TRUE || t[i] == TRUE ? TRUE : eq[i];
                    }
                }
                if (in.literals().isEmpty()) {
                    BatchColumn col = new BatchColumn(
                            in.column(), vectors.apply(in.column().fieldId()));
                    for (int i = 0; i < rows; i++) {
                        t[i] = col.isNull(i) ? UNKNOWN : FALSE;
                    }
                }
                yield t;
            }
            case BoundExpr.Like l -> like(l, vectors.apply(l.column().fieldId()), rows);
        };
    }

    /** AND (all true) or OR (any true), with unknown where SQL says so. */
    private static byte[] combine(List<BoundExpr> children, IntFunction<FieldVector> vectors, int rows, boolean and) {
        byte[] t = new byte[rows];
        Arrays.fill(t, and ? TRUE : FALSE);
        byte dominant = and ? FALSE : TRUE;
        for (BoundExpr child : children) {
            byte[] c = evaluate(child, vectors, rows);
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

    private static byte[] compare(BoundExpr.Compare c, FieldVector v, int rows) {
        byte[] t = new byte[rows];
        BatchColumn col = new BatchColumn(c.column(), v);
        Expr.Op op = c.op();
        switch (c.column().type().valueDomain()) {
            case LONG, BOOL -> {
                long literal = (Long) c.literal();
                for (int i = 0; i < rows; i++) {
                    t[i] = col.isNull(i) ? UNKNOWN : truth(op.test(Long.compare(col.longAt(i), literal)));
                }
            }
            case DOUBLE -> {
                double literal = (Double) c.literal();
                for (int i = 0; i < rows; i++) {
                    t[i] = col.isNull(i) ? UNKNOWN : truth(op.test(Double.compare(col.doubleAt(i), literal)));
                }
            }
            case DECIMAL -> {
                BigDecimal literal = (BigDecimal) c.literal();
                DecimalVector decimals = (DecimalVector) v;
                for (int i = 0; i < rows; i++) {
                    t[i] = col.isNull(i)
                            ? UNKNOWN
                            : truth(op.test(decimals.getObject(i).compareTo(literal)));
                }
            }
            case BYTES -> {
                MemorySegment literal = MemorySegment.ofArray((byte[]) c.literal());
                boolean equality = op == Expr.Op.EQ || op == Expr.Op.NE;
                for (int i = 0; i < rows; i++) {
                    if (col.isNull(i)) {
                        t[i] = UNKNOWN;
                    } else if (equality) {
                        t[i] = truth(col.equalsBytes(i, literal) == (op == Expr.Op.EQ));
                    } else {
                        t[i] = truth(op.test(col.compareBytes(i, literal)));
                    }
                }
            }
            case NONE -> throw new IllegalStateException("no order");
        }
        return t;
    }

    private static byte truth(boolean b) {
        return b ? TRUE : FALSE;
    }

    private static byte[] like(BoundExpr.Like l, FieldVector v, int rows) {
        byte[] t = new byte[rows];
        LikePattern p = l.pattern();
        BatchColumn col = new BatchColumn(l.column(), v);
        for (int i = 0; i < rows; i++) {
            if (col.isNull(i)) {
                t[i] = UNKNOWN;
            } else if (p.matchesBytes()) {
                t[i] = truth(p.matches(col.data(), col.start(i), col.end(i)));
            } else {
                t[i] = truth(p.matches(new String(((BaseVariableWidthVector) v).get(i), StandardCharsets.UTF_8)));
            }
        }
        return t;
    }
}

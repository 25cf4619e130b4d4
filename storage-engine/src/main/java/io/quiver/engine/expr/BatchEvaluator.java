package io.quiver.engine.expr;

import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.StatsDomain;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;

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
                FieldVector v = vectors.apply(n.column().fieldId());
                byte[] t = new byte[rows];
                for (int i = 0; i < rows; i++) {
                    t[i] = v.isNull(i) ? TRUE : FALSE;
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
                    FieldVector v = vectors.apply(in.column().fieldId());
                    for (int i = 0; i < rows; i++) {
                        t[i] = v.isNull(i) ? UNKNOWN : FALSE;
                    }
                }
                yield t;
            }
            case BoundExpr.Like l ->
                like(l, (BaseVariableWidthVector) vectors.apply(l.column().fieldId()), rows);
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
        Column col = c.column();
        StatsDomain domain = col.type().valueDomain();
        Expr.Op op = c.op();
        for (int i = 0; i < rows; i++) {
            if (v.isNull(i)) {
                t[i] = UNKNOWN;
                continue;
            }
            int cmp = switch (domain) {
                case LONG, BOOL -> Long.compare(longValue(v, col, i), (Long) c.literal());
                case DOUBLE ->
                    Double.compare(
                            v instanceof Float4Vector f ? f.get(i) : ((Float8Vector) v).get(i), (Double) c.literal());
                case DECIMAL -> ((DecimalVector) v).getObject(i).compareTo((BigDecimal) c.literal());
                case BYTES -> compareBytes((BaseVariableWidthVector) v, i, (byte[]) c.literal());
                case NONE -> throw new IllegalStateException("no order");
            };
            t[i] = op.test(cmp) ? TRUE : FALSE;
        }
        return t;
    }

    private static long longValue(FieldVector v, Column col, int i) {
        if (v instanceof BitVector b) {
            return b.get(i);
        }
        ArrowBuf data = v.getDataBuffer();
        return switch (col.type().fixedWidth()) {
            case 1 -> data.getByte(i);
            case 2 -> data.getShort(2L * i);
            case 4 -> data.getInt(4L * i);
            default -> data.getLong(8L * i);
        };
    }

    private static int compareBytes(BaseVariableWidthVector v, int i, byte[] literal) {
        int start = v.getStartOffset(i);
        int end = v.getEndOffset(i);
        ArrowBuf data = v.getDataBuffer();
        int n = Math.min(end - start, literal.length);
        for (int k = 0; k < n; k++) {
            int diff = (data.getByte(start + k) & 0xFF) - (literal[k] & 0xFF);
            if (diff != 0) {
                return diff;
            }
        }
        return Integer.compare(end - start, literal.length);
    }

    private static byte[] like(BoundExpr.Like l, BaseVariableWidthVector v, int rows) {
        byte[] t = new byte[rows];
        LikePattern p = l.pattern();
        for (int i = 0; i < rows; i++) {
            if (v.isNull(i)) {
                t[i] = UNKNOWN;
            } else if (p.prefixOnly) {
                t[i] = startsWith(v, i, p.prefix) ? TRUE : FALSE;
            } else {
                t[i] = p.matches(new String(v.get(i), StandardCharsets.UTF_8)) ? TRUE : FALSE;
            }
        }
        return t;
    }

    private static boolean startsWith(BaseVariableWidthVector v, int i, byte[] prefix) {
        int start = v.getStartOffset(i);
        if (v.getEndOffset(i) - start < prefix.length) {
            return false;
        }
        ArrowBuf data = v.getDataBuffer();
        for (int k = 0; k < prefix.length; k++) {
            if (data.getByte(start + k) != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}

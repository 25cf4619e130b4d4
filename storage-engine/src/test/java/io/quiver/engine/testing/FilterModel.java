package io.quiver.engine.testing;

import io.quiver.engine.expr.Expr;
import io.quiver.engine.testing.RandomRows.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A brute-force evaluator of filters over model rows, written from the SQL rules rather than from
 * the engine: three-valued logic (a comparison with null is UNKNOWN; a row passes only when the
 * filter is TRUE), floats in {@link Double#compare} order (NaN above +Infinity, -0.0 below 0.0),
 * strings and binaries as unsigned bytes, LIKE with {@code %}, {@code _} (one code point) and
 * {@code \} escapes.
 */
public final class FilterModel {
    /** SQL truth values. */
    public enum Truth {
        TRUE,
        FALSE,
        UNKNOWN;

        static Truth of(boolean b) {
            return b ? TRUE : FALSE;
        }

        Truth not() {
            return this == UNKNOWN ? UNKNOWN : of(this == FALSE);
        }
    }

    private final Schema schema;
    private final Map<String, Integer> indexes = new HashMap<>();

    public FilterModel(Schema schema) {
        this.schema = schema;
        for (int i = 0; i < schema.getFields().size(); i++) {
            indexes.put(schema.getFields().get(i).getName(), i);
        }
    }

    /** The rows that pass {@code filter}, in order. */
    public List<Object[]> select(Expr filter, List<Object[]> rows) {
        List<Object[]> out = new ArrayList<>();
        for (Object[] row : rows) {
            if (evaluate(filter, row) == Truth.TRUE) {
                out.add(row);
            }
        }
        return out;
    }

    public Truth evaluate(Expr e, Object[] row) {
        return switch (e) {
            case Expr.And a -> combine(a.children(), row, Truth.FALSE);
            case Expr.Or o -> combine(o.children(), row, Truth.TRUE);
            case Expr.Not n -> evaluate(n.child(), row).not();
            case Expr.IsNull n -> Truth.of(row[index(n.column())] == null);
            case Expr.Compare c -> {
                Object v = row[index(c.column())];
                yield v == null ? Truth.UNKNOWN : Truth.of(holds(c.op(), compare(field(c.column()), v, c.value())));
            }
            case Expr.In in -> {
                Object v = row[index(in.column())];
                if (v == null) {
                    yield Truth.UNKNOWN;
                }
                boolean any = false;
                for (Object literal : in.values()) {
                    any |= compare(field(in.column()), v, literal) == 0;
                }
                yield Truth.of(any);
            }
            case Expr.Like l -> {
                Object v = row[index(l.column())];
                yield v == null ? Truth.UNKNOWN : Truth.of(like((String) v, l.pattern()));
            }
        };
    }

    /** AND (FALSE dominates) or OR (TRUE dominates): the dominant value if any child has it, else UNKNOWN if any child is. */
    private Truth combine(List<Expr> children, Object[] row, Truth dominant) {
        boolean unknown = false;
        for (Expr c : children) {
            Truth t = evaluate(c, row);
            if (t == dominant) {
                return dominant;
            }
            unknown |= t == Truth.UNKNOWN;
        }
        return unknown ? Truth.UNKNOWN : dominant.not();
    }

    private int index(String column) {
        Integer i = indexes.get(column);
        if (i == null) {
            throw new IllegalArgumentException("model has no column " + column);
        }
        return i;
    }

    private Field field(String column) {
        return schema.getFields().get(index(column));
    }

    private static boolean holds(Expr.Op op, int cmp) {
        return switch (op) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
        };
    }

    /** Compares a model value of {@code field} with a filter literal of any accepted Java type. */
    public static int compare(Field field, Object value, Object literal) {
        Kind kind = Kind.of(field);
        return switch (kind) {
            case BOOL -> Boolean.compare((Boolean) value, (Boolean) literal);
            case INT8, INT16, INT32, INT64 -> Long.compare((Long) value, integral(literal));
            case FLOAT32, FLOAT64 -> Double.compare(((Number) value).doubleValue(), ((Number) literal).doubleValue());
            case DECIMAL -> ((BigDecimal) value).compareTo(decimal(literal));
            case DATE32 -> ((LocalDate) value).compareTo((LocalDate) literal);
            case TIMESTAMP ->
                ((Instant) value)
                        .compareTo(
                                literal instanceof Long raw
                                        ? ModelRows.instant(((ArrowType.Timestamp) field.getType()).getUnit(), raw)
                                        : (Instant) literal);
            case UTF8 -> Arrays.compareUnsigned(utf8((String) value), utf8((String) literal));
            case BINARY -> Arrays.compareUnsigned((byte[]) value, (byte[]) literal);
            case VECTOR, BLOB -> throw new IllegalArgumentException(kind + " values have no order");
        };
    }

    private static long integral(Object literal) {
        return switch (literal) {
            case BigInteger b -> b.longValueExact();
            case BigDecimal d -> d.longValueExact();
            default -> ((Number) literal).longValue();
        };
    }

    private static BigDecimal decimal(Object literal) {
        return switch (literal) {
            case BigDecimal d -> d;
            case BigInteger b -> new BigDecimal(b);
            case Double d -> BigDecimal.valueOf(d);
            default -> BigDecimal.valueOf(((Number) literal).longValue());
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** SQL LIKE by dynamic programming over code points; {@code \} escapes the next character. */
    public static boolean like(String value, String pattern) {
        int[] text = value.codePoints().toArray();
        List<int[]> tokens = new ArrayList<>(); // {kind, codePoint}: 0 literal, 1 any one, 2 any run
        int[] p = pattern.codePoints().toArray();
        for (int i = 0; i < p.length; i++) {
            if (p[i] == '\\') {
                tokens.add(new int[] {0, p[++i]});
            } else if (p[i] == '%') {
                tokens.add(new int[] {2, 0});
            } else if (p[i] == '_') {
                tokens.add(new int[] {1, 0});
            } else {
                tokens.add(new int[] {0, p[i]});
            }
        }
        // matched[j]: the first i text code points match the first j tokens.
        boolean[] matched = new boolean[tokens.size() + 1];
        matched[0] = true;
        for (int j = 1; j <= tokens.size(); j++) {
            matched[j] = matched[j - 1] && tokens.get(j - 1)[0] == 2;
        }
        for (int cp : text) {
            boolean[] next = new boolean[tokens.size() + 1];
            for (int j = 1; j <= tokens.size(); j++) {
                int[] t = tokens.get(j - 1);
                next[j] = switch (t[0]) {
                    case 0 -> matched[j - 1] && t[1] == cp;
                    case 1 -> matched[j - 1];
                    default -> matched[j] || next[j - 1] || matched[j - 1];
                };
            }
            matched = next;
        }
        return matched[tokens.size()];
    }
}

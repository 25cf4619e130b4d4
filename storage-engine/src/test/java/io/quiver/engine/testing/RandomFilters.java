package io.quiver.engine.testing;

import io.quiver.engine.expr.Expr;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.testing.RandomRows.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Random filter trees over a {@link RandomRows} schema: comparisons with every operator on every
 * ordered column (literals of every Java type the column accepts, mostly values that occur in the
 * data or sit next to one), IN lists, IS NULL, LIKE patterns with {@code %}, {@code _} and
 * escapes, combined with AND, OR and NOT. Evaluate them with {@link FilterModel}.
 */
public final class RandomFilters {
    private static final Expr.Op[] OPS = Expr.Op.values();

    private final Random random;
    private final Schema schema;
    private final RandomRows values;
    private final List<Object[]> sample;

    /**
     * @param sample rows whose values literals are drawn from, so that filters select something
     */
    public RandomFilters(Random random, Schema schema, List<Object[]> sample) {
        this.random = random;
        this.schema = schema;
        this.values = new RandomRows(random, schema);
        this.sample = List.copyOf(sample);
    }

    /** A random filter tree at most {@code depth} levels deep above its leaves. */
    public Expr next(int depth) {
        int pick = random.nextInt(10);
        if (depth == 0 || pick < 4) {
            return leaf(random.nextInt(schema.getFields().size()));
        }
        if (pick < 6) {
            return Filters.not(next(depth - 1));
        }
        List<Expr> children = new ArrayList<>();
        int n = random.nextInt(10) == 0 ? random.nextInt(2) : 2 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            children.add(next(depth - 1));
        }
        return pick < 8 ? new Expr.And(children) : new Expr.Or(children);
    }

    /** A random test of one column: IS NULL, a comparison, IN or LIKE as the column allows. */
    public Expr leaf(int column) {
        Field field = schema.getFields().get(column);
        String name = field.getName();
        Kind kind = Kind.of(field);
        int pick = random.nextInt(100);
        if (!kind.ordered() || pick < 12) {
            return random.nextBoolean() ? Filters.isNull(name) : Filters.isNotNull(name);
        }
        if (kind == Kind.UTF8 && pick < 45) {
            return Filters.like(name, likePattern(column));
        }
        if (pick < 30) {
            List<Object> list = new ArrayList<>();
            int n = random.nextInt(5);
            for (int i = 0; i < n; i++) {
                list.add(literal(column));
            }
            return Filters.in(name, list);
        }
        return new Expr.Compare(name, OPS[random.nextInt(OPS.length)], literal(column));
    }

    /** A value of the column's own kind, mostly from the data: exact, neighbouring or random. */
    private Object modelValue(int column) {
        Object v = random.nextInt(4) == 0
                ? null
                : sample.isEmpty() ? null : sample.get(random.nextInt(sample.size()))[column];
        if (v == null) {
            return values.value(column);
        }
        if (random.nextInt(4) != 0) {
            return v;
        }
        Object n = neighbour(v);
        if (n instanceof Instant t) {
            // Timestamp literals must be a whole number of the column's units, in range.
            try {
                ModelRows.raw(
                        ((ArrowType.Timestamp) schema.getFields().get(column).getType()).getUnit(), t);
            } catch (ArithmeticException e) {
                return v;
            }
        }
        return n;
    }

    /** A value just above or below {@code v} (or equal, where there is no neighbour). */
    private Object neighbour(Object v) {
        int d = random.nextBoolean() ? 1 : -1;
        return switch (v) {
            case Long l -> l + d; // may leave the column's range: the comparison must still be exact
            case Float f -> d > 0 ? Math.nextUp(f) : Math.nextDown(f);
            case Double x -> d > 0 ? Math.nextUp(x) : Math.nextDown(x);
            case BigDecimal b ->
                b.add(BigDecimal.ONE.movePointLeft(b.scale() + 1).multiply(BigDecimal.valueOf(d)));
            case LocalDate day -> day.plusDays(d);
            case Instant t -> t.plusNanos(1000L * d);
            case String s ->
                s.isEmpty() || d > 0
                        ? s + (char) ('a' + random.nextInt(3))
                        : s.substring(0, s.offsetByCodePoints(s.length(), -1));
            case byte[] b -> d > 0 || b.length == 0 ? Arrays.copyOf(b, b.length + 1) : Arrays.copyOf(b, b.length - 1);
            default -> v;
        };
    }

    /** A literal for a comparison with the column, as one of the Java types the column accepts. */
    public Object literal(int column) {
        Field field = schema.getFields().get(column);
        Object v = modelValue(column);
        int pick = random.nextInt(100);
        return switch (Kind.of(field)) {
            case INT8, INT16, INT32, INT64 -> {
                long l = (Long) v;
                if (pick < 10 && l == (int) l) {
                    yield (int) l;
                }
                if (pick < 15 && l == (short) l) {
                    yield (short) l;
                }
                if (pick < 20 && l == (byte) l) {
                    yield (byte) l;
                }
                if (pick < 28) {
                    yield BigInteger.valueOf(l);
                }
                yield pick < 35 ? new BigDecimal(l).setScale(2) : (Object) l;
            }
            case FLOAT32 ->
                pick < 60 ? v : pick < 90 ? (Object) ((Float) v).doubleValue() : (Object) (int) (float) (Float) v;
            case FLOAT64 -> pick < 90 ? v : (Object) (long) (double) (Double) v;
            case DECIMAL -> {
                BigDecimal d = (BigDecimal) v;
                if (pick < 15) {
                    yield d.stripTrailingZeros();
                }
                if (pick < 25) {
                    yield d.setScale(d.scale() + 3);
                }
                if (pick < 35) {
                    yield d.toBigInteger();
                }
                if (pick < 45) {
                    yield d.longValue();
                }
                yield pick < 50 ? (Object) d.doubleValue() : d;
            }
            case TIMESTAMP ->
                pick < 30 ? (Object) ModelRows.raw(((ArrowType.Timestamp) field.getType()).getUnit(), (Instant) v) : v;
            default -> v;
        };
    }

    /** A LIKE pattern: often derived from a value in the data, so that it matches something. */
    private String likePattern(int column) {
        String s = (String) modelValue(column);
        int[] cps = s.codePoints().toArray();
        StringBuilder p = new StringBuilder();
        switch (random.nextInt(4)) {
            case 0 -> { // prefix%: the byte-prefix fast path and the statistics prefix pruning
                int k = random.nextInt(cps.length + 1);
                for (int i = 0; i < k; i++) {
                    p.append(escape(cps[i]));
                }
                p.append('%');
            }
            case 1 -> { // %infix%
                int from = random.nextInt(cps.length + 1);
                int to = from + random.nextInt(cps.length - from + 1);
                p.append('%');
                for (int i = from; i < to; i++) {
                    p.append(escape(cps[i]));
                }
                p.append('%');
            }
            default -> { // the value with some characters turned into wildcards
                for (int i = 0; i < cps.length; i++) {
                    int r = random.nextInt(10);
                    if (r == 0) {
                        p.append('_');
                    } else if (r == 1) {
                        p.append('%');
                        i += random.nextInt(3);
                    } else {
                        p.append(escape(cps[i]));
                    }
                }
            }
        }
        return p.toString();
    }

    /** A filter as SQL-like text, literals spelled out (for failure messages). */
    public static String describe(Expr e) {
        return switch (e) {
            case Expr.Compare c -> c.column() + " " + c.op() + " " + ModelRows.format(c.value());
            case Expr.In in ->
                in.column() + " IN "
                        + in.values().stream().map(ModelRows::format).toList();
            case Expr.IsNull n -> n.column() + " IS NULL";
            case Expr.Like l -> l.column() + " LIKE " + ModelRows.format(l.pattern());
            case Expr.And a ->
                "("
                        + String.join(
                                " AND ",
                                a.children().stream()
                                        .map(RandomFilters::describe)
                                        .toList()) + ")";
            case Expr.Or o ->
                "("
                        + String.join(
                                " OR ",
                                o.children().stream()
                                        .map(RandomFilters::describe)
                                        .toList()) + ")";
            case Expr.Not n -> "NOT " + describe(n.child());
        };
    }

    /** The code point as a pattern literal: wildcards and the escape are escaped, and sometimes others too. */
    private String escape(int cp) {
        String c = Character.toString(cp);
        return cp == '%' || cp == '_' || cp == '\\' || random.nextInt(20) == 0 ? "\\" + c : c;
    }
}

package io.quiver.sql.oracle;

import io.quiver.sql.oracle.OracleColumn.Kind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Random WHERE conditions over one table's columns: comparisons, ranges, IN lists (with mixed
 * numeric literal types), LIKE, IS NULL, unicode string comparisons, key lookups, conditions the
 * engine cannot evaluate (so Calcite does), and AND/OR/NOT of these.
 */
final class RandomPredicates {
    private static final java.util.Set<Kind> PARAMETER_KINDS = java.util.EnumSet.of(
            Kind.TINYINT,
            Kind.SMALLINT,
            Kind.INTEGER,
            Kind.SMALL_INTEGER,
            Kind.GROUP,
            Kind.BIGINT,
            Kind.DOUBLE,
            Kind.DECIMAL,
            Kind.VARCHAR);
    private static final List<String> OPS = List.of("=", "<>", "<", "<=", ">", ">=");
    private final Random random;
    private final Random values;
    private final List<Object> parameters;

    /**
     * {@code random} chooses the shape, {@code values} the constants, so one shape can be asked
     * with other constants. With {@code parameters} non-null, constants of the types that bind
     * plainly (integers, DOUBLE, DECIMAL, VARCHAR) become {@code ?} and their values are appended
     * there: one plan then answers many queries.
     */
    RandomPredicates(Random random, Random values, List<Object> parameters) {
        this.random = random;
        this.values = values;
        this.parameters = parameters;
    }

    /** A condition on {@code columns}, each named {@code prefix + name}. */
    String condition(String prefix, List<OracleColumn> columns, int depth) {
        int choice = random.nextInt(depth <= 0 ? 7 : 10);
        return switch (choice) {
            case 7 ->
                "(" + condition(prefix, columns, depth - 1) + " AND " + condition(prefix, columns, depth - 1) + ")";
            case 8 ->
                "(" + condition(prefix, columns, depth - 1) + " OR " + condition(prefix, columns, depth - 1) + ")";
            case 9 -> "NOT (" + condition(prefix, columns, depth - 1) + ")";
            default -> simple(prefix, columns);
        };
    }

    private String simple(String prefix, List<OracleColumn> columns) {
        OracleColumn c = columns.get(random.nextInt(columns.size()));
        String name = prefix + c.name();
        if (c.name().equals("id") && random.nextBoolean()) {
            return key(name);
        }
        return switch (random.nextInt(10)) {
            case 0 -> name + (random.nextBoolean() ? " IS NULL" : " IS NOT NULL");
            case 1 -> name + " BETWEEN " + literal(c) + " AND " + literal(c);
            case 2 -> name + (random.nextInt(4) == 0 ? " NOT IN " : " IN ") + inList(c);
            case 3 ->
                c.kind() == Kind.VARCHAR
                        ? name + (random.nextInt(4) == 0 ? " NOT LIKE " : " LIKE ") + likePattern()
                        : compare(name, c);
            case 4 -> notPushable(prefix, c);
            default -> compare(name, c);
        };
    }

    private String compare(String name, OracleColumn c) {
        return name + " " + OPS.get(random.nextInt(OPS.size())) + " " + literal(c);
    }

    /** Key conditions, which become point lookups. */
    private String key(String name) {
        return switch (random.nextInt(4)) {
            case 0 -> name + " = " + constant((long) values.nextInt(1, OracleTables.A_IDS + 1));
            case 1 ->
                name + " IN (" + constant((long) values.nextInt(1, 80)) + ", "
                        + constant((long) values.nextInt(80, 200)) + ", " + constant((long) values.nextInt(1, 250))
                        + ")";
            case 2 -> name + " IN " + mixedNumbers(random.nextInt(1, 200));
            default -> name + " = " + random.nextInt(1, 200) + ".0";
        };
    }

    /** A condition the engine cannot take (arithmetic or a function on the column), combined with one it can. */
    private String notPushable(String prefix, OracleColumn c) {
        String name = prefix + c.name();
        return switch (c.kind()) {
            case VARCHAR ->
                "(CHAR_LENGTH(" + name + ") > 2 " + (random.nextBoolean() ? "OR " : "AND ") + compare(name, c) + ")";
            case TINYINT, SMALLINT, INTEGER, SMALL_INTEGER, GROUP, BIGINT ->
                "(MOD(" + name + ", 3) = " + random.nextInt(-2, 3) + (random.nextBoolean() ? " OR " : " AND ")
                        + compare(name, c) + ")";
            default -> "(" + compare(name, c) + " OR " + prefix + "k * 2 = 5)";
        };
    }

    /** An IN list of the column's type; for numbers, often literals of mixed types. */
    String inList(OracleColumn c) {
        if (c.kind().exactInteger() && random.nextBoolean()) {
            Object v = c.random(random);
            return mixedNumbers(v == null ? random.nextInt(-5, 5) : ((Long) v));
        }
        StringJoiner j = new StringJoiner(", ", "(", ")");
        int n = random.nextInt(1, 5);
        for (int i = 0; i < n; i++) {
            j.add(literal(c));
        }
        return j.toString();
    }

    /**
     * An IN list around n: a fraction (never equal), n as a decimal, as BIGINT, as DOUBLE, as SMALLINT when it fits
     * (a constant cast out of range raises 22003 in Quiver and PostgreSQL, while DuckDB may never evaluate it).
     */
    private String mixedNumbers(long n) {
        String narrow = (short) (n + 3) == n + 3 ? "SMALLINT" : "BIGINT";
        List<String> forms = List.of(
                n + ".5",
                (n + 1) + ".00",
                "CAST(" + n + " AS BIGINT)",
                "CAST(" + (n - 1) + " AS DOUBLE)",
                Long.toString(n + 2),
                "CAST(" + (n + 3) + " AS " + narrow + ")");
        StringJoiner j = new StringJoiner(", ", "(", ")");
        int count = random.nextInt(2, 5);
        for (int i = 0; i < count; i++) {
            j.add(forms.get(random.nextInt(forms.size())));
        }
        return j.toString();
    }

    /** A literal of the column's type, NULL never (a comparison with NULL is a dull test). */
    String literal(OracleColumn c) {
        Object v;
        do {
            v = c.random(values);
        } while (v == null);
        if (parameters != null && PARAMETER_KINDS.contains(c.kind())) {
            return constant(v);
        }
        if (c.kind().exactInteger() && parameters == null && values.nextInt(6) == 0) {
            // A decimal literal against an integer column: 2.5 and 3.00 compare by value.
            return BigDecimal.valueOf((Long) v)
                    .add(BigDecimal.valueOf(values.nextInt(3) * 5, 1))
                    .toPlainString();
        }
        return OracleColumn.literal(v);
    }

    /** A value as a literal, or as {@code ?} with the value kept to bind. */
    private String constant(Object value) {
        if (parameters == null) {
            return OracleColumn.literal(value);
        }
        parameters.add(value);
        return "?";
    }

    String likePattern() {
        StringBuilder b = new StringBuilder();
        String s = OracleColumn.randomString(values).replace("%", "").replace("_", "");
        for (int i = 0; i < s.length(); i++) {
            if (values.nextInt(3) == 0) {
                b.append(values.nextBoolean() ? '%' : '_');
            }
            b.appendCodePoint(s.codePointAt(i));
            if (Character.isHighSurrogate(s.charAt(i))) {
                i++;
            }
        }
        if (values.nextBoolean()) {
            b.append('%');
        }
        return constant(b.toString());
    }
}

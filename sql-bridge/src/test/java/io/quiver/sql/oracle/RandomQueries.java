package io.quiver.sql.oracle;

import io.quiver.sql.oracle.OracleColumn.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Random queries over the oracle's tables {@code a} and {@code b}, one shape per kind: filters,
 * key lookups, ORDER BY with NULLS FIRST/LAST and LIMIT/OFFSET, GROUP BY/HAVING with every
 * aggregate, joins, subqueries, window functions and expressions (CAST, overflow-prone
 * arithmetic, string functions on unicode).
 */
final class RandomQueries {
    private static final List<OracleColumn> A = OracleTables.A;
    private static final List<OracleColumn> B = OracleTables.B;
    private final Random random;
    private final RandomPredicates predicates;

    /** See {@link RandomPredicates#RandomPredicates}: shape, constants, and parameters or null. */
    RandomQueries(Random random, Random values, List<Object> parameters) {
        this.random = random;
        this.predicates = new RandomPredicates(random, values, parameters);
    }

    OracleQuery next() {
        return switch (random.nextInt(16)) {
            case 0, 1, 2 -> filter();
            case 3 -> keyLookup();
            case 4, 5 -> ordered();
            case 6, 7 -> grouped();
            case 8 -> global();
            case 9 -> join();
            case 10 -> subquery();
            case 11 -> window();
            default -> expressions();
        };
    }

    private String where(String prefix) {
        return random.nextInt(4) == 0 ? "" : " WHERE " + predicates.condition(prefix, A, 2);
    }

    private OracleColumn column() {
        return A.get(random.nextInt(A.size()));
    }

    private OracleColumn column(Kind... kinds) {
        List<OracleColumn> matching =
                A.stream().filter(c -> List.of(kinds).contains(c.kind())).toList();
        return matching.get(random.nextInt(matching.size()));
    }

    private String columns(int n) {
        StringJoiner j = new StringJoiner(", ");
        for (int i = 0; i < n; i++) {
            j.add(column().name());
        }
        return j.toString();
    }

    private OracleQuery filter() {
        return OracleQuery.unordered("filter", "SELECT id, " + columns(random.nextInt(1, 4)) + " FROM a" + where(""));
    }

    private OracleQuery keyLookup() {
        String condition = predicates.condition("", List.of(A.getFirst()), 0);
        return OracleQuery.unordered("key lookup", "SELECT * FROM a WHERE " + condition);
    }

    private OracleQuery ordered() {
        List<String> out = new ArrayList<>();
        int n = random.nextInt(1, 4);
        for (int i = 0; i < n; i++) {
            out.add(column().name());
        }
        boolean limit = random.nextInt(3) == 0;
        List<Integer> keys = new ArrayList<>();
        StringJoiner order = new StringJoiner(", ", " ORDER BY ", "");
        for (int i = 0; i < n; i++) {
            if (random.nextInt(3) > 0 || i == 0) {
                keys.add(i + 1);
                order.add((i + 1) + direction());
            }
        }
        if (limit) {
            out.add("id");
            keys.add(out.size());
            order.add(out.size() + (random.nextBoolean() ? " DESC" : ""));
        }
        String sql = "SELECT " + String.join(", ", out) + " FROM a" + where("") + order;
        if (limit) {
            sql += " LIMIT " + random.nextInt(0, 20) + (random.nextBoolean() ? " OFFSET " + random.nextInt(0, 30) : "");
        }
        return new OracleQuery(
                sql,
                limit ? "order by + limit" : "order by",
                keys.stream().map(k -> k - 1).toList(),
                limit);
    }

    private String direction() {
        String d = List.of("", " ASC", " DESC").get(random.nextInt(3));
        return d + List.of("", "", " NULLS FIRST", " NULLS LAST").get(random.nextInt(4));
    }

    /** An aggregate of a column fit for it; {@code kind} gets what it exercises. */
    private String aggregate(String prefix) {
        OracleColumn c = column();
        String name = prefix + c.name();
        List<String> options =
                new ArrayList<>(List.of("COUNT(*)", "COUNT(" + name + ")", "COUNT(DISTINCT " + name + ")"));
        if (c.kind() != Kind.BOOLEAN) {
            options.add("MIN(" + name + ")");
            options.add("MAX(" + name + ")");
        }
        if (c.kind().numeric()) {
            options.add("SUM(" + name + ")");
            options.add("AVG(" + name + ")");
            if (c.kind() != Kind.DECIMAL && c.kind() != Kind.BIGINT) {
                options.add("STDDEV_SAMP(" + name + ")");
                options.add("VAR_POP(" + name + ")");
            }
        }
        return options.get(random.nextInt(options.size()));
    }

    private OracleQuery grouped() {
        OracleColumn key = random.nextInt(3) == 0
                ? column(Kind.BOOLEAN, Kind.TINYINT, Kind.VARCHAR, Kind.DATE, Kind.SMALL_INTEGER)
                : A.get(1);
        String keys = key.name() + (random.nextInt(4) == 0 ? ", bo" : "");
        String sql = "SELECT " + keys + ", " + aggregate("") + ", " + aggregate("") + " FROM a" + where("")
                + " GROUP BY " + keys;
        if (random.nextBoolean()) {
            OracleColumn h = column(Kind.SMALL_INTEGER, Kind.DECIMAL, Kind.INTEGER, Kind.VARCHAR, Kind.DATE);
            String agg = List.of("MAX", "MIN", "SUM", "COUNT").get(random.nextInt(4));
            if (!h.kind().numeric() && agg.equals("SUM")) {
                agg = "MAX";
            }
            String value = agg.equals("COUNT") ? Integer.toString(random.nextInt(0, 20)) : predicates.literal(h);
            sql += " HAVING " + agg + "(" + h.name() + ") "
                    + List.of(">", "<", ">=").get(random.nextInt(3)) + " " + value;
        }
        return OracleQuery.unordered("group by", sql);
    }

    private OracleQuery global() {
        return OracleQuery.unordered(
                "aggregate",
                "SELECT " + aggregate("") + ", " + aggregate("") + ", " + aggregate("") + " FROM a" + where(""));
    }

    private OracleQuery join() {
        return switch (random.nextInt(5)) {
            case 0 ->
                OracleQuery.unordered(
                        "join", "SELECT a.id, b.id, a.k, b.k, b.s FROM a JOIN b ON a.id = b.aid" + where("a."));
            case 1 ->
                OracleQuery.unordered(
                        "left join",
                        "SELECT a.id, b.id, b.m, a.s FROM a LEFT JOIN b ON a.id = b.aid AND b.k > "
                                + random.nextInt(-100, 100) + where("a."));
            case 2 ->
                OracleQuery.unordered(
                        "self join",
                        "SELECT x.id, y.id, x." + column().name()
                                + " FROM a x JOIN a y ON x.g = y.g AND x.k < y.k WHERE x.id < 60 AND "
                                + predicates.condition("y.", A, 1));
            case 3 -> OracleQuery.unordered("join on strings", "SELECT a.id, b.id, a.s FROM a JOIN b ON a.s = b.s");
            default ->
                OracleQuery.unordered(
                        "join + group by",
                        "SELECT a.g, COUNT(*), SUM(b.k), MAX(b.m), " + aggregate("a.")
                                + " FROM a JOIN b ON a.id = b.aid" + where("a.") + " GROUP BY a.g");
        };
    }

    private OracleQuery subquery() {
        String bFilter = " WHERE b.k " + List.of("<", ">").get(random.nextInt(2)) + " " + random.nextInt(-100, 100);
        return switch (random.nextInt(6)) {
            case 0 ->
                OracleQuery.unordered(
                        "IN subquery", "SELECT id, s FROM a WHERE id IN (SELECT aid FROM b" + bFilter + ")");
            case 1 ->
                OracleQuery.unordered(
                        "NOT IN subquery", "SELECT id FROM a WHERE k NOT IN (SELECT k FROM b" + bFilter + ")");
            case 2 ->
                OracleQuery.unordered(
                        "EXISTS subquery",
                        "SELECT id FROM a WHERE " + (random.nextBoolean() ? "NOT " : "") + "EXISTS (SELECT 1 FROM b"
                                + bFilter + " AND b.aid = a.id)");
            case 3 ->
                OracleQuery.unordered(
                        "scalar subquery", "SELECT id, (SELECT MAX(b.m) FROM b WHERE b.g = a.g) FROM a" + where("a."));
            case 4 ->
                OracleQuery.unordered(
                        "scalar subquery", "SELECT id, k FROM a WHERE k > (SELECT AVG(k) FROM b" + bFilter + ")");
            default ->
                OracleQuery.unordered(
                        "IN subquery",
                        "SELECT id FROM a WHERE s IN (SELECT s FROM b) OR g IN (SELECT g FROM b WHERE b.m < 0)");
        };
    }

    private OracleQuery window() {
        OracleColumn c = column();
        String w = switch (random.nextInt(7)) {
            case 0 -> "ROW_NUMBER() OVER (PARTITION BY g ORDER BY " + c.name() + ", id)";
            case 1 -> "RANK() OVER (ORDER BY " + c.name() + direction() + ")";
            case 2 -> "DENSE_RANK() OVER (PARTITION BY bo ORDER BY " + c.name() + ")";
            case 3 ->
                "SUM("
                        + column(Kind.SMALL_INTEGER, Kind.INTEGER, Kind.DECIMAL, Kind.TINYINT)
                                .name() + ") OVER (PARTITION BY g)";
            case 4 -> "SUM(k) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)";
            case 5 -> "COUNT(*) OVER (PARTITION BY " + c.name() + ")";
            default -> "LAG(" + c.name() + ") OVER (ORDER BY id)";
        };
        return OracleQuery.unordered("window", "SELECT id, " + w + " FROM a" + where(""));
    }

    private OracleQuery expressions() {
        String kind =
                List.of("arithmetic", "cast", "string function", "timestamp").get(random.nextInt(4));
        List<String> options = switch (kind) {
            case "arithmetic" ->
                List.of(
                        "i + k",
                        "i + 1",
                        "i * 2",
                        "-i",
                        "ABS(i)",
                        "ti + ti",
                        "si * si",
                        "bi + k",
                        "bi * 2",
                        "k - i",
                        "m * k",
                        "m + 1.5",
                        "m / 4",
                        "d * 2",
                        "r + r",
                        "k / 3",
                        "k % 7",
                        "MOD(k, -3)",
                        "i / 7",
                        "k * 1.5",
                        "ti * CAST(2 AS INTEGER)",
                        "d + k",
                        "r * 2");
            case "cast" ->
                List.of(
                        "CAST(m AS INTEGER)",
                        "CAST(d AS INTEGER)",
                        "CAST(r AS INTEGER)",
                        "CAST(d AS BIGINT)",
                        "CAST(k AS DECIMAL(6, 1))",
                        "CAST(m AS DECIMAL(5, 1))",
                        "CAST(r AS DOUBLE)",
                        "CAST(i AS SMALLINT)",
                        "CAST(dt AS VARCHAR)",
                        "CAST(ts AS VARCHAR)",
                        "CAST(m AS VARCHAR)",
                        "CAST(k AS VARCHAR)",
                        "CAST(ts AS DATE)",
                        "CAST(dt AS TIMESTAMP)",
                        "CAST(m AS DOUBLE)",
                        "CAST(bi AS DOUBLE)",
                        "CAST(ti AS INTEGER)",
                        "CAST(k AS REAL)",
                        "CAST(si AS TINYINT)",
                        "CAST(d AS REAL)",
                        "CAST(bi AS INTEGER)");
            case "string function" ->
                List.of(
                        "CHAR_LENGTH(s)",
                        "UPPER(s)",
                        "LOWER(s)",
                        "SUBSTRING(s FROM 2 FOR 2)",
                        "SUBSTRING(s FROM 1 FOR 1)",
                        "SUBSTRING(s FROM 3)",
                        "TRIM(s)",
                        "POSITION('a' IN s)",
                        "POSITION('😀' IN s)",
                        "s || 'x'",
                        "s || CAST(k AS VARCHAR)",
                        "s < $STRING",
                        "s > 'Ｆ'",
                        "s >= '😀'",
                        "OCTET_LENGTH(vb)",
                        "CASE WHEN s LIKE '%😀%' THEN 1 ELSE 0 END",
                        "s LIKE $PATTERN",
                        "CHARACTER_LENGTH(s || '😀')",
                        "LOWER(UPPER(s))",
                        "vb < X'80'",
                        "EXTRACT(YEAR FROM dt)",
                        "EXTRACT(MONTH FROM ts)",
                        "EXTRACT(SECOND FROM ts)",
                        "EXTRACT(DOW FROM dt)",
                        "EXTRACT(DOW FROM ts)");
            // Microseconds, before 1970 too; arithmetic kept off the ends of the years 1 to 9999
            // (past them Quiver raises 22008, as the standard's TIMESTAMP ends there; DuckDB goes on).
            default ->
                List.of(
                        "EXTRACT(MICROSECOND FROM ts)",
                        "EXTRACT(MILLISECOND FROM ts)",
                        "EXTRACT(MINUTE FROM ts)",
                        "EXTRACT(DAY FROM ts)",
                        "EXTRACT(YEAR FROM ts)",
                        "CAST(ts AS DATE)",
                        "CAST(CAST(ts AS VARCHAR) AS TIMESTAMP)",
                        "FLOOR(ts TO SECOND)",
                        "FLOOR(ts TO MINUTE)",
                        "FLOOR(ts TO MONTH)",
                        "CASE WHEN ts < TIMESTAMP '9999-01-01 00:00:00' THEN ts + INTERVAL '0.000001' SECOND END",
                        "CASE WHEN ts > TIMESTAMP '1000-01-01 00:00:00' THEN ts - INTERVAL '1' DAY END",
                        "CASE WHEN ts < TIMESTAMP '9999-01-01 00:00:00' THEN ts + INTERVAL '1' MONTH END",
                        "CASE WHEN ts BETWEEN TIMESTAMP '1960-01-01 00:00:00' AND TIMESTAMP '2080-01-01 00:00:00'"
                                + " THEN TIMESTAMPDIFF(SECOND, TIMESTAMP '2020-01-01 00:00:00', ts) END",
                        "CASE WHEN ts BETWEEN TIMESTAMP '2019-12-31 23:30:00' AND TIMESTAMP '2020-01-01 00:30:00'"
                                + " THEN TIMESTAMPDIFF(MICROSECOND, TIMESTAMP '2020-01-01 00:00:00', ts) END",
                        "ts < TIMESTAMP '2020-01-01 10:00:00.123456'",
                        "ts = TIMESTAMP '2020-01-01 10:00:00.123456'",
                        "MOD(EXTRACT(MICROSECOND FROM ts), 1000)");
        };
        String e1 = constants(options.get(random.nextInt(options.size())));
        String e2 = constants(options.get(random.nextInt(options.size())));
        return OracleQuery.unordered(kind, "SELECT id, " + e1 + ", " + e2 + " FROM a" + where(""));
    }

    /** Fills an expression's constants when it is chosen (a parameter is then bound in order). */
    private String constants(String expression) {
        if (expression.contains("$STRING")) {
            return expression.replace("$STRING", predicates.literal(A.get(13)));
        }
        return expression.contains("$PATTERN") ? expression.replace("$PATTERN", predicates.likePattern()) : expression;
    }
}

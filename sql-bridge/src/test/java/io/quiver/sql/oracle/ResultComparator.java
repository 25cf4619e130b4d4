package io.quiver.sql.oracle;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;

/**
 * Compares Quiver's outcome with DuckDB's. Values compare through a canonical text: exact
 * numbers by value (1.50 = 1.5 = 3/2 as a decimal, 2 = 2.0), a column that either engine types
 * as REAL/DOUBLE to 6 significant digits (REAL arithmetic is single precision in DuckDB),
 * timestamps to the microsecond, bytes as hex. Rows compare as a list when the query's ORDER BY
 * fixes the order, else the ORDER BY keys compare as a list and the rows as a multiset.
 */
final class ResultComparator {
    private static final MathContext APPROXIMATE = new MathContext(6);

    /** Floats this close to DOUBLE's limit count as non-finite (DuckDialect: non-finite floats). */
    private static final BigDecimal DOUBLE_EDGE = new BigDecimal("1e308");

    private ResultComparator() {}

    /** Why the outcomes differ, or null when they agree. */
    static String difference(OracleQuery query, Outcome quiver, Outcome duck) {
        if (quiver.failed() || duck.failed()) {
            return errorDifference(query, quiver, duck);
        }
        if (quiver.approximate().length != duck.approximate().length) {
            return "column counts differ: " + quiver.approximate().length + " vs " + duck.approximate().length;
        }
        boolean[] approximate = new boolean[duck.approximate().length];
        for (int i = 0; i < approximate.length; i++) {
            approximate[i] = quiver.approximate()[i] || duck.approximate()[i];
        }
        List<String> q = canonical(quiver.rows(), approximate);
        List<String> d = canonical(duck.rows(), approximate);
        if (q.size() != d.size()) {
            return "row counts differ: " + q.size() + " vs " + d.size();
        }
        if (query.totalOrder()) {
            return sameRows(q, d, approximate) ? null : "rows differ (in order)";
        }
        if (!query.sortKeys().isEmpty()) {
            List<String> qk = canonical(project(quiver.rows(), query.sortKeys()), pick(approximate, query.sortKeys()));
            List<String> dk = canonical(project(duck.rows(), query.sortKeys()), pick(approximate, query.sortKeys()));
            if (!qk.equals(dk)) {
                return "ORDER BY keys differ in order";
            }
        }
        List<String> qs = new ArrayList<>(q);
        List<String> ds = new ArrayList<>(d);
        qs.sort(null);
        ds.sort(null);
        return sameRows(qs, ds, approximate) ? null : "rows differ (as multisets)";
    }

    /**
     * Whether the rows agree, a float (a column either engine types REAL/DOUBLE) rounded to 6
     * digits allowed to differ by one in its last digit: two doubles a hair apart round apart at a 5 (6116.0849999 and 6116.0850000).
     */
    private static boolean sameRows(List<String> q, List<String> d, boolean[] approximate) {
        if (q.equals(d)) {
            return true;
        }
        for (int i = 0; i < q.size(); i++) {
            String[] a = q.get(i).split(" \\| ", -1);
            String[] b = d.get(i).split(" \\| ", -1);
            if (a.length != b.length) {
                return false;
            }
            for (int c = 0; c < a.length; c++) {
                if (!a[c].equals(b[c]) && !(approximate[c] && adjacentRoundings(a[c], b[c]))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean adjacentRoundings(String a, String b) {
        try {
            BigDecimal x = new BigDecimal(a);
            BigDecimal y = new BigDecimal(b);
            BigDecimal scale = x.abs().max(y.abs());
            return x.subtract(y).abs().compareTo(scale.movePointLeft(5)) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * For two row results: the rows only one engine gave (as multisets), the first few of each;
     * null when the multisets agree (the difference is in the order).
     */
    static String onlyIn(Outcome quiver, Outcome duck, int max) {
        if (quiver.failed() || duck.failed() || quiver.approximate().length != duck.approximate().length) {
            return null;
        }
        boolean[] approximate = new boolean[duck.approximate().length];
        for (int i = 0; i < approximate.length; i++) {
            approximate[i] = quiver.approximate()[i] || duck.approximate()[i];
        }
        List<String> q = new ArrayList<>(canonical(quiver.rows(), approximate));
        List<String> d = new ArrayList<>(canonical(duck.rows(), approximate));
        List<String> onlyQuiver = new ArrayList<>(q);
        d.forEach(onlyQuiver::remove);
        List<String> onlyDuck = new ArrayList<>(d);
        q.forEach(onlyDuck::remove);
        if (onlyQuiver.isEmpty() && onlyDuck.isEmpty()) {
            return null;
        }
        // Sorted, so that rows with the same leading key (usually id) line up in both lists.
        onlyQuiver.sort(null);
        onlyDuck.sort(null);
        return "only in Quiver (" + onlyQuiver.size() + "): "
                + clip(String.join(", ", onlyQuiver.subList(0, Math.min(max, onlyQuiver.size()))), 600)
                + "\n  only in DuckDB (" + onlyDuck.size() + "): "
                + clip(String.join(", ", onlyDuck.subList(0, Math.min(max, onlyDuck.size()))), 600);
    }

    private static String errorDifference(OracleQuery query, Outcome quiver, Outcome duck) {
        if (quiver.failed() && !(quiver.error() instanceof SQLException)) {
            return "Quiver raised " + quiver.error().getClass().getName() + " (not a SQLException)";
        }
        if (!quiver.failed()) {
            return "only DuckDB raised an error";
        }
        if (!duck.failed()) {
            return DuckDialect.overflowDuckDbKeeps(query.sql(), quiver, duck) ? null : "only Quiver raised an error";
        }
        String state = ((SQLException) quiver.error()).getSQLState();
        String expected = DuckDialect.expectedStateClass(duck.error().getMessage());
        if (state == null || state.length() != 5) {
            return "Quiver's error has no SQLSTATE";
        }
        if (expected != null && !state.startsWith(expected)) {
            return "SQLSTATE " + state + ", expected class " + expected;
        }
        return null;
    }

    private static List<List<Object>> project(List<List<Object>> rows, List<Integer> columns) {
        return rows.stream().map(r -> columns.stream().map(r::get).toList()).toList();
    }

    private static boolean[] pick(boolean[] flags, List<Integer> columns) {
        boolean[] out = new boolean[columns.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = flags[columns.get(i)];
        }
        return out;
    }

    private static List<String> canonical(List<List<Object>> rows, boolean[] approximate) {
        List<String> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            StringJoiner j = new StringJoiner(" | ");
            for (int i = 0; i < row.size(); i++) {
                j.add(canonical(row.get(i), approximate[i]));
            }
            out.add(j.toString());
        }
        return out;
    }

    static String canonical(Object value, boolean approximate) {
        return switch (value) {
            case null -> "NULL";
            case Double d when d.isNaN() || d.isInfinite() -> DuckDialect.NON_FINITE;
            case Double d ->
                approximate
                        ? approximate(new BigDecimal(d))
                        : new BigDecimal(d).stripTrailingZeros().toPlainString();
            // An exact value in a column the other engine computes in floating point: compared as
            // the nearest double, the value that engine rounds, so both round alike at 6 digits.
            case BigDecimal d -> approximate ? canonical(d.doubleValue(), true) : d.toPlainString();
            case byte[] b -> "X'" + HexFormat.of().formatHex(b) + "'";
            case String s -> "'" + visible(s) + "'";
            case LocalDate d -> d.toString();
            case LocalDateTime t -> t.toString();
            default -> value.toString();
        };
    }

    /** The string with each unpaired surrogate (half an emoji: a bug) spelled as \\uXXXX. */
    private static String visible(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                    ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                    : !Character.isLowSurrogate(c) || i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
            if (paired) {
                b.append(c);
            } else {
                b.append(String.format("\\u%04X", (int) c));
            }
        }
        return b.toString();
    }

    private static String approximate(BigDecimal d) {
        if (d.abs().compareTo(DOUBLE_EDGE) >= 0) {
            return DuckDialect.NON_FINITE;
        }
        return d.signum() == 0 ? "0" : d.round(APPROXIMATE).stripTrailingZeros().toString();
    }

    /** The first rows of an outcome, for a report. */
    static String show(Outcome o, int max) {
        if (o.failed()) {
            String state = o.error() instanceof SQLException e ? " [" + e.getSQLState() + "]" : "";
            String message =
                    String.valueOf(o.error().getMessage()).lines().findFirst().orElse("");
            return "ERROR " + o.error().getClass().getSimpleName() + state + ": " + clip(message, 300);
        }
        StringJoiner j = new StringJoiner(", ", o.rows().size() + " rows: ", "");
        o.rows().stream()
                .limit(max)
                .forEach(r ->
                        j.add(clip(canonical(List.of(r), new boolean[r.size()]).getFirst(), 200)));
        return j.toString();
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}

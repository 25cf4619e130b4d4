package io.quiver.sql.oracle;

import java.util.List;

/**
 * A generated statement in the shared dialect. {@code kind} names what it exercises (to group
 * mismatches); {@code sortKeys} are the output columns (0-based) its ORDER BY sorts on, in order;
 * {@code totalOrder} says the ORDER BY fixes the order of every row; {@code parameters} fill its
 * {@code ?} in order.
 */
record OracleQuery(String sql, String kind, List<Integer> sortKeys, boolean totalOrder, List<Object> parameters) {
    OracleQuery(String sql, String kind, List<Integer> sortKeys, boolean totalOrder) {
        this(sql, kind, sortKeys, totalOrder, List.of());
    }

    static OracleQuery unordered(String kind, String sql) {
        return new OracleQuery(sql, kind, List.of(), false);
    }

    /** The same query with {@code ?} bound to these values (null: none). */
    OracleQuery withParameters(List<Object> values) {
        if (values == null) {
            return this;
        }
        long marks = sql.chars().filter(c -> c == '?').count();
        if (marks != values.size()) {
            throw new IllegalStateException("generator bug: " + marks + " ? for " + values.size() + " values: " + sql);
        }
        return new OracleQuery(
                sql,
                kind,
                sortKeys,
                totalOrder,
                java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values)));
    }
}

package io.quiver.sql.plan;

import io.quiver.engine.expr.Expr;
import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.schema.Column;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * A pushed filter that names whole primary keys and nothing else ({@code id = ?}, {@code id IN
 * (...)}, {@code a = ? AND b = ?}, ORs of those): such a scan is a point lookup through the key index instead.
 *
 * @param keys one list of operands per key, in key column order
 */
public record KeyLookup(List<List<Operand>> keys) {
    public static KeyLookup of(PushedFilter filter, PushdownTable table) {
        PrimaryKey key = table.key();
        if (key == null) {
            return null;
        }
        List<String> columns = key.columns();
        if (columns.size() == 1
                && filter instanceof PushedFilter.In in
                && in.column().equals(columns.getFirst())) {
            return new KeyLookup(in.values().stream().map(List::of).toList());
        }
        if (filter instanceof PushedFilter.Or or) {
            // id IN (...) reaches here expanded into id = a OR id = b OR ...
            List<List<Operand>> all = new ArrayList<>();
            for (PushedFilter child : or.children()) {
                KeyLookup one = of(child, table);
                if (one == null) {
                    return null;
                }
                all.addAll(one.keys());
            }
            return new KeyLookup(all);
        }
        List<PushedFilter> parts = filter instanceof PushedFilter.And and ? and.children() : List.of(filter);
        Map<String, Operand> equal = new HashMap<>();
        for (PushedFilter part : parts) {
            if (!(part instanceof PushedFilter.Compare c)
                    || c.op() != Expr.Op.EQ
                    || equal.put(c.column(), c.value()) != null) {
                return null;
            }
        }
        if (!equal.keySet().equals(new java.util.HashSet<>(columns))) {
            return null;
        }
        List<Operand> one = new ArrayList<>();
        columns.forEach(c -> one.add(equal.get(c)));
        return new KeyLookup(List.of(one));
    }

    /**
     * The keys' values once the parameters are known, as the key index takes them (a TIMESTAMP in
     * its column's unit); a key with a NULL value matches nothing and is left out.
     */
    public List<Object[]> bind(List<Column> keyColumns, IntFunction<Object> params) {
        List<Object[]> bound = new ArrayList<>();
        java.util.Set<List<Object>> seen = new java.util.HashSet<>();
        next:
        for (List<Operand> key : keys) {
            Object[] values = new Object[key.size()];
            for (int i = 0; i < values.length; i++) {
                Object value = FilterBinder.value(key.get(i), keyColumns.get(i), params);
                if (value == null) {
                    continue next;
                }
                values[i] = EngineValues.keyValue(keyColumns.get(i), value);
            }
            if (seen.add(java.util.Arrays.asList(values))) {
                bound.add(values); // a key named twice (a = ? OR a = ?) is still one row
            }
        }
        return bound;
    }

    @Override
    public String toString() {
        return keys.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}

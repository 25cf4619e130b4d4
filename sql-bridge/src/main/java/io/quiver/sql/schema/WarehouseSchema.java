package io.quiver.sql.schema;

import com.google.common.collect.Multimap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

/**
 * The warehouse folder as a Calcite schema. Tables are looked up afresh for every statement that
 * is planned (tables come and go through DDL and other processes); older versions are reached
 * through {@link TableMacros}. The distance functions of {@link VectorFunctions} live here too.
 */
public final class WarehouseSchema extends AbstractSchema {
    private final OpenTables tables;
    private final Multimap<String, Function> functions = VectorFunctions.lazy();

    public WarehouseSchema(OpenTables tables) {
        this.tables = tables;
    }

    /** The session's tables, for plans that reach a table's format (a DELETE on a plug-in table). */
    public OpenTables openTables() {
        return tables;
    }

    /** The distance functions, made when a statement first names one ({@link VectorFunctions#lazy}). */
    @Override
    protected Multimap<String, Function> getFunctionMultimap() {
        return functions;
    }

    @Override
    public boolean isMutable() {
        return true;
    }

    @Override
    public Lookup<Table> tables() {
        return new Lookup<>() {
            @Override
            public Table get(String name) {
                return resolve(name);
            }

            @Override
            public Named<Table> getIgnoreCase(String name) {
                Table t = resolve(name);
                return t == null ? null : new Named<>(name, t);
            }

            @Override
            public Set<String> getNames(LikePattern pattern) {
                try {
                    Set<String> names = new LinkedHashSet<>();
                    var matcher = pattern.matcher();
                    for (String n : tables.names()) {
                        if (matcher.apply(n)) {
                            names.add(n);
                        }
                    }
                    return names;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private Table resolve(String name) {
        try {
            if (tables.exists(name)) {
                return new QuiverTable(tables, name, -1, tables.latest(name));
            }
            var owner = tables.formats().owner(name);
            return owner == null ? null : owner.table(name);
        } catch (IllegalArgumentException e) {
            return null; // not a valid table name, so no such table
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

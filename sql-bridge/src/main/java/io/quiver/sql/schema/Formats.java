package io.quiver.sql.schema;

import io.quiver.engine.Warehouse;
import io.quiver.sql.spi.FormatTables;
import io.quiver.sql.spi.TableFormat;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The table formats a session knows: QUIVER, built in, and every {@link TableFormat} on the class
 * path. Holds each plug-in format's tables for the session and finds which format a table is in.
 */
public final class Formats implements AutoCloseable {
    public static final String QUIVER = "QUIVER";

    /** Formats Quiver ships as plug-ins, with the module that brings each: named when it is missing. */
    private static final Map<String, String> SHIPPED =
            Map.of("LANCE", "lance-interop (io.quiver:quiver-lance-interop)");

    private static final List<TableFormat> INSTALLED = ServiceLoader.load(TableFormat.class).stream()
            .map(ServiceLoader.Provider::get)
            .toList();

    private final Map<String, FormatTables> open = new LinkedHashMap<>();

    public Formats(Warehouse warehouse, BufferAllocator allocator) throws IOException {
        try {
            for (TableFormat f : INSTALLED) {
                String name = f.name().toUpperCase(Locale.ROOT);
                if (name.equals(QUIVER) || open.containsKey(name)) {
                    throw new IllegalStateException("two table formats are named " + name + " on the class path");
                }
                open.put(name, f.open(warehouse, allocator));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The tables of the format {@code USING name} names; null for QUIVER. */
    public FormatTables named(String format) throws SQLException {
        String name = format.strip().toUpperCase(Locale.ROOT);
        if (name.equals(QUIVER)) {
            return null;
        }
        FormatTables tables = open.get(name);
        if (tables != null) {
            return tables;
        }
        if (SHIPPED.containsKey(name)) {
            throw new SQLFeatureNotSupportedException(
                    "USING " + name + " needs the module " + SHIPPED.get(name)
                            + " on the class path (./quiver sql has it); use USING QUIVER",
                    "0A000");
        }
        List<String> known = new ArrayList<>(List.of(QUIVER));
        known.addAll(open.keySet());
        throw new SQLSyntaxErrorException(
                "unknown table format " + name + " (known: " + String.join(", ", known) + ")", "42601");
    }

    /** Whether {@code name} is a table format: QUIVER, an installed plug-in, or one Quiver ships (maybe missing). */
    public boolean knows(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        return upper.equals(QUIVER) || open.containsKey(upper) || SHIPPED.containsKey(upper);
    }

    /** The plug-in format's tables that hold {@code table}, or null (a Quiver table, or none). */
    public FormatTables owner(String table) throws IOException {
        for (FormatTables tables : open.values()) {
            if (tables.exists(table)) {
                return tables;
            }
        }
        return null;
    }

    /** The name of a plug-in format's tables, as USING spells it. */
    public String nameOf(FormatTables tables) {
        for (Map.Entry<String, FormatTables> e : open.entrySet()) {
            if (e.getValue() == tables) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("not a format of this session: " + tables);
    }

    /** Every plug-in format's tables. */
    public List<String> names() throws IOException {
        List<String> names = new ArrayList<>();
        for (FormatTables tables : open.values()) {
            names.addAll(tables.names());
        }
        return names;
    }

    @Override
    public void close() {
        for (FormatTables tables : open.values()) {
            tables.close();
        }
        open.clear();
    }
}

package io.quiver.sql.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;

/**
 * Time travel: {@code TABLE(table_version('t', 3))} is table t as of version 3, what the front end
 * turns {@code t FOR SYSTEM_VERSION AS OF 3} into. (A table macro, because Calcite looks tables up
 * only among the names a schema lists, and a schema cannot list every version of every table.)
 */
public final class VersionMacro implements TableMacro {
    public static final String NAME = "table_version";

    private final OpenTables tables;

    public VersionMacro(OpenTables tables) {
        this.tables = tables;
    }

    @Override
    public TranslatableTable apply(List<?> arguments) {
        Object first =
                arguments.get(0) instanceof org.apache.calcite.util.NlsString s ? s.getValue() : arguments.get(0);
        if (!(first instanceof String name) || !(arguments.get(1) instanceof Number version)) {
            throw new IllegalArgumentException(
                    NAME + " takes a table name and a version number, as constants, not " + arguments);
        }
        try {
            return new QuiverTable(tables, name, version.longValue(), tables.at(name, version.longValue()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<FunctionParameter> getParameters() {
        // Java types, as Calcite's reflective macros declare them: it converts literals to these.
        return List.of(parameter(0, "name", String.class), parameter(1, "version", Long.class));
    }

    private static FunctionParameter parameter(int ordinal, String name, Class<?> type) {
        return new FunctionParameter() {
            @Override
            public int getOrdinal() {
                return ordinal;
            }

            @Override
            public String getName() {
                return name;
            }

            @Override
            public RelDataType getType(RelDataTypeFactory types) {
                return types.createJavaType(type);
            }

            @Override
            public boolean isOptional() {
                return false;
            }
        };
    }
}

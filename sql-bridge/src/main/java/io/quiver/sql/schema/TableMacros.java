package io.quiver.sql.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.util.NlsString;

/**
 * Tables reached through functions, because Calcite looks tables up only among the names a schema
 * lists, and a schema cannot list every version of every table: {@code TABLE(table_version('t',
 * 3))} is table t as of version 3, what the front end turns {@code t FOR SYSTEM_VERSION AS OF 3}
 * into.
 */
public final class TableMacros {
    public static final String VERSION = "table_version";

    private TableMacros() {}

    public static TableMacro version(OpenTables tables) {
        return new Macro(VERSION, List.of(String.class, Long.class), args -> {
            long version = ((Number) args.get(1)).longValue();
            String name = (String) args.get(0);
            return new QuiverTable(tables, name, version, tables.at(name, version));
        });
    }

    private interface Body {
        TranslatableTable apply(List<Object> args) throws IOException;
    }

    /** A macro of constant arguments of the given Java types. */
    private record Macro(String name, List<Class<?>> types, Body body) implements TableMacro {
        @Override
        public TranslatableTable apply(List<?> arguments) {
            List<Object> args = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                Object a = arguments.get(i) instanceof NlsString s ? s.getValue() : arguments.get(i);
                if (!types.get(i).isInstance(a)
                        && !(a instanceof Number && Number.class.isAssignableFrom(types.get(i)))) {
                    throw new IllegalArgumentException(
                            name + " takes constant arguments of types " + types + ", not " + arguments);
                }
                args.add(a);
            }
            try {
                return body.apply(args);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public List<FunctionParameter> getParameters() {
            List<FunctionParameter> parameters = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                parameters.add(parameter(i, types.get(i)));
            }
            return parameters;
        }
    }

    /** Declared with Java types, as Calcite's reflective macros are: it then converts literals to them. */
    private static FunctionParameter parameter(int ordinal, Class<?> type) {
        return new FunctionParameter() {
            @Override
            public int getOrdinal() {
                return ordinal;
            }

            @Override
            public String getName() {
                return "arg" + ordinal;
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

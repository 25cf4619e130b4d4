package io.quiver.sql.plan;

import java.util.Arrays;

/** A value in a pushed-down plan: known when planned, or a statement parameter read at execution. */
public sealed interface Operand {
    /** A constant, already in the form the engine takes for its column. */
    record Literal(Object value) implements Operand {
        @Override
        public String toString() {
            return value instanceof byte[] b
                    ? "X'" + java.util.HexFormat.of().formatHex(b) + "'"
                    : value instanceof float[] f
                            ? Arrays.toString(f)
                            : value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        }
    }

    /** The statement's parameter number {@code index} (0-based: the first {@code ?} is 0). */
    record Param(int index) implements Operand {
        @Override
        public String toString() {
            return "?" + index;
        }
    }
}

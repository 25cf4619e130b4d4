package io.quiver.engine.schema;

import java.util.Objects;

/** One column of a table: a stable field id, a name, a type and whether it holds nulls. */
public record Column(int fieldId, String name, ColumnType type, boolean nullable) {
    public Column {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
    }
}

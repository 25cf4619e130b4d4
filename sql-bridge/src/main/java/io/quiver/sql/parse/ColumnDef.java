package io.quiver.sql.parse;

import java.util.List;

/** A column as declared in CREATE TABLE or ALTER TABLE ... ADD COLUMN, before its type is resolved. */
public record ColumnDef(String name, String typeName, List<Integer> typeArgs, boolean notNull, boolean primaryKey) {
    public ColumnDef {
        typeArgs = List.copyOf(typeArgs);
    }
}

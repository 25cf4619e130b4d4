package io.quiver.sql.plan;

import io.quiver.sql.schema.QuiverTable;
import java.util.List;
import org.apache.calcite.rel.core.TableModify;

/**
 * What an UPDATE or DELETE of a Quiver table does with the rows it reads, worked out when it is
 * planned. Each input row holds the table's columns, then the row's address (field {@code
 * addressField}), then, for UPDATE, the new values: field {@code setFields.get(i)} is the new
 * value of column {@code setColumns.get(i)} (a position in the table's schema).
 */
public record ModifySpec(
        QuiverTable table,
        TableModify.Operation operation,
        List<Integer> setColumns,
        List<Integer> setFields,
        int addressField) {
    public ModifySpec {
        setColumns = List.copyOf(setColumns);
        setFields = List.copyOf(setFields);
    }

    /** The field of each table column's new value: its SET value, or the value read. */
    public int[] newValueFields() {
        int[] fields = new int[table.schema().columns().size()];
        for (int c = 0; c < fields.length; c++) {
            fields[c] = c;
        }
        for (int i = 0; i < setColumns.size(); i++) {
            fields[setColumns.get(i)] = setFields.get(i);
        }
        return fields;
    }
}

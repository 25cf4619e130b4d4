package io.quiver.lance;

import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.sql.schema.SqlTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.lance.Dataset;
import org.lance.index.IndexDescription;
import org.lance.schema.LanceField;

/** DESCRIBE of a Lance table: its columns, its indexes, and the table (format, version, rows, where). */
final class LanceDescription {
    private LanceDescription() {}

    static List<Object[]> rows(String name, Dataset ds, TableSchema schema, boolean mounted) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        List<String> key = ds.getLanceSchema().getUnenforcedPrimaryKey().stream()
                .map(LanceField::getName)
                .toList();
        for (Column c : schema.columns()) {
            rows.add(new Object[] {
                c.name(),
                "column",
                SqlTypes.ddlName(c.type()),
                c.nullable(),
                key.contains(c.name()) ? "PRIMARY KEY (not enforced: Lance records it only)" : ""
            });
        }
        List<IndexDescription> indexes = LanceTables.lance(name, "describe the indexes of", ds::describeIndices);
        for (IndexDescription index : indexes) {
            List<String> columns = new ArrayList<>();
            for (int fieldId : index.getFieldIds()) {
                columns.add(fieldName(ds, fieldId));
            }
            rows.add(new Object[] {
                index.getName(),
                "index",
                index.getIndexType(),
                false,
                "on " + String.join(", ", columns) + ", " + index.getRowsIndexed() + " rows indexed"
            });
        }
        long version = LanceTables.lance(name, "read the version of", ds::version);
        long count = LanceTables.lance(name, "count", ds::countRows);
        rows.add(new Object[] {
            name,
            "table",
            LanceFormat.NAME,
            false,
            "version " + version + ", " + count + " rows, " + (mounted ? "external dataset " : "dataset ") + ds.uri()
                    + ", file format " + ds.getLanceFileFormatVersion()
        });
        return rows;
    }

    /** The name of the field with Lance's field id (top-level fields are numbered in order from 0). */
    private static String fieldName(Dataset ds, int fieldId) {
        for (var f : ds.getLanceSchema().fields()) {
            if (f.getId() == fieldId) {
                return f.getName();
            }
        }
        return "field " + fieldId;
    }
}

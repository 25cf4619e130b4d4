package io.quiver.lance;

import io.quiver.engine.schema.ColumnType;
import io.quiver.engine.schema.TableSchema;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Quiver's column types on Lance's Arrow schemas. The types are Arrow's on both sides
 * (VECTOR(n) is FixedSizeList&lt;float32, n&gt;, a BLOB binary marked {@code quiver.type=blob}), so
 * a schema passes unchanged but for the primary key, which Lance records, unenforced, as field
 * metadata, and VARCHAR(n) lengths, which Lance has no place for: its text columns are VARCHAR.
 */
final class LanceSchemas {
    /** Lance's field metadata for a primary-key column (Lance does not enforce it). */
    static final String PRIMARY_KEY = "lance-schema:unenforced-primary-key";

    private LanceSchemas() {}

    /** The schema to create a dataset with: key fields carry Lance's primary-key metadata. */
    static Schema forLance(Schema schema, List<String> primaryKey) throws SQLFeatureNotSupportedException {
        List<Field> fields = new ArrayList<>();
        for (Field f : schema.getFields()) {
            // Lance reads a dot as a path into a struct, and cannot find a field named with a backtick.
            if (f.getName().contains(".") || f.getName().contains("`")) {
                throw new SQLFeatureNotSupportedException(
                        "a LANCE table cannot have a column named " + f.getName()
                                + ": Lance column names hold no . or `",
                        "0A000");
            }
            Map<String, String> metadata = withoutMaxLength(f);
            if (primaryKey.contains(f.getName())) {
                metadata.put(PRIMARY_KEY, "true");
            }
            fields.add(new Field(
                    f.getName(),
                    new FieldType(f.isNullable(), f.getType(), null, metadata.isEmpty() ? null : metadata),
                    f.getChildren()));
        }
        return new Schema(fields);
    }

    /**
     * A dataset's schema as SQL columns; a column of a type Quiver has no SQL type for (unsigned
     * or large strings, structs, lists other than float vectors) is a clear error naming it.
     */
    static TableSchema toTable(String table, Schema lance) throws SQLFeatureNotSupportedException {
        for (Field f : lance.getFields()) {
            try {
                ColumnType.fromArrow(f);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                throw new SQLFeatureNotSupportedException(
                        "column " + f.getName() + " of Lance table " + table + " has the Arrow type " + f.getType()
                                + ", which Quiver's SQL cannot read (" + e.getMessage() + ")",
                        "0A000",
                        e);
            }
        }
        List<Field> fields = new ArrayList<>();
        for (Field f : lance.getFields()) {
            Map<String, String> metadata = withoutMaxLength(f);
            fields.add(new Field(
                    f.getName(),
                    new FieldType(f.isNullable(), f.getType(), null, metadata.isEmpty() ? null : metadata),
                    f.getChildren()));
        }
        return TableSchema.fromArrow(new Schema(fields));
    }

    /**
     * A field's metadata without a VARCHAR(n) length: Lance would keep it, unenforced, and nothing
     * would check the values written by Lance itself, so a Lance text column is plain VARCHAR.
     */
    private static Map<String, String> withoutMaxLength(Field f) {
        Map<String, String> metadata = new HashMap<>(f.getMetadata() == null ? Map.of() : f.getMetadata());
        metadata.remove(ColumnType.ARROW_MAX_LENGTH_KEY);
        return metadata;
    }
}

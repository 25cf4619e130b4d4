package io.quiver.engine.schema;

import io.quiver.format.proto.Field;
import io.quiver.format.proto.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A table's columns in order, each with the field id its data files know it by. */
public record TableSchema(List<Column> columns) {
    /** Longest column name accepted; names are also checked to be printable. */
    public static final int MAX_NAME_LENGTH = 256;

    public TableSchema {
        columns = List.copyOf(columns);
        Set<String> names = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        for (Column c : columns) {
            checkName(c.name());
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("duplicate column name " + c.name());
            }
            if (!ids.add(c.fieldId())) {
                throw new IllegalArgumentException("duplicate field id " + c.fieldId());
            }
        }
    }

    static void checkName(String name) {
        boolean valid = !name.isEmpty() && name.length() <= MAX_NAME_LENGTH;
        for (int i = 0; valid && i < name.length(); i++) { // a loop: every projection checks its names
            valid = !Character.isISOControl(name.charAt(i));
        }
        if (!valid) {
            throw new IllegalArgumentException("invalid column name '" + name + "'");
        }
    }

    /** Assigns field ids 0..n-1 to the fields of an Arrow schema. */
    public static TableSchema fromArrow(org.apache.arrow.vector.types.pojo.Schema arrow) {
        return appendArrow(new TableSchema(List.of()), arrow.getFields(), 0);
    }

    /** This schema plus new Arrow fields, numbered from {@code firstFieldId}. */
    public static TableSchema appendArrow(
            TableSchema base, List<org.apache.arrow.vector.types.pojo.Field> fields, int firstFieldId) {
        List<Column> out = new ArrayList<>(base.columns);
        int id = firstFieldId;
        for (org.apache.arrow.vector.types.pojo.Field f : fields) {
            out.add(new Column(id++, f.getName(), ColumnType.fromArrow(f), f.isNullable()));
        }
        return new TableSchema(out);
    }

    public org.apache.arrow.vector.types.pojo.Schema toArrow() {
        return new org.apache.arrow.vector.types.pojo.Schema(columns.stream()
                .map(c -> c.type().toArrow(c.name(), c.nullable()))
                .toList());
    }

    public Optional<Column> find(String name) {
        for (Column c : columns) { // a loop, not a stream: every scan and nearest query looks its columns up
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public Column column(String name) {
        return find(name)
                .orElseThrow(() ->
                        new IllegalArgumentException("no column named '" + name + "' (columns: " + names() + ")"));
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /** The columns named, in the order given; all columns when {@code names} is null. */
    public TableSchema project(List<String> names) {
        if (names == null) {
            return this;
        }
        List<Column> projected = new ArrayList<>(names.size()); // a loop: every scan projects
        for (String name : names) {
            projected.add(column(name));
        }
        return new TableSchema(projected);
    }

    public boolean hasBlobs() {
        return columns.stream().anyMatch(c -> c.type().isBlob());
    }

    public int maxFieldId() {
        return columns.stream().mapToInt(Column::fieldId).max().orElse(-1);
    }

    public Schema toProto() {
        Schema.Builder b = Schema.newBuilder();
        for (Column c : columns) {
            b.addFields(Field.newBuilder()
                    .setId(c.fieldId())
                    .setName(c.name())
                    .setType(c.type().toProto())
                    .setNullable(c.nullable()));
        }
        return b.build();
    }

    /** Decodes a schema read from disk; the caller turns the IllegalArgumentException into corruption. */
    public static TableSchema fromProto(Schema proto) {
        List<Column> out = new ArrayList<>();
        for (Field f : proto.getFieldsList()) {
            ColumnType type = ColumnType.fromProto(f.getType());
            if (type == null) {
                throw new IllegalArgumentException("column " + f.getName() + " has an unknown type " + f.getType());
            }
            out.add(new Column(f.getId(), f.getName(), type, f.getNullable()));
        }
        return new TableSchema(out);
    }

    /**
     * Checks that an Arrow batch has exactly this schema's names and types (nullability may be
     * looser, and a text column's maximum length is the table's to check value by value).
     */
    public void checkCompatible(org.apache.arrow.vector.types.pojo.Schema arrow) {
        List<org.apache.arrow.vector.types.pojo.Field> fields = arrow.getFields();
        if (fields.size() != columns.size()) {
            throw new IllegalArgumentException(
                    "batch has columns " + fieldNames(fields) + " but the table has " + names());
        }
        for (int i = 0; i < fields.size(); i++) {
            Column c = columns.get(i);
            org.apache.arrow.vector.types.pojo.Field f = fields.get(i);
            if (!c.name().equals(f.getName())) {
                throw new IllegalArgumentException(
                        "batch has columns " + fieldNames(fields) + " but the table has " + names());
            }
            ColumnType t = ColumnType.fromArrow(f);
            // A BLOB column is written from plain binary values: the blob bytes to store.
            boolean blobBytes = c.type().isBlob() && t.id() == io.quiver.format.proto.TypeId.BINARY;
            // Any text fits a VARCHAR(n) column's type; the writer checks each value's length.
            if (!t.storageType().equals(c.type().storageType()) && !blobBytes) {
                throw new IllegalArgumentException(
                        "column " + c.name() + " is " + c.type() + " but the batch holds " + t);
            }
        }
    }

    private static List<String> fieldNames(List<org.apache.arrow.vector.types.pojo.Field> fields) {
        return fields.stream()
                .map(org.apache.arrow.vector.types.pojo.Field::getName)
                .toList();
    }
}

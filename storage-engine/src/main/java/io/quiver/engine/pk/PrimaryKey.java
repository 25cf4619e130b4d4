package io.quiver.engine.pk;

import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.format.proto.Manifest;
import io.quiver.format.proto.TypeId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table's primary key: its columns, in order, and the number of hash buckets of its index
 * files. Stored in the manifest's properties (SPEC.md section 14.1).
 */
public record PrimaryKey(List<String> columns, int buckets) {
    public static final String COLUMNS_PROPERTY = "quiver.primary_key";
    public static final String BUCKETS_PROPERTY = "quiver.primary_key.buckets";
    public static final int DEFAULT_BUCKETS = 64;

    /** Types a key column may have: exact values with a total order (no floats, no vectors, no blobs). */
    static final Set<TypeId> KEY_TYPES = EnumSet.of(
            TypeId.BOOL,
            TypeId.INT8,
            TypeId.INT16,
            TypeId.INT32,
            TypeId.INT64,
            TypeId.DATE32,
            TypeId.TIMESTAMP,
            TypeId.UTF8,
            TypeId.BINARY);

    public PrimaryKey {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a primary key needs at least one column");
        }
        if (columns.stream().distinct().count() != columns.size()) {
            throw new IllegalArgumentException("primary key columns repeat: " + columns);
        }
        if (buckets < 1 || buckets > io.quiver.pk.PkIndexWriter.MAX_BUCKETS || Integer.bitCount(buckets) != 1) {
            throw new IllegalArgumentException("primary key buckets must be a power of two in [1, "
                    + io.quiver.pk.PkIndexWriter.MAX_BUCKETS + "], got " + buckets);
        }
    }

    public static PrimaryKey of(String... columns) {
        return new PrimaryKey(List.of(columns), DEFAULT_BUCKETS);
    }

    public PrimaryKey withBuckets(int buckets) {
        return new PrimaryKey(columns, buckets);
    }

    /** The key of a version, or null when the table has none; IllegalArgumentException when the properties are bad. */
    public static PrimaryKey of(Manifest manifest) {
        String cols = manifest.getPropertiesMap().get(COLUMNS_PROPERTY);
        if (cols == null) {
            return null;
        }
        String buckets = manifest.getPropertiesMap().getOrDefault(BUCKETS_PROPERTY, "" + DEFAULT_BUCKETS);
        try {
            return new PrimaryKey(List.of(cols.split(",", -1)), Integer.parseInt(buckets));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad primary key bucket count '" + buckets + "'");
        }
    }

    public Map<String, String> properties() {
        return Map.of(COLUMNS_PROPERTY, String.join(",", columns), BUCKETS_PROPERTY, Integer.toString(buckets));
    }

    /** Checks that the key fits the schema: its columns exist, are NOT NULL and of a key type. */
    public void check(TableSchema schema) {
        for (String name : columns) {
            Column c = schema.column(name);
            if (c.nullable()) {
                throw new IllegalArgumentException("primary key column " + name + " must be NOT NULL");
            }
            if (!KEY_TYPES.contains(c.type().id())) {
                throw new IllegalArgumentException(
                        "primary key column " + name + " has type " + c.type() + "; keys may be " + KEY_TYPES);
            }
        }
    }

    /** The key columns' positions in the schema, in key order. */
    public int[] positions(TableSchema schema) {
        return columns.stream().mapToInt(schema.names()::indexOf).toArray();
    }
}

package io.quiver.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.engine.Dataset;
import io.quiver.engine.DatasetOptions;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.pk.PrimaryKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A table whose rows are determined by their id: {@code (id BIGINT NOT NULL, grp INT, name VARCHAR,
 * photo BLOB)} with {@code grp = id mod 7}, {@code name = "name-" + id} (null when id is a
 * multiple of 5) and {@link #photo} bytes derived from the id (stored in blob packs for every
 * third id, so that every commit under test also writes, keeps or moves packs). A model of such
 * a table is just its multiset of ids, and reading it back checks every value.
 */
public final class IdRows {
    public static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("grp", FieldType.nullable(new ArrowType.Int(32, true)), null),
            new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            RandomRows.blob("photo")));

    private IdRows() {}

    public static int grp(long id) {
        return (int) Math.floorMod(id, 7L);
    }

    public static String name(long id) {
        return id % 5 == 0 ? null : "name-" + id;
    }

    /** Null for multiples of 11; past the 4 KiB inline threshold for multiples of 3; a few bytes otherwise. */
    public static byte[] photo(long id) {
        if (id % 11 == 0) {
            return null;
        }
        byte[] bytes = new byte[id % 3 == 0 ? 5_000 + (int) Math.floorMod(id, 97L) : (int) Math.floorMod(id, 40L)];
        new java.util.Random(id).nextBytes(bytes);
        return bytes;
    }

    public static Dataset create(Path path, BufferAllocator allocator) throws IOException {
        return create(path, allocator, null);
    }

    /** A table with {@code key} as its primary key (null: none). */
    public static Dataset create(Path path, BufferAllocator allocator, PrimaryKey key) throws IOException {
        return Dataset.create(path, SCHEMA, key, DatasetOptions.DEFAULT.withAllocator(allocator));
    }

    public static Dataset open(Path path, BufferAllocator allocator) throws IOException {
        return Dataset.open(path, DatasetOptions.DEFAULT.withAllocator(allocator));
    }

    /**
     * A table of three fragments (ids 0-9, 10-19, 20-29) with rows 6-8 deleted, at version 5:
     * something for every kind of commit to work on. The caller closes the handle.
     */
    public static Dataset createThreeFragments(Path path, BufferAllocator allocator) throws IOException {
        return createThreeFragments(path, allocator, null);
    }

    /** {@link #createThreeFragments(Path, BufferAllocator)} with a primary key (null: none). */
    public static Dataset createThreeFragments(Path path, BufferAllocator allocator, PrimaryKey key)
            throws IOException {
        Dataset ds = create(path, allocator, key);
        try {
            append(ds, range(0, 10));
            append(ds, range(10, 20));
            append(ds, range(20, 30));
            ds.delete(Filters.and(Filters.ge("id", 6L), Filters.lt("id", 9L)));
            return ds;
        } catch (IOException | RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /** A batch of these ids; the caller closes it. */
    public static VectorSchemaRoot batch(BufferAllocator allocator, long... ids) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        try {
            root.allocateNew();
            BigIntVector id = (BigIntVector) root.getVector("id");
            IntVector grp = (IntVector) root.getVector("grp");
            VarCharVector name = (VarCharVector) root.getVector("name");
            VarBinaryVector photo = (VarBinaryVector) root.getVector("photo");
            for (int i = 0; i < ids.length; i++) {
                id.setSafe(i, ids[i]);
                grp.setSafe(i, grp(ids[i]));
                String n = name(ids[i]);
                if (n == null) {
                    name.setNull(i);
                } else {
                    name.setSafe(i, n.getBytes(StandardCharsets.UTF_8));
                }
                byte[] p = photo(ids[i]);
                if (p == null) {
                    photo.setNull(i);
                } else {
                    photo.setSafe(i, p);
                }
            }
            root.setRowCount(ids.length);
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** Appends rows with these ids; returns the new version. */
    public static long append(Dataset dataset, long... ids) throws IOException {
        try (VectorSchemaRoot batch = batch(dataset.allocator(), ids)) {
            return dataset.append(batch);
        }
    }

    /** The ids of every row, sorted, after checking each row's other values against its id. */
    public static List<Long> ids(Dataset dataset) throws IOException {
        List<Long> ids = new ArrayList<>();
        for (Map<String, Object> row : TableRows.rows(dataset)) {
            long id = (Long) row.get("id");
            assertEquals(grp(id), row.get("grp"), "grp of row " + id);
            assertEquals(name(id), row.get("name"), "name of row " + id);
            byte[] p = photo(id);
            assertEquals(p == null ? null : HexFormat.of().formatHex(p), row.get("photo"), "photo of row " + id);
            ids.add(id);
        }
        assertEquals(ids.size(), dataset.count(), "count() of " + dataset);
        return ids;
    }

    public static long[] range(long from, long to) {
        return java.util.stream.LongStream.range(from, to).toArray();
    }
}

package io.quiver.sql;

import io.quiver.engine.Dataset;
import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.schema.ColumnType;
import io.quiver.sql.parse.QuiverStatement.OnConflict;
import java.io.IOException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * {@code INSERT ... ON CONFLICT}: rows whose key the table holds are skipped (DO NOTHING) or
 * merged with the stored row (DO UPDATE SET c = EXCLUDED.c: the listed columns from the new row,
 * the others kept), then everything is written in one commit.
 */
final class Conflicts {
    private Conflicts() {}

    /** Returns how many rows were inserted or updated. */
    static long apply(Dataset ds, PrimaryKey key, VectorSchemaRoot rows, OnConflict action)
            throws IOException, SQLSyntaxErrorException {
        List<String> names = ds.tableSchema().names();
        if (!action.doNothing()) {
            for (Map.Entry<String, String> set : action.set().entrySet()) {
                if (!names.contains(set.getKey()) || !names.contains(set.getValue())) {
                    throw new SQLSyntaxErrorException(
                            "ON CONFLICT ... SET " + set.getKey() + " = EXCLUDED." + set.getValue()
                                    + ": no such column",
                            "42703");
                }
                if (!set.getKey().equals(set.getValue())) {
                    throw new SQLSyntaxErrorException(
                            "ON CONFLICT ... SET " + set.getKey() + " = EXCLUDED." + set.getValue()
                                    + ": a column can only take its own new value, EXCLUDED." + set.getKey(),
                            "0A000");
                }
                if (key.columns().contains(set.getKey())) {
                    throw new SQLSyntaxErrorException(
                            "ON CONFLICT cannot update the key column " + set.getKey(), "42P10");
                }
            }
        }
        List<Object[]> keys = keysOf(rows, key);
        Map<List<Object>, Integer> stored = new HashMap<>();
        try (VectorSchemaRoot existing = ds.getAll(keys, names.toArray(String[]::new))) {
            List<Object[]> found = keysOf(existing, key);
            for (int i = 0; i < found.size(); i++) {
                stored.put(List.of(found.get(i)), i);
            }
            if (action.doNothing()) {
                return insertNew(ds, rows, keys, stored);
            }
            for (int row = 0; row < keys.size(); row++) {
                Integer at = stored.get(List.of(keys.get(row)));
                if (at != null) {
                    keepStoredValues(ds, existing, at, rows, row, action.set());
                }
            }
        }
        ds.upsert(rows);
        return rows.getRowCount();
    }

    private static long insertNew(
            Dataset ds, VectorSchemaRoot rows, List<Object[]> keys, Map<List<Object>, Integer> stored)
            throws IOException {
        try (VectorSchemaRoot fresh = VectorSchemaRoot.create(rows.getSchema(), ds.allocator())) {
            fresh.allocateNew();
            int n = 0;
            for (int row = 0; row < keys.size(); row++) {
                if (!stored.containsKey(List.of(keys.get(row)))) {
                    for (int c = 0; c < rows.getFieldVectors().size(); c++) {
                        fresh.getVector(c).copyFromSafe(row, n, rows.getVector(c));
                    }
                    n++;
                }
            }
            fresh.setRowCount(n);
            if (n > 0) {
                ds.insert(fresh);
            }
            return n;
        }
    }

    /** Copies the stored row's values into the new row for every column the SET list does not name. */
    private static void keepStoredValues(
            Dataset ds, VectorSchemaRoot stored, int from, VectorSchemaRoot rows, int to, Map<String, String> set)
            throws IOException {
        for (FieldVector target : rows.getFieldVectors()) {
            String name = target.getName();
            if (set.containsKey(name)) {
                continue;
            }
            FieldVector old = stored.getVector(name);
            if (ColumnType.isBlobField(old.getField()) && !old.isNull(from)) {
                // Stored BLOB values are descriptors; the write needs the bytes.
                ((VarBinaryVector) target).setSafe(to, ds.blob(old, from).readAllBytes());
            } else {
                target.copyFromSafe(from, to, old);
            }
        }
    }

    private static List<Object[]> keysOf(VectorSchemaRoot rows, PrimaryKey key) {
        List<Object[]> keys = new ArrayList<>();
        List<FieldVector> vectors = key.columns().stream().map(rows::getVector).toList();
        for (int row = 0; row < rows.getRowCount(); row++) {
            Object[] k = new Object[vectors.size()];
            for (int c = 0; c < k.length; c++) {
                Object v = vectors.get(c).getObject(row);
                k[c] = v instanceof org.apache.arrow.vector.util.Text t ? t.toString() : v;
            }
            keys.add(k);
        }
        return keys;
    }
}

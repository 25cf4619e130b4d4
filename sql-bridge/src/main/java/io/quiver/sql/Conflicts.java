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
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * {@code INSERT ... ON CONFLICT}: rows whose key the table holds are skipped (DO NOTHING) or
 * merged with the stored row (DO UPDATE SET c = EXCLUDED.c: the listed columns from the new row,
 * the others kept), then everything is written in one commit, guarded by the rows read: if
 * another writer inserted, changed or deleted one of those keys since, nothing is committed and
 * the statement runs again ({@link Reruns}).
 */
final class Conflicts {
    /** The column of the stored rows' addresses (io.quiver.engine.scan.ScanSpec#ROW_ADDRESS). */
    private static final String ROW_ADDRESS = io.quiver.sql.plan.ScanPlan.ROW_ADDRESS_COLUMN;

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
        try (VectorSchemaRoot existing = ds.getAllWithAddresses(keys, names.toArray(String[]::new))) {
            List<Object[]> found = keysOf(existing, key);
            for (int i = 0; i < found.size(); i++) {
                stored.put(List.of(found.get(i)), i);
            }
            BigIntVector addresses = (BigIntVector) existing.getVector(ROW_ADDRESS);
            if (action.doNothing()) {
                return insertNew(ds, rows, keys, stored);
            }
            long[] read = new long[keys.size()];
            for (int row = 0; row < read.length; row++) {
                Integer at = stored.get(List.of(keys.get(row)));
                read[row] = at == null ? -1 : addresses.get(at);
            }
            try (VectorSchemaRoot merged = merge(ds, rows, keys, existing, stored, action.set())) {
                ds.upsert(merged, read);
            }
        }
        return rows.getRowCount();
    }

    /**
     * The new rows, each with the stored row's values in the columns the SET list does not name
     * when its key is stored. Written row after row into fresh vectors: a variable-width Arrow
     * vector cannot have a value in the middle replaced (the values after it would shift).
     */
    private static VectorSchemaRoot merge(
            Dataset ds,
            VectorSchemaRoot rows,
            List<Object[]> keys,
            VectorSchemaRoot existing,
            Map<List<Object>, Integer> stored,
            Map<String, String> set)
            throws IOException {
        VectorSchemaRoot merged = VectorSchemaRoot.create(rows.getSchema(), ds.allocator());
        try {
            merged.allocateNew();
            for (int row = 0; row < keys.size(); row++) {
                Integer at = stored.get(List.of(keys.get(row)));
                for (FieldVector target : merged.getFieldVectors()) {
                    String name = target.getName();
                    FieldVector old = existing.getVector(name);
                    if (at == null || set.containsKey(name)) {
                        target.copyFromSafe(row, row, rows.getVector(name));
                    } else if (ColumnType.isBlobField(old.getField()) && !old.isNull(at)) {
                        // Stored BLOB values are descriptors; the write needs the bytes.
                        ((VarBinaryVector) target).setSafe(row, ds.blob(old, at).readAllBytes());
                    } else {
                        target.copyFromSafe(at, row, old);
                    }
                }
            }
            merged.setRowCount(keys.size());
            return merged;
        } catch (IOException | RuntimeException e) {
            merged.close();
            throw e;
        }
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
                // Guarded by the keys being absent, as read: one inserted since is skipped on the rerun.
                long[] absent = new long[n];
                java.util.Arrays.fill(absent, -1);
                ds.upsert(fresh, absent);
            }
            return n;
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

package io.quiver.engine.pk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quiver.engine.CompactionOptions;
import io.quiver.engine.Dataset;
import io.quiver.engine.DatasetOptions;
import io.quiver.engine.DuplicateKeyException;
import io.quiver.engine.RowValues;
import io.quiver.engine.WriteOptions;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.testing.TestRandom;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random sequences of inserts, upserts, updates, deletes and compactions on a table with a
 * primary key (one column or two), compared with a map from key to row after every step: scan,
 * get, getAll and verify().
 */
@ExtendWith(TestRandom.class)
class PrimaryKeyModelTest {
    @TempDir
    Path dir;

    /** (tenant VARCHAR NOT NULL, id INT NOT NULL, label VARCHAR, score INT). */
    private static final Schema SCHEMA = new Schema(List.of(
            new Field("tenant", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
            new Field("id", FieldType.notNullable(new ArrowType.Int(32, true)), null),
            new Field("label", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field("score", FieldType.nullable(new ArrowType.Int(32, true)), null)));

    /** A row of the model: its column values in schema order. */
    private record Row(String tenant, int id, String label, Integer score) {
        List<Object> key(boolean twoColumns) {
            return twoColumns ? List.of(tenant, id) : List.of(id);
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tenant", tenant);
            m.put("id", id);
            m.put("label", label);
            m.put("score", score);
            return m;
        }
    }

    private static final String[] TENANTS = {"a", "b", "c"};

    private static Row randomRow(Random random, boolean twoColumns, int idRange) {
        String tenant = twoColumns ? TENANTS[random.nextInt(TENANTS.length)] : "t";
        return new Row(
                tenant,
                random.nextInt(idRange),
                random.nextInt(5) == 0 ? null : "label-" + random.nextInt(1000),
                random.nextInt(5) == 0 ? null : random.nextInt(100));
    }

    private static VectorSchemaRoot batch(BufferAllocator allocator, List<Row> rows) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            ((VarCharVector) root.getVector("tenant")).setSafe(i, r.tenant().getBytes(StandardCharsets.UTF_8));
            ((IntVector) root.getVector("id")).setSafe(i, r.id());
            if (r.label() == null) {
                ((VarCharVector) root.getVector("label")).setNull(i);
            } else {
                ((VarCharVector) root.getVector("label")).setSafe(i, r.label().getBytes(StandardCharsets.UTF_8));
            }
            if (r.score() == null) {
                ((IntVector) root.getVector("score")).setNull(i);
            } else {
                ((IntVector) root.getVector("score")).setSafe(i, r.score());
            }
        }
        root.setRowCount(rows.size());
        return root;
    }

    @ParameterizedTest(name = "two key columns: {0}")
    @ValueSource(booleans = {false, true})
    void randomWritesFollowTheModel(boolean twoColumns, Random random) throws IOException {
        PrimaryKey key =
                (twoColumns ? PrimaryKey.of("tenant", "id") : PrimaryKey.of("id")).withBuckets(1 << random.nextInt(5));
        int idRange = 200;
        Map<List<Object>, Row> model = new HashMap<>();
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(
                        dir.resolve("t"),
                        SCHEMA,
                        key,
                        DatasetOptions.DEFAULT
                                .withAllocator(allocator)
                                .withWriteOptions(
                                        WriteOptions.DEFAULT.withMaxRowsPerFragment(1 + random.nextInt(60))))) {
            for (int step = 0; step < 60; step++) {
                String context = "step " + step;
                int op = random.nextInt(8);
                switch (op) {
                    case 0, 1 -> { // insert fresh keys, sometimes with a present or repeated key
                        List<Row> rows = new ArrayList<>();
                        Map<List<Object>, Row> fresh = new HashMap<>();
                        for (int i = 0, n = 1 + random.nextInt(20); i < n; i++) {
                            Row r = randomRow(random, twoColumns, idRange);
                            if (!model.containsKey(r.key(twoColumns)) && !fresh.containsKey(r.key(twoColumns))) {
                                rows.add(r);
                                fresh.put(r.key(twoColumns), r);
                            }
                        }
                        int mistake = random.nextInt(4);
                        if (mistake == 0 && !model.isEmpty()) {
                            rows.add(model.values().iterator().next());
                        } else if (mistake == 1 && !rows.isEmpty()) {
                            rows.add(rows.getFirst());
                        } else {
                            mistake = -1;
                        }
                        long version = ds.version();
                        try (VectorSchemaRoot b = batch(allocator, rows)) {
                            if (mistake >= 0) {
                                DuplicateKeyException e =
                                        assertThrows(DuplicateKeyException.class, () -> ds.insert(b), context);
                                assertEquals(1, e.keys().size(), context + ": " + e.getMessage());
                                assertEquals(version, ds.version(), context + ": nothing committed");
                            } else {
                                ds.insert(b);
                                model.putAll(fresh);
                            }
                        }
                    }
                    case 2, 3 -> { // upsert present and new keys
                        Map<List<Object>, Row> rows = new LinkedHashMap<>();
                        for (int i = 0, n = 1 + random.nextInt(20); i < n; i++) {
                            Row r = randomRow(random, twoColumns, idRange);
                            rows.put(r.key(twoColumns), r);
                        }
                        try (VectorSchemaRoot b = batch(allocator, new ArrayList<>(rows.values()))) {
                            ds.upsert(b);
                        }
                        model.putAll(rows);
                    }
                    case 4 -> { // update by filter: score < x gets a new label
                        int x = random.nextInt(100);
                        String label = "updated-" + step;
                        ds.update(Filters.lt("score", x), rows -> {
                            VarCharVector labels = (VarCharVector) rows.getVector("label");
                            for (int i = 0; i < rows.getRowCount(); i++) {
                                labels.setSafe(i, label.getBytes(StandardCharsets.UTF_8));
                            }
                        });
                        model.replaceAll((k, r) ->
                                r.score() != null && r.score() < x ? new Row(r.tenant(), r.id(), label, r.score()) : r);
                    }
                    case 5 -> { // delete by key, present and absent
                        List<Object[]> keys = new ArrayList<>();
                        for (int i = 0, n = 1 + random.nextInt(10); i < n; i++) {
                            keys.add(randomRow(random, twoColumns, idRange)
                                    .key(twoColumns)
                                    .toArray());
                        }
                        long expected = keys.stream()
                                .map(List::of)
                                .distinct()
                                .filter(model::containsKey)
                                .count();
                        assertEquals(expected, ds.deleteByKey(keys), context + ": rows deleted by key");
                        keys.forEach(k -> model.remove(List.of(k)));
                    }
                    case 6 -> { // delete by filter
                        int x = random.nextInt(100);
                        ds.delete(Filters.gt("score", x));
                        model.values().removeIf(r -> r.score() != null && r.score() > x);
                    }
                    default ->
                        ds.compact(new CompactionOptions(
                                1 + random.nextInt(100), random.nextDouble(), random.nextDouble()));
                }
                check(ds, model, twoColumns, random, context + " (op " + op + ")");
            }
            ds.verify();
        }
    }

    private static void check(
            Dataset ds, Map<List<Object>, Row> model, boolean twoColumns, Random random, String context)
            throws IOException {
        Map<List<Object>, Map<String, Object>> scanned = new HashMap<>();
        try (ArrowReader reader = ds.scan().toArrowReader()) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    Map<String, Object> row = RowValues.row(ds, root, i);
                    List<Object> key = twoColumns ? List.of(row.get("tenant"), row.get("id")) : List.of(row.get("id"));
                    assertNull(scanned.put(key, row), context + ": key " + key + " scanned twice");
                }
            }
        }
        Map<List<Object>, Map<String, Object>> expected = new HashMap<>();
        model.forEach((k, r) -> expected.put(k, r.asMap()));
        assertEquals(expected, scanned, context + ": scan");
        for (int i = 0; i < 10; i++) {
            Row probe = randomRow(random, twoColumns, 220);
            List<Object> key = probe.key(twoColumns);
            Row want = model.get(key);
            assertEquals(want == null ? null : want.asMap(), ds.get(key.toArray()), context + ": get " + key);
        }
        List<List<Object>> present = new ArrayList<>(model.keySet());
        if (!present.isEmpty()) {
            List<Object> key = present.get(random.nextInt(present.size()));
            Object[] absent = twoColumns ? new Object[] {"zz", -1} : new Object[] {-1};
            try (VectorSchemaRoot rows = ds.getAll(List.of(key.toArray(), absent))) {
                assertEquals(1, rows.getRowCount(), context + ": getAll of one present and one absent key");
                assertEquals(model.get(key).asMap(), RowValues.row(ds, rows, 0));
            }
        }
        assertEquals(model.size(), ds.count(), context + ": count");
    }
}

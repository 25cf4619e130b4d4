package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.assertSqlError;
import static io.quiver.sql.SqlTestSupport.literal;
import static io.quiver.sql.SqlTestSupport.query;
import static io.quiver.sql.SqlTestSupport.state;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.engine.testing.TestRandom;
import java.nio.file.Path;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Random sequences of INSERT, UPSERT, ON CONFLICT, UPDATE and DELETE compared with a model after every step. */
@ExtendWith(TestRandom.class)
class SqlDmlModelTest {
    @TempDir
    Path dir;

    @Test
    void keyedTableFollowsTheModel(Random random) throws Exception {
        DmlModel model = new DmlModel(random);
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute(DmlModel.CREATE);
            for (int step = 0; step < 60; step++) {
                String done = step(sql, model, random);
                model.check(sql, "step " + step + ": " + done);
            }
        }
    }

    private static String step(QuiverSql sql, DmlModel model, Random random) throws Exception {
        int n = random.nextInt(1, 6);
        List<List<Object>> fresh = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long id = model.freshId();
            if (fresh.stream().noneMatch(r -> r.get(0).equals(id))) {
                fresh.add(model.randomRow(id));
            }
        }
        List<List<Object>> mixed = new ArrayList<>(fresh);
        mixed.add(model.randomRow(model.existingId()));
        dedupe(mixed);
        boolean params = random.nextBoolean();
        String values = params ? DmlModel.valuesParameters(mixed.size()) : DmlModel.valuesLiterals(mixed);
        Object[] args = params ? DmlModel.parameters(mixed) : new Object[0];
        String freshValues = params ? DmlModel.valuesParameters(fresh.size()) : DmlModel.valuesLiterals(fresh);
        Object[] freshArgs = params ? DmlModel.parameters(fresh) : new Object[0];
        switch (random.nextInt(7)) {
            case 0 -> {
                String s = "INSERT INTO m VALUES " + freshValues;
                assertEquals(fresh.size(), sql.execute(s, freshArgs).updateCount(), s);
                fresh.forEach(r -> model.rows.put((Long) r.get(0), r));
                return s;
            }
            case 1 -> {
                String s = "INSERT INTO m (v, s, k, id) VALUES " + reorderedLiterals(fresh);
                sql.execute(s);
                fresh.forEach(r -> model.rows.put((Long) r.get(0), r));
                return s;
            }
            case 2 -> {
                String s = "UPSERT INTO m VALUES " + values;
                sql.execute(s, args);
                mixed.forEach(r -> model.rows.put((Long) r.get(0), r));
                return s;
            }
            case 3 -> {
                String s = "INSERT INTO m VALUES " + values + " ON CONFLICT (id) DO NOTHING";
                sql.execute(s, args);
                mixed.forEach(r -> model.rows.putIfAbsent((Long) r.get(0), r));
                return s;
            }
            case 4 -> {
                String s =
                        "INSERT INTO m VALUES " + values + " ON CONFLICT DO UPDATE SET s = EXCLUDED.s, v = EXCLUDED.v";
                sql.execute(s, args);
                for (List<Object> r : mixed) {
                    List<Object> old = model.rows.get((Long) r.get(0));
                    model.rows.put(
                            (Long) r.get(0),
                            old == null ? r : Arrays.asList(old.get(0), old.get(1), r.get(2), r.get(3)));
                }
                return s;
            }
            case 5 -> {
                DmlModel.Where where = model.randomWhere();
                String text = "u" + random.nextInt(100) + "'";
                String s = "UPDATE m SET k = k + 1, s = " + literal(text) + " WHERE " + where.sql();
                long expected =
                        model.rows.values().stream().filter(where.matches()).count();
                assertEquals(expected, sql.execute(s).updateCount(), s);
                model.rows.replaceAll((id, r) -> where.matches().test(r)
                        ? Arrays.asList(id, r.get(1) == null ? null : (Long) r.get(1) + 1, text, r.get(3))
                        : r);
                return s;
            }
            default -> {
                DmlModel.Where where = model.randomWhere();
                String s = "DELETE FROM m WHERE " + where.sql();
                long expected =
                        model.rows.values().stream().filter(where.matches()).count();
                assertEquals(expected, sql.execute(s).updateCount(), s);
                model.rows.values().removeIf(where.matches());
                return s;
            }
        }
    }

    private static void dedupe(List<List<Object>> rows) {
        java.util.Set<Object> seen = new java.util.HashSet<>();
        rows.removeIf(r -> !seen.add(r.get(0)));
    }

    private static String reorderedLiterals(List<List<Object>> rows) {
        return DmlModel.valuesLiterals(rows.stream()
                .map(r -> Arrays.asList(r.get(3), r.get(2), r.get(1), r.get(0)))
                .toList());
    }

    @Test
    void duplicateKeyInsertChangesNothing(Random random) throws Exception {
        DmlModel model = new DmlModel(random);
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute(DmlModel.CREATE);
            List<List<Object>> first = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                first.add(model.randomRow(model.freshId()));
                model.rows.put((Long) first.getLast().get(0), first.getLast());
            }
            sql.execute("INSERT INTO m VALUES " + DmlModel.valuesLiterals(first));
            long version = SqlTestSupport.version(sql, "m");
            String before = state(sql, "m");
            for (int attempt = 0; attempt < 5; attempt++) {
                List<List<Object>> batch = new ArrayList<>();
                batch.add(model.randomRow(model.freshId()));
                batch.add(model.randomRow(model.existingId()));
                batch.sort(Comparator.comparing(r -> random.nextInt()));
                String s = "INSERT INTO m VALUES " + DmlModel.valuesLiterals(batch);
                assertSqlError(SQLIntegrityConstraintViolationException.class, "duplicate", () -> sql.execute(s));
                assertEquals(before, state(sql, "m"), s);
                assertEquals(version, SqlTestSupport.version(sql, "m"), "no commit for " + s);
            }
            long id = model.freshId();
            String twice = "INSERT INTO m (id) VALUES (" + id + "), (" + id + ")";
            assertSqlError(SQLIntegrityConstraintViolationException.class, "duplicate", () -> sql.execute(twice));
            assertEquals(before, state(sql, "m"), twice);
            model.check(sql, "the failed inserts");
        }
    }

    @Test
    void keylessTableAppendsAndDeletesByFilter(Random random) throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE bag (a INTEGER, s VARCHAR)");
            List<List<Object>> model = new ArrayList<>();
            for (int step = 0; step < 30; step++) {
                if (random.nextInt(3) > 0) {
                    List<List<Object>> batch = new ArrayList<>();
                    for (int i = random.nextInt(1, 8); i > 0; i--) {
                        Long a = random.nextInt(6) == 0 ? null : (long) random.nextInt(10);
                        batch.add(Arrays.asList(a, random.nextInt(6) == 0 ? null : "s" + random.nextInt(5)));
                    }
                    sql.execute("INSERT INTO bag VALUES " + DmlModel.valuesLiterals(batch));
                    model.addAll(batch);
                } else {
                    int n = random.nextInt(10);
                    record Delete(String where, java.util.function.Predicate<List<Object>> p) {}
                    Delete d = switch (random.nextInt(4)) {
                        case 0 -> new Delete("a = " + n, r -> Long.valueOf(n).equals(r.get(0)));
                        case 1 ->
                            new Delete(
                                    "a < ? OR s IS NULL",
                                    r -> r.get(0) != null && (Long) r.get(0) < n || r.get(1) == null);
                        case 2 -> new Delete("s LIKE 's" + n % 5 + "%'", r -> ("s" + n % 5).equals(r.get(1)));
                        default ->
                            new Delete(
                                    "NOT (a IN (" + n + ", 1))",
                                    r -> r.get(0) != null && (Long) r.get(0) != n && (Long) r.get(0) != 1);
                    };
                    String s = "DELETE FROM bag WHERE " + d.where();
                    long expected = model.stream().filter(d.p()).count();
                    Object[] args = d.where().contains("?") ? new Object[] {n} : new Object[0];
                    assertEquals(expected, sql.execute(s, args).updateCount(), s);
                    model.removeIf(d.p());
                }
                Comparator<List<Object>> order = Comparator.comparing(List::toString);
                List<List<Object>> expected = new ArrayList<>(model);
                expected.sort(order);
                List<List<Object>> actual = new ArrayList<>(query(sql, "SELECT a, s FROM bag"));
                actual.sort(order);
                assertEquals(expected, actual, "after step " + step);
            }
            sql.execute("DELETE FROM bag");
            assertEquals(List.of(), query(sql, "SELECT * FROM bag"));
        }
    }
}

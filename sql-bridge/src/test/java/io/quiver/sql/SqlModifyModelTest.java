package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.engine.testing.TestRandom;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of random UPDATE and DELETE statements (with upserts and inserts between them, so rows
 * move between fragments and carry deletions) on a keyed and a keyless table, each compared with
 * a model: plain Java maps and lists of rows, updated as SQL says (NULL never compares true, every
 * new value computed from the rows as they were before the statement).
 */
@ExtendWith(TestRandom.class)
class SqlModifyModelTest {
    private static final int STEPS = 300;

    @TempDir
    Path dir;

    /** The keyed table m (id BIGINT PRIMARY KEY, k INTEGER, s VARCHAR): id to [k, s]. */
    private final TreeMap<Long, Object[]> m = new TreeMap<>();

    /** The keyless table b (a INTEGER NOT NULL, k INTEGER): its rows as [a, k]. */
    private final List<Long[]> b = new ArrayList<>();

    private Random random;

    @Test
    void randomUpdatesAndDeletesFollowTheModel(Random random) throws Exception {
        this.random = random;
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE m (id BIGINT PRIMARY KEY, k INTEGER, s VARCHAR)");
            sql.execute("CREATE TABLE b (a INTEGER NOT NULL, k INTEGER)");
            for (int step = 0; step < STEPS; step++) {
                String done = step(sql);
                assertEquals(expectedM(), query(sql, "SELECT id, k, s FROM m ORDER BY id"), step + ": " + done);
                assertEquals(expectedB(), sortedRows(query(sql, "SELECT a, k FROM b")), step + ": " + done);
            }
        }
    }

    /** Runs one random statement on the tables and the model; returns what it ran. */
    private String step(QuiverSql sql) throws Exception {
        long id = random.nextLong(1, 40);
        long n = random.nextLong(-5, 6);
        String text = random.nextInt(3) == 0 ? null : random.nextBoolean() ? "x" : "y";
        Statement s = switch (random.nextInt(15)) {
            case 0, 1 -> {
                Long k = random.nextInt(6) == 0 ? null : n;
                m.put(id, new Object[] {k, text});
                yield new Statement("UPSERT INTO m VALUES (?, ?, ?)", -1, id, k, text);
            }
            case 2, 3 -> {
                Long k = random.nextInt(6) == 0 ? null : n;
                b.add(new Long[] {id % 10, k});
                yield new Statement("INSERT INTO b VALUES (?, ?)", -1, id % 10, k);
            }
            case 4 -> {
                long changed = updateM(row -> row.id == id, row -> new Object[] {plus(row.k, n), row.s});
                yield new Statement("UPDATE m SET k = k + ? WHERE id = ?", changed, n, id);
            }
            case 5 -> {
                long changed = updateM(row -> less(row.k, n), row -> new Object[] {id, text});
                yield new Statement("UPDATE m SET s = ?, k = ? WHERE k < ?", changed, text, id, n);
            }
            case 6 -> {
                long changed = updateM(
                        row -> text != null && text.equals(row.s), row -> new Object[] {plus(row.k, -1L), row.s});
                yield new Statement("UPDATE m SET k = k - 1 WHERE id IN (SELECT id FROM m WHERE s = ?)", changed, text);
            }
            case 7 -> {
                long mod = random.nextLong(1, 4);
                List<Long> ks = m.values().stream().map(r -> (Long) r[0]).toList();
                long changed = updateM(row -> row.id % mod == 0, row -> new Object[] {
                    ks.stream()
                            .filter(k -> row.k != null && k != null && k > row.k)
                            .count(),
                    row.s
                });
                yield new Statement(
                        "UPDATE m AS x SET k = (SELECT count(*) FROM m AS y WHERE y.k > x.k) WHERE x.id % CAST(? AS BIGINT) = 0",
                        changed, mod);
            }
            case 8 -> {
                List<Long[]> before = List.copyOf(b);
                long changed = updateM(row -> row.id < id, row -> new Object[] {
                    before.stream()
                            .filter(r -> r[0] == row.id && r[1] != null)
                            .map(r -> r[1])
                            .max(Long::compare)
                            .orElse(null),
                    row.s
                });
                yield new Statement(
                        "UPDATE m SET k = (SELECT max(k) FROM b WHERE b.a = m.id) WHERE id < ?", changed, id);
            }
            case 9 -> {
                long changed = deleteM(row -> row.id == id || less(n, row.k) && row.s == null);
                yield new Statement("DELETE FROM m WHERE id = ? OR k > ? AND s IS NULL", changed, id, n);
            }
            case 10 -> {
                List<Long> as = b.stream()
                        .filter(r -> Objects.equals(r[1], n))
                        .map(r -> r[0])
                        .toList();
                long changed = deleteM(row -> as.contains(row.id));
                yield new Statement("DELETE FROM m WHERE id IN (SELECT a FROM b WHERE k = ?)", changed, n);
            }
            case 11 -> {
                long a = id % 10;
                long changed = updateB(r -> r[0] == a, r -> new Long[] {r[0], plus(r[1], n)});
                yield new Statement("UPDATE b SET k = k + ? WHERE a = ?", changed, n, a);
            }
            case 12 -> {
                long mod = random.nextLong(2, 4);
                long changed = updateB(r -> r[1] != null && r[1] % mod == 0, r -> new Long[] {r[0] + 1, r[1]});
                yield new Statement("UPDATE b SET a = a + 1 WHERE k % CAST(? AS INTEGER) = 0", changed, mod);
            }
            case 13 -> {
                long a = id % 12;
                boolean pushed = random.nextBoolean();
                Predicate<Long[]> p = pushed ? r -> r[0] == a : r -> r[1] != null && r[0] + r[1] > a;
                long changed = b.stream().filter(p).count();
                b.removeIf(p);
                yield new Statement(pushed ? "DELETE FROM b WHERE a = ?" : "DELETE FROM b WHERE a + k > ?", changed, a);
            }
            default -> {
                Map<Long, Object[]> before = Map.copyOf(m);
                long changed = updateB(r -> r[0] < id, r -> new Long[] {r[0], before.containsKey(r[0]) ? 1L : 0L});
                yield new Statement(
                        "UPDATE b AS y SET k = (SELECT count(*) FROM m WHERE m.id = y.a) WHERE y.a < ?", changed, id);
            }
        };
        long count = sql.execute(s.sql(), s.params()).updateCount();
        if (s.expected() >= 0) {
            assertEquals(s.expected(), count, s.toString());
        }
        return s.toString();
    }

    /** A statement, its parameters, and how many rows it must change (-1: not checked). */
    private record Statement(String sql, long expected, Object... params) {
        @Override
        public String toString() {
            return sql + " with " + Arrays.toString(params);
        }
    }

    /** A row of m as the WHERE clauses read it. */
    private record Row(long id, Long k, String s) {}

    /** Sets the rows {@code where} holds for to {@code set}'s [k, s], all computed from the rows before. */
    private long updateM(Predicate<Row> where, java.util.function.Function<Row, Object[]> set) {
        Map<Long, Object[]> changed = new TreeMap<>();
        m.forEach((id, r) -> {
            Row row = new Row(id, (Long) r[0], (String) r[1]);
            if (where.test(row)) {
                changed.put(id, set.apply(row));
            }
        });
        m.putAll(changed);
        return changed.size();
    }

    private long deleteM(Predicate<Row> where) {
        List<Long> gone = m.entrySet().stream()
                .filter(e -> where.test(new Row(e.getKey(), (Long) e.getValue()[0], (String) e.getValue()[1])))
                .map(Map.Entry::getKey)
                .toList();
        gone.forEach(m::remove);
        return gone.size();
    }

    private long updateB(Predicate<Long[]> where, java.util.function.UnaryOperator<Long[]> set) {
        long changed = 0;
        for (int i = 0; i < b.size(); i++) {
            if (where.test(b.get(i))) {
                b.set(i, set.apply(b.get(i)));
                changed++;
            }
        }
        return changed;
    }

    private static Long plus(Long k, long n) {
        return k == null ? null : k + n;
    }

    /** {@code x < y}, false when either is NULL (unknown is not true). */
    private static boolean less(Long x, Long y) {
        return x != null && y != null && x < y;
    }

    private List<List<Object>> expectedM() {
        List<List<Object>> rows = new ArrayList<>();
        m.forEach((id, r) -> rows.add(Arrays.asList(id, r[0], r[1])));
        return rows;
    }

    private List<List<Object>> expectedB() {
        return sortedRows(b.stream().map(r -> Arrays.<Object>asList(r[0], r[1])).toList());
    }

    private static List<List<Object>> sortedRows(List<List<Object>> rows) {
        List<List<Object>> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(List::toString));
        return sorted;
    }
}

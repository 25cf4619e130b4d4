package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.assertSqlError;
import static io.quiver.sql.SqlTestSupport.query;
import static io.quiver.sql.SqlTestSupport.version;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.SQLDataException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forms UPDATE and DELETE take, on tables with and without a key: subqueries in SET and
 * WHERE, correlated through the table's name or an alias, the table read by its own subqueries;
 * rows already changed by upserts, deletes and compaction; values of every kind kept or assigned.
 */
class SqlModifyFormsTest {
    @TempDir
    Path dir;

    @Test
    void subqueriesInSetAndWhereOnAKeyedTable() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE c (id BIGINT PRIMARY KEY, n INTEGER, s VARCHAR)");
            sql.execute("CREATE TABLE g (id BIGINT, v INTEGER)");
            sql.execute("INSERT INTO c VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 30, 'c'), (4, 40, 'd')");
            sql.execute("INSERT INTO g VALUES (1, 5), (1, 7), (2, 1), (4, 9)");

            assertEquals(
                    2,
                    sql.execute("UPDATE c SET n = (SELECT max(v) FROM g WHERE g.id = c.id)"
                                    + " WHERE id IN (SELECT id FROM g WHERE v > 1)")
                            .updateCount());
            assertEquals(List.of(r(1, 7, "a"), r(2, 20, "b"), r(3, 30, "c"), r(4, 9, "d")), all(sql, "c"));

            // Aliased, the table read again by its own subqueries (at the version the statement reads).
            assertEquals(
                    4,
                    sql.execute("UPDATE c AS x SET s = x.s || (SELECT count(*) FROM c y WHERE y.n < x.n)"
                                    + " WHERE EXISTS (SELECT 1 FROM g WHERE g.id = x.id) OR x.n > 25")
                            .updateCount());
            assertEquals(List.of(r(1, 7, "a0"), r(2, 20, "b2"), r(3, 30, "c3"), r(4, 9, "d1")), all(sql, "c"));

            // A scalar subquery that finds no row sets NULL.
            assertEquals(
                    1,
                    sql.execute("UPDATE c SET n = (SELECT v FROM g WHERE g.id = 99) WHERE id = ?", 2L)
                            .updateCount());
            assertEquals(
                    1,
                    sql.execute("DELETE FROM c WHERE n < (SELECT avg(n) FROM c) AND s LIKE '%1'")
                            .updateCount());
            assertEquals(List.of(r(1, 7, "a0"), r(2, null, "b2"), r(3, 30, "c3")), all(sql, "c"));

            long version = version(sql, "c");
            assertEquals(0, sql.execute("UPDATE c SET n = 0 WHERE 1 = 0").updateCount());
            assertEquals(
                    0,
                    sql.execute("DELETE FROM c WHERE id IN (SELECT id FROM g WHERE v > 100)")
                            .updateCount());
            assertEquals(version, version(sql, "c"), "changing no row commits nothing");
        }
    }

    @Test
    void subqueriesInSetAndWhereOnAKeylessTable() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE bag (a INTEGER, s VARCHAR)");
            sql.execute("CREATE TABLE g (a INTEGER, v INTEGER)");
            sql.execute("INSERT INTO bag VALUES (1, 'x'), (1, 'x'), (2, 'y'), (3, NULL)");
            sql.execute("INSERT INTO g VALUES (1, 100), (3, 300)");

            // Two equal rows are two rows: both change.
            assertEquals(
                    3,
                    sql.execute("UPDATE bag AS b SET a = b.a + (SELECT v FROM g WHERE g.a = b.a)"
                                    + " WHERE b.a IN (SELECT a FROM g)")
                            .updateCount());
            assertEquals(sort(List.of(r(2, "y"), r(101, "x"), r(101, "x"), r(303, null))), sorted(sql, "bag"));
            assertEquals(
                    2,
                    sql.execute("DELETE FROM bag WHERE a > (SELECT min(v) FROM g) AND s = 'x'")
                            .updateCount());
            assertEquals(
                    1,
                    sql.execute("UPDATE bag SET s = upper(coalesce(s, 'n')) WHERE a * 3 > 10")
                            .updateCount());
            assertEquals(sort(List.of(r(2, "y"), r(303, "N"))), sorted(sql, "bag"));
        }
    }

    /** Rows already replaced by upserts, deleted, or moved by compaction are found where they are now. */
    @Test
    void rowsChangedBeforeAreReadWhereTheyAreNow() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE c (id BIGINT PRIMARY KEY, n INTEGER)");
            sql.execute("CREATE TABLE bag (a INTEGER, n INTEGER)");
            List<List<Object>> keyed = new ArrayList<>();
            List<List<Object>> keyless = new ArrayList<>();
            for (int batch = 0; batch < 3; batch++) { // three fragments each
                java.util.StringJoiner c = new java.util.StringJoiner(", ");
                java.util.StringJoiner bag = new java.util.StringJoiner(", ");
                for (int i = 0; i < 10; i++) {
                    int id = batch * 10 + i;
                    c.add("(" + id + ", " + id + ")");
                    bag.add("(" + id % 7 + ", " + id + ")");
                    keyed.add(r(id, id));
                    keyless.add(r(id % 7, id));
                }
                sql.execute("INSERT INTO c VALUES " + c);
                sql.execute("INSERT INTO bag VALUES " + bag);
            }
            sql.execute("UPSERT INTO c VALUES (3, 300), (13, 1300), (40, 4000)");
            sql.execute("DELETE FROM c WHERE id IN (4, 14, 24)");
            sql.execute("DELETE FROM bag WHERE a = 4");
            keyed.set(3, r(3, 300));
            keyed.set(13, r(13, 1300));
            keyed.add(r(40, 4000));
            keyed.removeIf(r -> List.of(4L, 14L, 24L).contains(r.get(0)));
            keyless.removeIf(r -> r.get(0).equals(4L));
            for (int round = 0; round < 3; round++) {
                if (round == 2) {
                    sql.execute("OPTIMIZE c");
                    sql.execute("OPTIMIZE bag");
                }
                long changed =
                        keyed.stream().filter(r -> (Long) r.get(0) % 3 == 0).count();
                assertEquals(
                        changed,
                        sql.execute("UPDATE c SET n = n + 1 WHERE id % 3 = 0").updateCount());
                keyed.replaceAll(r -> (Long) r.get(0) % 3 == 0 ? r((Long) r.get(0), (Long) r.get(1) + 1) : r);
                long odd =
                        keyless.stream().filter(r -> (Long) r.get(1) % 2 == 1).count();
                assertEquals(
                        odd,
                        sql.execute("UPDATE bag SET n = n + 2, a = a * 10 WHERE n % 2 = 1")
                                .updateCount());
                keyless.replaceAll(r -> (Long) r.get(1) % 2 == 1 ? r((Long) r.get(0) * 10, (Long) r.get(1) + 2) : r);
                assertEquals(keyed, all(sql, "c"), "round " + round);
                assertEquals(sort(keyless), sorted(sql, "bag"), "round " + round);
            }
        }
    }

    /** SET assigns as SQL does (cast to the column's type); columns not set keep their values exactly. */
    @Test
    void valuesOfEveryKindAreAssignedAndKept() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, i INTEGER, ti TINYINT, dc DECIMAL(5, 2), d DATE,"
                    + " ts TIMESTAMP, v VECTOR(2), bl BLOB, vb VARBINARY, f REAL)");
            byte[] big = new byte[50_000];
            new java.util.Random(3).nextBytes(big);
            sql.execute(
                    "INSERT INTO t VALUES (1, 1, 1, 1.25, DATE '2024-02-29', TIMESTAMP '2024-01-02 03:04:05.678',"
                            + " ARRAY[1, 2], ?, X'0A0B', 1.5)",
                    big);
            sql.execute("UPDATE t SET i = 2.5, ti = 7.4, dc = 3, v = ARRAY[3, 4.5], f = 2 WHERE id = 1");
            List<Object> expected = Arrays.asList(
                    1L,
                    3L,
                    7L,
                    new BigDecimal("3"),
                    LocalDate.of(2024, 2, 29),
                    LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_000_000),
                    List.of(3f, 4.5f),
                    ByteBuffer.wrap(big),
                    ByteBuffer.wrap(new byte[] {10, 11}),
                    2f);
            assertEquals(List.of(expected), query(sql, "SELECT * FROM t"));
            sql.execute(
                    "UPDATE t SET d = d + INTERVAL '1' DAY, ts = ?, bl = X'01', vb = NULL",
                    LocalDateTime.of(1999, 12, 31, 23, 59, 59));
            expected.set(4, LocalDate.of(2024, 3, 1));
            expected.set(5, LocalDateTime.of(1999, 12, 31, 23, 59, 59));
            expected.set(7, ByteBuffer.wrap(new byte[] {1}));
            expected.set(8, null);
            assertEquals(List.of(expected), query(sql, "SELECT * FROM t"));
            sql.execute("UPDATE t SET bl = ? WHERE id = ?", big, 1L);
            expected.set(7, ByteBuffer.wrap(big));
            assertEquals(List.of(expected), query(sql, "SELECT * FROM t"));

            String before = SqlTestSupport.state(sql, "t");
            assertSqlError(SQLDataException.class, "300", () -> sql.execute("UPDATE t SET ti = 300"));
            assertSqlError(SQLDataException.class, "vector", () -> sql.execute("UPDATE t SET v = ARRAY[1, 2, 3]"));
            assertEquals(before, SqlTestSupport.state(sql, "t"));
            // A BLOB is a VARBINARY in SQL: a character string assigned to either is coerced alike.
            sql.execute("UPDATE t SET bl = 'text', vb = 'text'");
            assertEquals(
                    query(sql, "SELECT vb FROM t"),
                    query(sql, "SELECT bl FROM t"),
                    "BLOB and VARBINARY take text alike");
        }
    }

    private static List<Object> r(Object... values) {
        return Arrays.stream(values)
                .map(v -> v instanceof Integer i ? (Object) (long) i : v)
                .toList();
    }

    private static List<List<Object>> all(QuiverSql sql, String table) throws Exception {
        return query(sql, "SELECT * FROM " + table + " ORDER BY 1");
    }

    private static List<List<Object>> sorted(QuiverSql sql, String table) throws Exception {
        return sort(query(sql, "SELECT * FROM " + table));
    }

    private static List<List<Object>> sort(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing(List::toString));
        return out;
    }
}

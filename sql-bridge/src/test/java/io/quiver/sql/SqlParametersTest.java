package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.assertSqlError;
import static io.quiver.sql.SqlTestSupport.column;
import static io.quiver.sql.SqlTestSupport.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.engine.testing.TestRandom;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Prepared statements run many times, NULL parameters, and plans that follow schema changes. */
@ExtendWith(TestRandom.class)
class SqlParametersTest {
    @TempDir
    Path dir;

    @Test
    void preparedStatementsRunManyTimes(Random random) throws Exception {
        DmlModel model = new DmlModel(random);
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute(DmlModel.CREATE);
            PreparedSql insert = sql.prepare("INSERT INTO m VALUES (?, ?, ?, ?)");
            assertEquals(4, insert.parameterCount());
            for (int i = 0; i < 100; i++) {
                List<Object> row = model.randomRow(model.freshId());
                insert.execute(Arrays.stream(DmlModel.parameters(List.of(row))).toList());
                model.rows.put((Long) row.get(0), row);
            }
            model.check(sql, "100 prepared inserts");
            PreparedSql byK = sql.prepare("SELECT id FROM m WHERE k >= ? AND k < ? ORDER BY id");
            for (int i = 0; i < 30; i++) {
                long lo = random.nextInt(-60, 60);
                long hi = lo + random.nextInt(30);
                List<Object> expected = model.rows.values().stream()
                        .filter(r -> r.get(1) != null && (Long) r.get(1) >= lo && (Long) r.get(1) < hi)
                        .map(List::getFirst)
                        .toList();
                assertEquals(
                        expected,
                        rows(byK.execute(List.of(lo, hi))).stream()
                                .map(List::getFirst)
                                .toList(),
                        lo + ".." + hi);
            }
            assertSqlError(SQLException.class, "2 parameters, 1 given", () -> byK.execute(List.of(1)));
        }
    }

    @Test
    void nullParametersMatchNothing() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, x INTEGER, s VARCHAR)");
            sql.execute("INSERT INTO t VALUES (1, 1, 'a'), (2, NULL, NULL), (3, 3, 'c')");
            Object none = null;
            assertEquals(List.of(), column(sql, "SELECT id FROM t WHERE id = ?", none));
            assertEquals(List.of(), column(sql, "SELECT id FROM t WHERE x = ?", none));
            assertEquals(List.of(), column(sql, "SELECT id FROM t WHERE NOT (x = ?)", none));
            assertEquals(List.of(), column(sql, "SELECT id FROM t WHERE s LIKE ?", none));
            assertEquals(List.of(), column(sql, "SELECT id FROM t WHERE id IN (?, ?)", none, none));
            assertEquals(List.of(3L), column(sql, "SELECT id FROM t WHERE id IN (?, ?)", none, 3L));
            assertEquals(
                    List.of(1L, 3L), column(sql, "SELECT id FROM t WHERE x = ? OR x IS NOT NULL ORDER BY id", none));
            assertEquals(0, sql.execute("DELETE FROM t WHERE id = ?", none).updateCount());
            assertEquals(
                    0, sql.execute("UPDATE t SET s = 'z' WHERE x = ?", none).updateCount());
            sql.execute("INSERT INTO t VALUES (?, ?, ?)", 4L, none, none);
            assertEquals(List.of(2L, 4L), column(sql, "SELECT id FROM t WHERE x IS NULL ORDER BY id"));
            sql.execute("CREATE TABLE bag (x INTEGER)");
            sql.execute("INSERT INTO bag VALUES (1), (NULL)");
            assertEquals(0, sql.execute("DELETE FROM bag WHERE x = ?", none).updateCount());
            assertEquals(
                    0, sql.execute("DELETE FROM bag WHERE NOT (x = ?)", none).updateCount());
            assertEquals(2, column(sql, "SELECT x FROM bag").size());
        }
    }

    @Test
    void aPreparedQuerySeesColumnsAddedLater() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, x INTEGER)");
            sql.execute("INSERT INTO t VALUES (1, 10)");
            PreparedSql all = sql.prepare("SELECT * FROM t WHERE id = ?");
            assertEquals(List.of(List.of(1L, 10L)), rows(all.execute(List.of(1L))));
            sql.execute("ALTER TABLE t ADD COLUMN note VARCHAR");
            sql.execute("UPDATE t SET note = 'n' WHERE id = 1");
            assertEquals(List.of(List.of(1L, 10L, "n")), rows(all.execute(List.of(1L))));
            sql.execute("ALTER TABLE t DROP COLUMN x");
            assertEquals(List.of(List.of(1L, "n")), rows(all.execute(List.of(1L))));
        }
    }
}

package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.assertSqlError;
import static io.quiver.sql.SqlTestSupport.query;
import static io.quiver.sql.SqlTestSupport.version;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.engine.testing.TestRandom;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** FOR SYSTEM_VERSION AS OF n gives the rows of version n, whatever came after. */
@ExtendWith(TestRandom.class)
class SqlTimeTravelTest {
    @TempDir
    Path dir;

    @Test
    void everyVersionReadsBackAsItWas(Random random) throws Exception {
        DmlModel model = new DmlModel(random);
        Map<Long, List<List<Object>>> history = new TreeMap<>();
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute(DmlModel.CREATE);
            history.put(version(sql, "m"), List.of());
            for (int step = 0; step < 12; step++) {
                switch (random.nextInt(3)) {
                    case 0 -> {
                        List<List<Object>> batch = new ArrayList<>();
                        for (int i = 0; i < 5; i++) {
                            batch.add(model.randomRow(model.freshId()));
                            model.rows.put((Long) batch.getLast().get(0), batch.getLast());
                        }
                        sql.execute("INSERT INTO m VALUES " + DmlModel.valuesLiterals(batch));
                    }
                    case 1 -> {
                        long id = model.existingId();
                        sql.execute("DELETE FROM m WHERE id = ?", id);
                        model.rows.remove(id);
                    }
                    default -> {
                        long id = model.existingId();
                        String text = "v" + step;
                        sql.execute("UPDATE m SET s = 'v" + step + "' WHERE id = ?", id);
                        model.rows.computeIfPresent(
                                id, (k, r) -> java.util.Arrays.asList(r.get(0), r.get(1), text, r.get(3)));
                    }
                }
                history.put(version(sql, "m"), new ArrayList<>(model.rows.values()));
            }
            for (Map.Entry<Long, List<List<Object>>> v : history.entrySet()) {
                String s = "SELECT * FROM m FOR SYSTEM_VERSION AS OF " + v.getKey() + " ORDER BY id";
                assertEquals(v.getValue(), query(sql, s), s);
                assertEquals(
                        List.of(List.of((long) v.getValue().size())),
                        query(sql, "SELECT count(*) FROM m FOR VERSION AS OF " + v.getKey() + " AS h WHERE h.id > 0"));
            }
            model.check(sql, "time travel");
            long last = version(sql, "m");
            assertSqlError(
                    SQLException.class,
                    "no version " + (last + 5),
                    () -> query(sql, "SELECT * FROM m FOR SYSTEM_VERSION AS OF " + (last + 5)));
            assertSqlError(
                    SQLException.class,
                    "version number",
                    () -> query(sql, "SELECT * FROM m FOR SYSTEM_VERSION AS OF x"));
        }
    }
}

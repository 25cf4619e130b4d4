package io.quiver.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cached plans stay right when tables change under them, in this session or another. */
class PlanCacheTest {
    @TempDir
    Path dir;

    private static List<String> columns(QuiverSql sql, String query) throws Exception {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = sql.execute(query).rows()) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnLabel(i));
            }
        }
        return names;
    }

    @Test
    void aSchemaChangeByAnotherSessionIsPlannedAgain() throws Exception {
        try (QuiverSql one = QuiverSql.open(dir);
                QuiverSql other = QuiverSql.open(dir)) {
            one.execute("CREATE TABLE t (id BIGINT, name VARCHAR)");
            one.execute("INSERT INTO t VALUES (1, 'a')");
            assertEquals(List.of("id", "name"), columns(one, "SELECT * FROM t"));
            other.execute("ALTER TABLE t ADD COLUMN score DOUBLE");
            assertEquals(List.of("id", "name", "score"), columns(one, "SELECT * FROM t"));
            other.execute("INSERT INTO t VALUES (2, 'b', 0.5)");
            try (ResultSet rs = one.execute("SELECT count(*) FROM t").rows()) {
                rs.next();
                assertEquals(2, rs.getLong(1), "a commit by another session is not seen");
            }
        }
    }

    @Test
    void twoOpenResultsOfOneTextDoNotCloseEachOther() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE t (id BIGINT)");
            sql.execute("INSERT INTO t VALUES (1), (2), (3)");
            try (ResultSet a = sql.execute("SELECT id FROM t ORDER BY id").rows();
                    ResultSet b = sql.execute("SELECT id FROM t ORDER BY id").rows()) {
                List<Long> seen = new ArrayList<>();
                while (a.next() && b.next()) {
                    seen.add(a.getLong(1) + b.getLong(1));
                }
                assertEquals(List.of(2L, 4L, 6L), seen);
            }
        }
    }
}

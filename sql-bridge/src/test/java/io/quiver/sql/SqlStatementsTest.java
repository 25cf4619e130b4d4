package io.quiver.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlStatementsTest {
    @TempDir
    Path dir;

    static List<List<Object>> rows(SqlResult result) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (ResultSet rs = result.rows()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void issueExample() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute(
                    "CREATE TABLE images (id BIGINT PRIMARY KEY, caption VARCHAR, embedding VECTOR(4), image BLOB) USING QUIVER");
            sql.execute("INSERT INTO images VALUES (1, 'a cat', ARRAY[0.1, 0.2, 0.3, 0.4], X'89504E47')");
            sql.execute(
                    "INSERT INTO images VALUES (2, 'a dog', ARRAY[0.5, 0.2, 0.3, 0.4], X'00'), (3, 'two cats', ARRAY[0.1, 0.2, 0.3, 0.6], NULL)");
            sql.execute(
                    "ALTER TABLE images ADD VECTOR INDEX emb_idx ON embedding USING HNSW WITH (metric = 'l2', m = 16, ef_construction = 100)");
            var r = rows(
                    sql.execute(
                            "SELECT id, caption, l2_distance(embedding, ARRAY[0.1, 0.2, 0.3, 0.5]) AS d FROM images WHERE caption LIKE '%cat%' ORDER BY d LIMIT 10"));
            System.out.println(r);
            assertEquals(2, r.size());
            System.out.println(
                    rows(
                            sql.execute(
                                    "EXPLAIN PLAN FOR SELECT id, caption, l2_distance(embedding, ARRAY[0.1, 0.2, 0.3, 0.5]) AS d FROM images WHERE caption LIKE '%cat%' ORDER BY d LIMIT 10")));
            System.out.println(rows(sql.execute("EXPLAIN PLAN FOR SELECT id FROM images WHERE id = ?", 1L)));
            System.out.println(
                    rows(
                            sql.execute(
                                    "EXPLAIN PLAN FOR SELECT id FROM images ORDER BY l2_distance(embedding, ARRAY[0.1, 0.2, 0.3, 0.5]) LIMIT 10")));
            System.out.println(rows(sql.execute("SELECT id, caption FROM images WHERE id = ?", 2L)));
            assertThrows(
                    SQLIntegrityConstraintViolationException.class,
                    () -> sql.execute("INSERT INTO images (id, caption) VALUES (1, 'again')"));
            System.out.println(rows(sql.execute("DESCRIBE images")));
            System.out.println(rows(sql.execute("SHOW TABLES")));
            sql.execute("UPDATE images SET caption = 'a big cat' WHERE id = 2");
            sql.execute("DELETE FROM images WHERE caption LIKE '%dog%'");
            System.out.println(rows(sql.execute("SELECT id, caption, image FROM images ORDER BY id")));
            System.out.println(rows(sql.execute("SELECT count(*) FROM images FOR SYSTEM_VERSION AS OF 2")));
            var q = sql.prepare("SELECT id FROM images ORDER BY l2_distance(embedding, ?) LIMIT 2");
            System.out.println(rows(q.execute(List.of(new float[] {0.1f, 0.2f, 0.3f, 0.4f}))));
            assertTrue(true);
        }
    }
}

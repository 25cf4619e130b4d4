package io.quiver.lance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CREATE, INSERT, SELECT, DESCRIBE, SHOW TABLES and DROP of USING LANCE tables. */
class LanceTablesTest {
    @TempDir
    Path warehouse;

    @Test
    void createInsertSelectDescribeDrop() throws Exception {
        try (LanceSql s = new LanceSql(warehouse)) {
            s.run("CREATE TABLE images (id BIGINT PRIMARY KEY, caption VARCHAR, embedding VECTOR(3), image BLOB,"
                    + " score REAL, ok BOOLEAN) USING LANCE");
            assertTrue(Files.isDirectory(warehouse.resolve("images.lance").resolve("_versions")));
            assertEquals(
                    2,
                    s.count("INSERT INTO images VALUES (1, 'a cat', ARRAY[0.1, 0.2, 0.3], X'89504E47', 1.5, TRUE),"
                            + " (2, NULL, NULL, NULL, NULL, NULL)"));
            assertEquals(
                    1, s.count("INSERT INTO images (id, caption) SELECT id + 10, 'copy' FROM images WHERE id = 1"));
            assertEquals(
                    List.of(
                            Arrays.asList(1L, "a cat", List.of(0.1f, 0.2f, 0.3f), "89504e47", 1.5f, true),
                            Arrays.asList(2L, null, null, null, null, null),
                            Arrays.asList(11L, "copy", null, null, null, null)),
                    s.rows("SELECT * FROM images ORDER BY id"));
            assertEquals(List.of(List.of(3L)), s.rows("SELECT count(*) FROM images"));
            // A BLOB is a VARBINARY in expressions, as in Quiver's own tables.
            assertEquals(
                    List.of(Arrays.asList(1L, 4L, "504e", true), Arrays.asList(2L, null, null, null)),
                    s.rows("SELECT id, octet_length(image), SUBSTRING(image FROM 2 FOR 2), image = X'89504E47'"
                            + " FROM images WHERE id < 10 ORDER BY id"));

            List<List<Object>> described = s.rows("DESCRIBE images");
            assertEquals(
                    List.of("id", "column", "BIGINT", false, "PRIMARY KEY (not enforced: Lance records it only)"),
                    described.get(0));
            assertEquals(List.of("embedding", "column", "VECTOR(3)", true, ""), described.get(2));
            assertEquals(List.of("image", "column", "BLOB", true, ""), described.get(3));
            List<Object> table = described.getLast();
            assertEquals(List.of("images", "table", "LANCE"), table.subList(0, 3));
            assertTrue(((String) table.get(4)).contains("3 rows"), table.toString());

            s.run("CREATE TABLE q (id BIGINT)");
            assertEquals(List.of(List.of("images"), List.of("q")), s.rows("SHOW TABLES"));
            s.run("DROP TABLE images");
            assertFalse(Files.exists(warehouse.resolve("images.lance")));
            assertEquals(List.of(List.of("q")), s.rows("SHOW TABLES"));
        }
    }

    /**
     * Lance has no place for a VARCHAR(n) length: a LANCE table's text columns are VARCHAR, also
     * when declared VARCHAR(n) or copied from a QUIVER table with one, and hold any string.
     */
    @Test
    void varcharLengthsAreNotKeptInLance() throws Exception {
        try (LanceSql s = new LanceSql(warehouse)) {
            s.run("CREATE TABLE t (id BIGINT PRIMARY KEY, code VARCHAR(3)) USING LANCE");
            assertEquals(
                    List.of("code", "column", "VARCHAR"),
                    s.rows("DESCRIBE t").get(1).subList(0, 3));
            s.run("INSERT INTO t VALUES (1, 'longer than three')");
            s.run("CREATE TABLE q (id BIGINT PRIMARY KEY, code VARCHAR(3))");
            s.run("INSERT INTO q VALUES (2, 'abc')");
            s.run("CREATE TABLE c USING LANCE AS SELECT * FROM q");
            s.run("INSERT INTO c VALUES (3, 'longer than three')");
            assertEquals(
                    List.of("code", "column", "VARCHAR"),
                    s.rows("DESCRIBE c").get(1).subList(0, 3));
            assertEquals(List.of(List.of(1L, "longer than three")), s.rows("SELECT id, code FROM t ORDER BY id"));
            assertEquals("VARCHAR(3)", s.rows("DESCRIBE q").get(1).get(2), "the QUIVER table keeps its length");
            // Loading the Lance rows into the QUIVER table checks them against its length.
            java.sql.SQLDataException e = LanceSql.fails(
                    java.sql.SQLDataException.class,
                    "value too long for type VARCHAR(3)",
                    () -> s.run("COPY q FROM '" + warehouse.resolve("t.lance") + "' (FORMAT lance)"));
            assertEquals("22001", e.getSQLState());
            assertEquals(List.of(List.of(2L, "abc")), s.rows("SELECT id, code FROM q"));
        }
    }

    @Test
    void columnNamesLanceCannotAddressAreRefused() throws Exception {
        try (LanceSql s = new LanceSql(warehouse)) {
            LanceSql.fails(
                    java.sql.SQLFeatureNotSupportedException.class,
                    "Lance column names hold no . or `",
                    () -> s.run("CREATE TABLE t (\"a`b\" INTEGER) USING LANCE"));
            LanceSql.fails(
                    java.sql.SQLFeatureNotSupportedException.class,
                    "Lance column names",
                    () -> s.run("CREATE TABLE t (\"a.b\" INTEGER) USING LANCE"));
            assertEquals(List.of(), s.rows("SHOW TABLES"));
        }
    }

    @Test
    void tablesSurviveANewSession() throws Exception {
        try (LanceSql s = new LanceSql(warehouse)) {
            s.run("CREATE TABLE t (id INTEGER, name VARCHAR) USING LANCE");
            s.run("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
        }
        try (LanceSql s = new LanceSql(warehouse)) {
            assertEquals(List.of(List.of("t")), s.rows("SHOW TABLES"));
            assertEquals(List.of(List.of(2L, "two")), s.rows("SELECT id, name FROM t WHERE id > 1"));
        }
    }
}

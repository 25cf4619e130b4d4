package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.column;
import static io.quiver.sql.SqlTestSupport.version;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statements with nothing to change commit nothing, and counts as large as BIGINT work. */
class SqlNothingToDoTest {
    @TempDir
    Path dir;

    @Test
    void writesOfNoRowsCommitNoVersion() throws Exception {
        Path headerOnly = Files.writeString(dir.resolve("header.csv"), "id,v\n");
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE k (id BIGINT PRIMARY KEY, v INTEGER)");
            sql.execute("CREATE TABLE plain (id BIGINT, v INTEGER)");
            sql.execute("INSERT INTO k VALUES (1, 1)");
            sql.execute("INSERT INTO plain VALUES (1, 1)");
            long keyed = version(sql, "k");
            long plain = version(sql, "plain");
            for (String table : List.of("k", "plain")) {
                assertEquals(
                        0,
                        sql.execute("COPY " + table + " FROM '" + headerOnly + "'")
                                .updateCount());
                assertEquals(
                        0,
                        sql.execute("INSERT INTO " + table + " SELECT * FROM " + table + " WHERE v > 5")
                                .updateCount());
            }
            assertEquals(
                    0, sql.execute("UPSERT INTO k SELECT * FROM k WHERE v > 5").updateCount());
            assertAll(() -> assertEquals(keyed, version(sql, "k")), () -> assertEquals(plain, version(sql, "plain")));
        }
    }

    @Test
    void offsetsAndLimitsUpToTheLargestBigint() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE n (id BIGINT PRIMARY KEY, s VARCHAR)");
            sql.execute("INSERT INTO n VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            long max = Long.MAX_VALUE;
            assertAll(
                    () -> assertEquals(List.of(), column(sql, "SELECT id FROM n OFFSET " + max)),
                    () -> assertEquals(List.of(), column(sql, "SELECT id FROM n OFFSET 2147483648")),
                    () -> assertEquals(
                            List.of(3L, 2L, 1L), column(sql, "SELECT id FROM n ORDER BY id DESC LIMIT " + max)),
                    () -> assertEquals(
                            List.of(2L, 1L), column(sql, "SELECT id FROM n ORDER BY id DESC OFFSET 1 LIMIT " + max)),
                    () -> assertEquals(
                            List.of(2L),
                            column(sql, "SELECT count(*) FROM (SELECT * FROM n LIMIT " + max + " OFFSET 1)")),
                    () -> assertEquals(
                            List.of("b", "c"),
                            column(sql, "SELECT s FROM n ORDER BY s OFFSET 1 ROWS FETCH NEXT " + max + " ROWS ONLY")));
        }
    }
}

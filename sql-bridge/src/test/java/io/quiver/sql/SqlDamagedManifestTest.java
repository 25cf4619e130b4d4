package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's reproduction: one bit flipped in the newest manifest made SELECT answer from the
 * version before it, and the next INSERT committed on top of that, losing the acknowledged row.
 */
class SqlDamagedManifestTest {
    @TempDir
    Path dir;

    @Test
    void aDamagedNewestManifestIsAnErrorAndNothingCommitsOverIt() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE c (id BIGINT PRIMARY KEY, n INTEGER)");
            sql.execute("INSERT INTO c VALUES (1, 1)");
            sql.execute("INSERT INTO c VALUES (2, 2)");
        }
        Path newest;
        try (Stream<Path> manifests = Files.list(dir.resolve("c").resolve("_versions"))) {
            newest = manifests
                    .filter(p -> p.toString().endsWith(".qvm"))
                    .sorted()
                    .toList()
                    .getLast();
        }
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(newest, bytes);
        String name = "_versions/" + newest.getFileName();
        try (QuiverSql sql = QuiverSql.open(dir)) {
            for (String statement :
                    List.of("SELECT count(*) FROM c WHERE id = 2", "INSERT INTO c VALUES (3, 3)", "DESCRIBE c")) {
                SQLException e = assertThrows(SQLException.class, () -> column(sql, statement), statement);
                assertEquals("XX001", e.getSQLState(), statement + ": " + e);
                assertTrue(e.getMessage().contains(name), statement + ": " + e.getMessage());
            }
        }
        try (Stream<Path> manifests = Files.list(dir.resolve("c").resolve("_versions"))) {
            assertEquals(newest, manifests.sorted().toList().getLast(), "no version was committed over it");
        }
    }
}

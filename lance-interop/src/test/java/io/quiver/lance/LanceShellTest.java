package io.quiver.lance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.sql.shell.QuiverShell;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL shell finds the Lance plug-in on its class path and runs a script on a LANCE table. */
class LanceShellTest {
    @TempDir
    Path warehouse;

    @Test
    void shellScriptOnALanceTable() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String script = "CREATE TABLE l (id BIGINT, v VECTOR(2)) USING LANCE;"
                + " INSERT INTO l VALUES (1, ARRAY[0, 1]), (2, ARRAY[1, 1]);"
                + " SELECT id FROM l ORDER BY l2_distance(v, ARRAY[1, 1]) LIMIT 1;";
        int status = QuiverShell.run(
                new String[] {"--warehouse", warehouse.toString(), "--format", "csv", "-e", script},
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("id\n2\n"), out.toString(StandardCharsets.UTF_8));
    }
}

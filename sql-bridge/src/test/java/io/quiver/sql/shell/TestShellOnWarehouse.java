package io.quiver.sql.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell in script mode on a real warehouse through the Quiver driver. */
class TestShellOnWarehouse {
    @TempDir
    Path dir;

    private ShellHarness.Result run(String format, String script) {
        return ShellHarness.quiverScript("", "--warehouse", dir.toString(), "--format", format, "-e", script);
    }

    @Test
    void csvHoldsOnlyHeadersAndRows() {
        var r = run(
                "csv",
                "CREATE TABLE images (id BIGINT PRIMARY KEY, caption VARCHAR, embedding VECTOR(2), image BLOB);"
                        + " INSERT INTO images VALUES (1, 'a cat', ARRAY[0.5, 1], X'89504E47'), (2, 'a, dog', ARRAY[0, 1], NULL);"
                        + " SELECT id, caption, embedding, image FROM images WHERE caption LIKE '%cat%' OR id = 2 ORDER BY id;"
                        + " SELECT id FROM images ORDER BY l2_distance(embedding, ARRAY[0, 1]) LIMIT 1;");
        assertEquals(0, r.status(), r.err());
        assertEquals(
                "id,caption,embedding,image\n1,a cat,\"[0.5, 1.0]\",\\x89504e47\n2,\"a, dog\",\"[0.0, 1.0]\",\nid\n2\n",
                r.out());
        assertTrue(r.err().contains("INSERT 2"), r.err());
    }

    @Test
    void timestampsPrintTheirMicroseconds() {
        var r = run(
                "csv",
                "CREATE TABLE tsm (id BIGINT PRIMARY KEY, ts TIMESTAMP);"
                        + " INSERT INTO tsm VALUES (1, TIMESTAMP '2024-01-01 10:00:00.123456'),"
                        + " (2, TIMESTAMP '1969-12-31 23:59:59.999999');"
                        + " SELECT id, ts, CAST(ts AS VARCHAR) AS t FROM tsm"
                        + " WHERE ts = TIMESTAMP '2024-01-01 10:00:00.123456' OR ts < TIMESTAMP '1970-01-01 00:00:00'"
                        + " ORDER BY id;");
        assertEquals(0, r.status(), r.err());
        assertEquals(
                "id,ts,t\n1,2024-01-01T10:00:00.123456,2024-01-01 10:00:00.123456\n"
                        + "2,1969-12-31T23:59:59.999999,1969-12-31 23:59:59.999999\n",
                r.out());
    }

    @Test
    void aFailingStatementStopsTheScriptAndChangesNothing() {
        var setup = run(
                "csv", "CREATE TABLE t (id BIGINT PRIMARY KEY, v VECTOR(2)); INSERT INTO t VALUES (1, ARRAY[1, 2])");
        assertEquals(0, setup.status(), setup.err());
        var failed = run(
                "csv",
                "INSERT INTO t VALUES (2, ARRAY[1, 2]), (3, ARRAY[1, 2, 3]);\nINSERT INTO t VALUES (4, ARRAY[4, 4])");
        assertEquals(1, failed.status());
        assertEquals(
                1,
                failed.errLines().stream().filter(l -> l.startsWith("ERROR:")).count(),
                failed.err());
        assertTrue(failed.err().contains("expected a vector of 2 floats, got 3"), failed.err());
        var after = run("csv", "SELECT id FROM t ORDER BY id");
        assertEquals("id\n1\n", after.out(), "the failed INSERT wrote rows, or the script went on after it");
        var syntax = run("table", "SELECT 1;\nSELEC id FROM t");
        assertEquals(1, syntax.status());
        assertTrue(syntax.err().contains("line 2, column 1"), syntax.err());
    }
}

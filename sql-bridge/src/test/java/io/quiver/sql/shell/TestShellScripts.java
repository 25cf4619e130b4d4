package io.quiver.sql.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.sql.shell.ShellHarness.Result;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell without a terminal: {@code -e}, {@code -f} and stdin scripts, in every format. */
class TestShellScripts {

    private static final String TWO_ROWS = "SELECT * FROM (VALUES (1, 'a,b'), (2, 'q\"x')) AS t(id, name)";

    @Test
    void csvPrintsHeaderAndRowsAndNothingElse() {
        Result result = ShellHarness.script(
                "", "--format", "csv", "-e", TWO_ROWS + "; SELECT CAST(NULL AS INTEGER) AS n, 'z' AS z;");
        assertEquals(0, result.status(), result.err());
        assertEquals("ID,NAME\n1,\"a,b\"\n2,\"q\"\"x\"\nN,Z\n,z\n", result.out());
        assertEquals(2, result.errLines().size(), result.err());
        assertTrue(result.errLines().get(0).matches("2 rows \\(\\d+\\.\\d ms\\)"), result.err());
        assertTrue(result.errLines().get(1).startsWith("1 row ("), result.err());
    }

    @Test
    void csvBinaryIsHexAndVectorsAreWhole() {
        Result result = ShellHarness.script(
                "", "--format=csv", "-e", "SELECT X'00ff' AS b, ARRAY[1, 2, 3, 4, 5, 6, 7, 8, 9] AS v");
        assertEquals("B,V\n\\x00ff,\"[1, 2, 3, 4, 5, 6, 7, 8, 9]\"\n", result.out());
    }

    @Test
    void jsonPrintsOneObjectPerRow() {
        Result result = ShellHarness.script(
                "",
                "--format",
                "json",
                "-e",
                "SELECT 1 AS i, 'x' AS s, CAST(NULL AS INTEGER) AS n, TRUE AS b, ARRAY[1.5, 2.5] AS v, X'0102' AS bin,"
                        + " TIMESTAMP '2024-01-02 03:04:05' AS ts, DATE '2024-01-02' AS d; " + TWO_ROWS);
        assertEquals(0, result.status(), result.err());
        assertEquals("""
                {"I":1,"S":"x","N":null,"B":true,"V":[1.5,2.5],"BIN":"AQI=","TS":"2024-01-02T03:04:05","D":"2024-01-02"}
                {"ID":1,"NAME":"a,b"}
                {"ID":2,"NAME":"q\\"x"}
                """, result.out());
    }

    @Test
    void tableAlignsColumnsAndCountsRows() {
        Result result = ShellHarness.script("", "-e", "SELECT * FROM (VALUES (1, 'a'), (22, 'b')) AS t(id, name)");
        List<String> lines = result.out().lines().toList();
        assertEquals(List.of("ID | NAME", "---+-----", " 1 | a", "22 | b"), lines.subList(0, 4));
        assertTrue(lines.get(4).matches("2 rows \\(\\d+\\.\\d ms\\)"), lines.get(4));
        assertEquals(5, lines.size(), result.out());
        assertEquals("", result.err());
    }

    @Test
    void tableShowsNullsBlobSizesAndCutVectors() {
        Result result = ShellHarness.script(
                "",
                "-e",
                "SELECT CAST(NULL AS VARCHAR) AS n, X'010203' AS b, ARRAY[1, 2, 3, 4, 5, 6, 7, 8, 9, 10] AS v");
        List<String> lines = result.out().lines().toList();
        assertEquals("NULL | <blob 3 bytes> | [1, 2, 3, 4, 5, …] (10 values)", lines.get(2));
        assertEquals("N    | B              | V", lines.get(0));
    }

    @Test
    void failingStatementStopsTheScriptWithOneErrorLine() {
        Result result = ShellHarness.script(
                "", "--format", "csv", "-e", "SELECT 1 AS a; SELECT nope FROM (VALUES (1)) AS t(x); SELECT 3 AS c;");
        assertEquals(1, result.status());
        assertEquals("A\n1\n", result.out()); // the first ran, the third did not
        List<String> errors =
                result.errLines().stream().filter(l -> l.startsWith("ERROR")).toList();
        // The statement starts at column 16 of the script: its column 8 is the script's 23.
        assertEquals(
                List.of("ERROR: From line 1, column 23 to line 1, column 26: Column 'NOPE' not found in any table"),
                errors);
        assertEquals(2, result.errLines().size(), result.err()); // the row count of the first, the error
    }

    @Test
    void syntaxErrorPositionsAreScriptLines() {
        Result result = ShellHarness.script("", "-e", "SELECT 1;\n\nSELECT *\nFROM (VALUES (1)) AS t(x) WHERE;");
        assertEquals(1, result.status());
        String error = result.errLines().getLast();
        assertEquals("ERROR: parse failed: Encountered \"<EOF>\" at line 4, column 31.", error);
    }

    @Test
    void bugsPrintOneLineAndTheStackTraceOnlyWithDebug() {
        // Calcite fails 1/0 with an ExceptionInInitializerError rather than an SQLException.
        Result plain = ShellHarness.script("", "-e", "SELECT 1/0");
        assertEquals(1, plain.status());
        assertEquals(1, plain.errLines().size(), plain.err());
        assertTrue(plain.err().startsWith("ERROR: internal error: "), plain.err());
        Result debug = ShellHarness.script("", "--debug", "-e", "SELECT 1/0");
        assertTrue(debug.err().contains("\tat "), debug.err());
    }

    @Test
    void scriptFromFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q.sql");
        Files.writeString(file, "-- two queries\nSELECT 1 AS a;\nSELECT 'é' AS b\n", StandardCharsets.UTF_8);
        Result result = ShellHarness.script("", "--format", "csv", "-f", file.toString());
        assertEquals(0, result.status(), result.err());
        assertEquals("A\n1\nB\né\n", result.out());
    }

    @Test
    void missingFileIsAnError(@TempDir Path dir) {
        Result result = ShellHarness.script("", "-f", dir.resolve("nope.sql").toString());
        assertEquals(1, result.status());
        assertEquals(List.of("ERROR: cannot read " + dir.resolve("nope.sql") + ": no such file"), result.errLines());
    }

    @Test
    void scriptFromStdinWhenItIsNotATerminal() {
        Result result = ShellHarness.script("SELECT 7 AS x;\nSELECT 8 AS y", "--format", "csv");
        assertEquals("X\n7\nY\n8\n", result.out());
        Result dash = ShellHarness.script("SELECT 9 AS z;", "--format", "csv", "-f", "-");
        assertEquals("Z\n9\n", dash.out());
    }

    @Test
    void badOptionsPrintUsageAndExitTwo() {
        for (String[] args : List.of(
                new String[] {"--bogus"},
                new String[] {"--format", "xml", "-e", "SELECT 1"},
                new String[] {"-e"},
                new String[] {"-e", "SELECT 1", "-f", "x.sql"},
                new String[] {"stray"},
                new String[] {"--debug=yes"})) {
            Result result = ShellHarness.script("", args);
            assertEquals(2, result.status(), String.join(" ", args));
            assertTrue(result.err().startsWith("quiver sql: "), result.err());
            assertTrue(result.err().contains("usage: quiver sql"), result.err());
            assertEquals("", result.out());
        }
    }

    @Test
    void publicRunRejectsBadOptionsWithoutConnecting() {
        var err = new ByteArrayOutputStream();
        int status = QuiverShell.run(
                new String[] {"--nope"},
                InputStream.nullInputStream(),
                new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option '--nope'"));
    }

    @Test
    void connectionFailureIsOneErrorLine() {
        QuiverShell shell = new QuiverShell(
                warehouse -> {
                    throw new SQLException("no warehouse at " + warehouse);
                },
                null,
                false);
        var err = new ByteArrayOutputStream();
        int status = shell.launch(
                new String[] {"--warehouse", "/nowhere", "-e", "SELECT 1"},
                InputStream.nullInputStream(),
                new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        assertEquals("ERROR: no warehouse at /nowhere\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpGoesToStdout() {
        Result result = ShellHarness.script("", "--help");
        assertEquals(0, result.status());
        assertTrue(result.out().startsWith("usage: quiver sql"));
        assertFalse(result.out().contains("ERROR"));
    }

    @Test
    void updateMessagesNameTheStatement() {
        assertEquals("INSERT 3", StatementRunner.updateMessage("insert into t values (1), (2), (3)", 3));
        assertEquals("OK", StatementRunner.updateMessage("CREATE TABLE t (x INT)", 0));
        assertEquals("OK", StatementRunner.updateMessage("DELETE FROM t", -1));
    }
}

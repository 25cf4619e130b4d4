package io.quiver.sql.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.sql.shell.ShellHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive shell, typed at through a dumb JLine terminal over an input stream. */
class TestInteractiveShell {

    @TempDir
    Path dir;

    private Result type(String typed, String... args) {
        return ShellHarness.interactive(dir.resolve("history"), typed, args);
    }

    @Test
    void multiLineStatementRunsOnceItEnds() {
        Result result = type("SELECT\n  42 AS answer\n;\nquit\n");
        assertEquals(0, result.status(), result.err());
        // A dumb terminal does not redraw, so the continuation prompt cannot be seen here; the
        // statement running once, whole, shows that the lines were gathered.
        assertTrue(result.out().contains("ANSWER\n------\n    42\n1 row ("), result.out());
        assertEquals(1, result.out().split("row").length - 1, result.out());
    }

    @Test
    void errorThenContinue() {
        Result result = type("SELECT nope;\nSELECT 2 AS two;\nexit\n");
        assertEquals(0, result.status(), result.err());
        List<String> errors =
                result.errLines().stream().filter(l -> l.startsWith("ERROR: ")).toList();
        assertEquals(1, errors.size(), result.err());
        assertTrue(errors.getFirst().contains("Column 'NOPE' not found"), errors.getFirst());
        assertTrue(result.out().contains("TWO\n---\n  2\n"), result.out());
    }

    @Test
    void quitStopsReadingAndEndOfInputQuitsToo() {
        Result quit = type("SELECT 1 AS a;\nquit\nSELECT 2 AS b;\n");
        assertTrue(quit.out().contains("A\n-\n1\n"), quit.out());
        assertFalse(quit.out().contains("B\n-"), quit.out());
        Result eof = type("SELECT 3 AS c;\n");
        assertEquals(0, eof.status());
        assertTrue(eof.out().contains("C\n-\n3\n"), eof.out());
    }

    @Test
    void severalStatementsOnOneLineAndSemicolonsInQuotes() {
        Result result = type("SELECT 'x;y' AS s; SELECT 5 AS f;\n");
        assertTrue(result.out().contains("S\n---\nx;y\n"), result.out());
        assertTrue(result.out().contains("F\n-\n5\n"), result.out());
    }

    @Test
    void helpAndTimingCommands() {
        Result result = type("help\n\\timing off\nSELECT 1 AS a;\n\\timing on;\n");
        assertTrue(result.out().contains("quit, exit"), result.out());
        assertTrue(result.out().contains("A\n-\n1\n1 row\n"), result.out());
        assertTrue(result.errLines().containsAll(List.of("timing is off", "timing is on")), result.err());
    }

    @Test
    void historyKeepsWholeStatements() throws Exception {
        type("SELECT\n1 AS a;\nquit\n");
        String history = Files.readString(dir.resolve("history"));
        assertTrue(history.contains("SELECT\\n1 AS a;"), history);
    }

    @Test
    void formatOptionAppliesInteractively() {
        Result result = type("SELECT 1 AS a, 'b' AS b;\n", "--format", "csv");
        assertTrue(result.out().contains("A,B\n1,b\n"), result.out());
        assertTrue(result.err().contains("1 row ("), result.err());
    }
}

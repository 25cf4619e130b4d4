package io.quiver.sql.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;

/**
 * Runs the shell in-process against Calcite's own driver ({@code jdbc:calcite:}, which answers
 * {@code VALUES} queries and reports real parse and validation errors) and captures its streams.
 */
final class ShellHarness {

    /** What one run left behind. */
    record Result(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private ShellHarness() {}

    /** A script run: stdin is not a terminal. */
    static Result script(String stdin, String... args) {
        return run(false, null, stdin, args);
    }

    /** A script run through the Quiver driver on the warehouse given with --warehouse. */
    static Result quiverScript(String stdin, String... args) {
        return run(
                new QuiverShell(warehouse -> DriverManager.getConnection("jdbc:quiver:" + warehouse), null, false),
                stdin,
                args);
    }

    /** An interactive run on a dumb terminal reading {@code typed}. */
    static Result interactive(Path historyFile, String typed, String... args) {
        return run(true, historyFile, typed, args);
    }

    private static Result run(boolean terminal, Path historyFile, String stdin, String... args) {
        return run(
                new QuiverShell(warehouse -> DriverManager.getConnection("jdbc:calcite:"), historyFile, terminal),
                stdin,
                args);
    }

    private static Result run(QuiverShell shell, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = shell.launch(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e);
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

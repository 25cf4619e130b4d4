package io.quiver.sql.shell;

import io.quiver.sql.jdbc.QuiverDriver;
import io.quiver.sql.parser.SqlScript;
import java.io.BufferedOutputStream;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;

/**
 * {@code quiver sql}: a JDBC client for a Quiver warehouse, interactive on a terminal, a script
 * runner otherwise ({@code -e}, {@code -f}, or stdin). See {@link ShellOptions#USAGE}.
 *
 * <p>Exit status: 0 when everything ran, 1 when a statement (or the connection) failed, 2 for a
 * bad command line. A script stops at its first failing statement.
 */
public final class QuiverShell {

    /** The shell connects to {@code jdbc:quiver:<warehouse>}. */
    static final String URL_PREFIX = "jdbc:quiver:";

    /** Opens the connection for a warehouse; tests swap in another driver. */
    @FunctionalInterface
    interface Connector {
        Connection connect(String warehouse) throws SQLException;
    }

    private final Connector connector;
    private final Path historyFile;
    private final boolean stdinIsTerminal;

    /**
     * @param historyFile the interactive history, or null to keep none across sessions
     * @param stdinIsTerminal whether statements come from a person (the interactive shell) when
     *     neither {@code -e} nor {@code -f} is given
     */
    QuiverShell(Connector connector, Path historyFile, boolean stdinIsTerminal) {
        this.connector = connector;
        this.historyFile = historyFile;
        this.stdinIsTerminal = stdinIsTerminal;
    }

    public static void main(String[] args) {
        // Data leaves as UTF-8 whatever the locale (JSON requires it); buffered, since csv and
        // json print a line per row. Everything that prints flushes before stderr speaks.
        PrintStream out = new PrintStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false,
                StandardCharsets.UTF_8);
        int status = run(args, System.in, out, System.err);
        out.flush();
        System.exit(status);
    }

    /** Runs the shell with these streams and returns the exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        // Console.isTerminal() holds when stdin and stdout both are terminals: with stdout
        // redirected the statements are read as a script, without prompts in the output.
        Console console = System.console();
        boolean terminal = in == System.in && console != null && console.isTerminal();
        // The driver directly, not through DriverManager, whose first call loads every JDBC
        // driver on the class path (Avatica's remote driver brings protobuf): a slower start.
        QuiverDriver driver = new QuiverDriver();
        QuiverShell shell = new QuiverShell(
                warehouse -> driver.connect(URL_PREFIX + warehouse, new Properties()), defaultHistoryFile(), terminal);
        return shell.launch(args, in, out, err);
    }

    /** The shell proper, with its connector, history and terminal decision given. */
    int launch(String[] args, InputStream in, PrintStream out, PrintStream err) {
        ShellOptions options;
        try {
            options = ShellOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("quiver sql: " + e.getMessage());
            err.print(ShellOptions.USAGE);
            err.flush();
            return 2;
        }
        if (options.help()) {
            out.print(ShellOptions.USAGE);
            out.flush();
            return 0;
        }
        Diagnostics diagnostics = new Diagnostics(out, err, options.debug());
        try {
            boolean interactive = !options.hasScript() && stdinIsTerminal;
            String script = interactive ? null : readScript(options, in);
            try (Connection connection = connector.connect(options.warehouse())) {
                StatementRunner runner = new StatementRunner(connection, options.format(), out, diagnostics);
                if (interactive) {
                    runInteractive(options, in, out, runner, diagnostics);
                    return 0;
                }
                return runScript(script, runner);
            }
        } catch (SQLException e) {
            diagnostics.error(ErrorMessages.describe(e, new SqlScript.Statement("", 1, 1)));
        } catch (IOException e) {
            diagnostics.error(e.getMessage());
        } catch (RuntimeException | Error e) {
            diagnostics.bug(e);
        } finally {
            out.flush();
        }
        return 1;
    }

    /** Runs the statements in order and stops at the first that fails. */
    private static int runScript(String script, StatementRunner runner) {
        for (SqlScript.Statement statement : SqlScript.split(script)) {
            if (!runner.run(statement)) {
                return 1;
            }
        }
        return 0;
    }

    private void runInteractive(
            ShellOptions options, InputStream in, PrintStream out, StatementRunner runner, Diagnostics diagnostics)
            throws IOException {
        // The real terminal when the user's stdin is one. Otherwise (tests) a dumb terminal over
        // the given streams, built directly: TerminalBuilder.streams(...) in JLine 4 wraps them in
        // a pseudo-terminal whose line discipline swallows the input.
        Terminal terminal = in == System.in
                ? TerminalBuilder.builder().name("quiver").system(true).build()
                : new DumbTerminal("quiver", Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8);
        try (terminal) {
            String banner =
                    "Quiver SQL on " + options.warehouse() + ". End statements with ';'; help for help, quit to leave.";
            new InteractiveShell(terminal, runner, diagnostics, out, historyFile).run(banner);
        }
    }

    private static String readScript(ShellOptions options, InputStream in) throws IOException {
        if (options.command() != null) {
            return options.command();
        }
        if (options.file() == null || options.file().toString().equals("-")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            return Files.readString(options.file(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot read " + options.file() + ": " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.toString();
    }

    /** $QUIVER_HISTORY if set (empty: no history), else ~/.quiver_history. */
    static Path defaultHistoryFile() {
        String override = System.getenv("QUIVER_HISTORY");
        if (override != null) {
            return override.isEmpty() ? null : Path.of(override);
        }
        return Path.of(System.getProperty("user.home"), ".quiver_history");
    }
}

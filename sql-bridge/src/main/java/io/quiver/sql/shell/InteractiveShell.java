package io.quiver.sql.shell;

import io.quiver.sql.parser.SqlScript;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The read-run loop on a terminal: JLine line editing and history, a continuation prompt until a
 * statement ends, and a shell that keeps going after a failed statement.
 */
final class InteractiveShell {

    static final String PROMPT = "quiver> ";
    /** As wide as {@link #PROMPT}, so that continued lines stay aligned. */
    static final String CONTINUATION_PROMPT = "   ...> ";

    private final Terminal terminal;
    private final StatementRunner runner;
    private final Diagnostics diagnostics;
    private final PrintStream out;
    private final Path historyFile;

    /**
     * @param historyFile where history is kept across sessions, or null for this session only
     */
    InteractiveShell(
            Terminal terminal, StatementRunner runner, Diagnostics diagnostics, PrintStream out, Path historyFile) {
        this.terminal = terminal;
        this.runner = runner;
        this.diagnostics = diagnostics;
        this.out = out;
        this.historyFile = historyFile;
    }

    /** Reads and runs statements until quit, exit or end of input. */
    void run(String banner) throws IOException {
        LineReader reader = newReader();
        out.println(banner);
        out.flush();
        // Ctrl-C while a statement runs cancels it; while typing, JLine drops the buffer instead.
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> runner.cancel());
        try {
            while (true) {
                String input;
                try {
                    input = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                if (!runInput(input)) {
                    break;
                }
            }
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            reader.getHistory().save();
        }
    }

    /** Runs a shell command or the statements of one accepted input; false on quit. */
    private boolean runInput(String input) {
        ShellCommand command = ShellCommand.parse(input);
        if (command == null) {
            for (SqlScript.Statement statement : SqlScript.split(input)) {
                if (!runner.run(statement)) {
                    break; // the statements typed after a failed one would run on a wrong premise
                }
            }
            return true;
        }
        switch (command) {
            case QUIT -> {
                return false;
            }
            case HELP -> {
                out.print(ShellCommand.HELP_TEXT);
                out.flush();
            }
            case TIMING_ON, TIMING_OFF, TIMING_TOGGLE -> {
                runner.timing(
                        command == ShellCommand.TIMING_ON || command == ShellCommand.TIMING_TOGGLE && !runner.timing());
                diagnostics.message("timing is " + (runner.timing() ? "on" : "off"));
            }
        }
        return true;
    }

    private LineReader newReader() {
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("quiver")
                .parser(new SqlLineParser())
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION_PROMPT)
                // No pause after each ')' to show its '(': pasted statements would crawl.
                .variable(LineReader.BLINK_MATCHING_PAREN, 0)
                // '!' is SQL (!=), not a history reference.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, false);
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        return builder.build();
    }
}

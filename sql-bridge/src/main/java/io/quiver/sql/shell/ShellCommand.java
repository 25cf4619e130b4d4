package io.quiver.sql.shell;

import java.util.Locale;

/** The interactive shell's own commands, typed instead of a statement; a trailing ';' is allowed. */
enum ShellCommand {
    HELP,
    QUIT,
    TIMING_ON,
    TIMING_OFF,
    TIMING_TOGGLE;

    static final String HELP_TEXT = """
            Type SQL statements ending with ';' (they may span lines), or one of:
              help, \\?              this help
              quit, exit, \\q        leave the shell (or Ctrl-D)
              \\timing [on|off]      show how long statements take (on at start)
            Ctrl-C drops the statement being typed, or cancels the one running.
            """;

    /** The command {@code input} is, or null if it is SQL. */
    static ShellCommand parse(String input) {
        String text = input.strip();
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return switch (text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")) {
            case "help", "\\?" -> HELP;
            case "quit", "exit", "\\q" -> QUIT;
            case "\\timing on" -> TIMING_ON;
            case "\\timing off" -> TIMING_OFF;
            case "\\timing" -> TIMING_TOGGLE;
            default -> null;
        };
    }

    static boolean isCommand(String input) {
        return parse(input) != null;
    }
}

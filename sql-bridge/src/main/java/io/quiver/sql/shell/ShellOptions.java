package io.quiver.sql.shell;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The parsed command line of {@code quiver sql}; {@link #parse} rejects anything it does not know
 * with an {@code IllegalArgumentException} whose message is shown above the usage.
 *
 * @param warehouse the warehouse folder, as given (the driver resolves it)
 * @param format how results are printed
 * @param command the SQL of {@code -e}, or null
 * @param file the script of {@code -f}, or null ({@code -} reads stdin)
 * @param debug whether unexpected errors print their stack trace
 * @param help whether {@code -h/--help} was given
 */
record ShellOptions(String warehouse, OutputFormat format, String command, Path file, boolean debug, boolean help) {

    /** The warehouse used without {@code --warehouse}. */
    static final String DEFAULT_WAREHOUSE = "./quiver-data";

    static final String USAGE = """
            usage: quiver sql [--warehouse DIR] [--format table|csv|json] [-e SQL | -f FILE] [--debug]

            Without -e or -f, reads statements from stdin: an interactive shell on a terminal,
            a script otherwise. Statements end with ';'.

              --warehouse DIR  the warehouse folder (default: ./quiver-data)
              --format FMT     table (default), csv (header and rows only) or json (one object per row)
              -e SQL           run these statements and exit
              -f FILE          run the statements of FILE (- for stdin) and exit
              --debug          print stack traces of unexpected errors
              -h, --help       show this help

            A script stops at the first failing statement and exits with status 1.
            """;

    ShellOptions {
        Objects.requireNonNull(warehouse, "warehouse is null");
        Objects.requireNonNull(format, "format is null");
    }

    /** Whether statements come from {@code -e} or {@code -f} rather than stdin. */
    boolean hasScript() {
        return command != null || file != null;
    }

    static ShellOptions parse(String... args) {
        String warehouse = DEFAULT_WAREHOUSE;
        OutputFormat format = OutputFormat.TABLE;
        String command = null;
        Path file = null;
        boolean debug = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            // --name=value is the same as --name value
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            switch (name) {
                case "--warehouse" -> warehouse = inline != null ? inline : value(args, ++i, name);
                case "--format" -> format = OutputFormat.fromName(inline != null ? inline : value(args, ++i, name));
                case "-e" -> {
                    requireNoScript(command, file);
                    command = value(args, ++i, name);
                }
                case "-f" -> {
                    requireNoScript(command, file);
                    file = Path.of(value(args, ++i, name));
                }
                case "--debug" -> debug = true;
                case "-h", "--help" -> help = true;
                default ->
                    throw new IllegalArgumentException(
                            arg.startsWith("-") ? "unknown option '" + arg + "'" : "unexpected argument '" + arg + "'");
            }
            if (inline != null && (name.equals("--debug") || name.equals("--help"))) {
                throw new IllegalArgumentException("option " + name + " takes no value");
            }
        }
        if (warehouse.isEmpty()) {
            throw new IllegalArgumentException("--warehouse needs a folder");
        }
        return new ShellOptions(warehouse, format, command, file, debug, help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args[i];
    }

    private static void requireNoScript(String command, Path file) {
        if (command != null || file != null) {
            throw new IllegalArgumentException("give one -e or -f, not several");
        }
    }
}

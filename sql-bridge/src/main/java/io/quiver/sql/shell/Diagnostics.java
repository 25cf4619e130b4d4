package io.quiver.sql.shell;

import java.io.PrintStream;

/**
 * Where the shell's messages go: everything that is not data goes to stderr, after stdout is
 * flushed so that a terminal shows both in the order they happened.
 */
final class Diagnostics {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean debug;

    Diagnostics(PrintStream out, PrintStream err, boolean debug) {
        this.out = out;
        this.err = err;
        this.debug = debug;
    }

    /** A row count, an update count, a notice. */
    void message(String text) {
        out.flush();
        err.println(text);
        err.flush();
    }

    /** A user's mistake (bad SQL, a missing file): one line and no stack trace, ever. */
    void error(String text) {
        message("ERROR: " + text);
    }

    /** A bug in the driver or the shell: one line too; the stack trace follows only with --debug. */
    void bug(Throwable error) {
        String text = ErrorMessages.describeUnexpected(error);
        if (!debug) {
            error(text + " (--debug prints the stack trace)");
            return;
        }
        error(text);
        error.printStackTrace(err);
        err.flush();
    }
}

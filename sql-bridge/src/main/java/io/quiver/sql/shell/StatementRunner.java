package io.quiver.sql.shell;

import io.quiver.sql.parser.SqlScript;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;

/**
 * Runs statements on one connection with {@code Statement.execute} and reports each: rows through
 * the {@link ResultPrinter}, then a summary line ({@code 3 rows (1.2 ms)}, on stdout in table
 * format, else on stderr so that stdout holds data only); an update count on stderr ({@code INSERT
 * 3 (0.8 ms)}, or {@code OK}); a failure as one {@code ERROR: } line on stderr.
 */
final class StatementRunner {

    /** Statements whose update count is a number of rows worth showing. */
    private static final Set<String> COUNTED = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "COPY");

    private final Connection connection;
    private final OutputFormat format;
    private final PrintStream out;
    private final Diagnostics diagnostics;
    private boolean timing = true;
    private volatile Statement running; // for cancel() from the Ctrl-C handler's thread

    StatementRunner(Connection connection, OutputFormat format, PrintStream out, Diagnostics diagnostics) {
        this.connection = connection;
        this.format = format;
        this.out = out;
        this.diagnostics = diagnostics;
    }

    /** Whether summaries show the elapsed time ({@code \timing on|off}). */
    void timing(boolean on) {
        timing = on;
    }

    boolean timing() {
        return timing;
    }

    /** Runs one statement; false if it failed, its {@code ERROR:} line already printed. */
    boolean run(SqlScript.Statement statement) {
        long started = System.nanoTime();
        try (Statement jdbc = connection.createStatement()) {
            running = jdbc;
            if (jdbc.execute(statement.sql())) {
                long rows;
                try (ResultSet results = jdbc.getResultSet()) {
                    rows = ResultPrinter.of(format, out).print(results);
                }
                String summary = rows + (rows == 1 ? " row" : " rows") + elapsed(started);
                if (format == OutputFormat.TABLE) {
                    out.println(summary);
                } else {
                    diagnostics.message(summary);
                }
            } else {
                diagnostics.message(updateMessage(statement.sql(), jdbc.getUpdateCount()) + elapsed(started));
            }
            out.flush();
            return true;
        } catch (SQLException e) {
            diagnostics.error(ErrorMessages.describe(e, statement));
        } catch (IOException e) {
            // Declared by the csv and json writers; over a PrintStream they do not throw it.
            diagnostics.error("cannot write the result: " + e.getMessage());
        } catch (RuntimeException | Error e) {
            // A bug in the driver or the shell (Calcite even throws ExceptionInInitializerError
            // for 1/0): one line, the stack trace only when asked for.
            diagnostics.bug(e);
        } finally {
            running = null;
        }
        return false;
    }

    /** Asks the driver to stop the statement now running, if any (Ctrl-C in the shell). */
    void cancel() {
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException e) {
                diagnostics.message("cannot cancel: " + e.getMessage());
            }
        }
    }

    /** {@code INSERT 3} for statements that count rows, {@code OK} for the others. */
    static String updateMessage(String sql, long count) {
        String keyword = firstWord(sql);
        return COUNTED.contains(keyword) && count >= 0 ? keyword + " " + count : "OK";
    }

    private static String firstWord(String sql) {
        int end = 0;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        return sql.substring(0, end).toUpperCase(Locale.ROOT);
    }

    private String elapsed(long startedNanos) {
        if (!timing) {
            return "";
        }
        double millis = (System.nanoTime() - startedNanos) / 1e6;
        return String.format(Locale.ROOT, " (%.1f ms)", millis);
    }
}

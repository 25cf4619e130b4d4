package io.quiver.sql.shell;

import io.quiver.sql.parser.SqlScript;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns exceptions into the one line the shell prints after {@code ERROR: }.
 *
 * <p>A driver's message is passed through with three changes: an echo of the statement (Avatica
 * drivers, Calcite's among them, start with {@code Error while executing SQL "<sql>": }) is
 * dropped since the user just typed it; only the first line is kept (Calcite appends dozens of
 * "Was expecting" lines to parse errors); and each {@code line L, column C}, which is relative to
 * the statement, is moved to the statement's place in the script.
 */
final class ErrorMessages {

    private static final Pattern POSITION = Pattern.compile("\\b(line )(\\d{1,9})(, column )(\\d{1,9})");

    private ErrorMessages() {}

    /** The message of a failed statement, positions mapped into the script. */
    static String describe(SQLException error, SqlScript.Statement statement) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName() + " (the driver gave no message)";
        }
        String echo = "Error while executing SQL \"" + statement.sql() + "\": ";
        if (message.startsWith(echo) && message.length() > echo.length()) {
            message = message.substring(echo.length());
        }
        return mapPositions(firstLine(message), statement.line(), statement.column());
    }

    /** The line for an exception that is not a user's mistake but a bug somewhere. */
    static String describeUnexpected(Throwable error) {
        String message = error.getMessage();
        String text = error.getClass().getName() + (message == null ? "" : ": " + firstLine(message));
        return "internal error: " + text;
    }

    /**
     * Adds the statement's starting line to every {@code line L} and, on the statement's first
     * line, its starting column to {@code column C}.
     */
    static String mapPositions(String message, int startLine, int startColumn) {
        if (startLine == 1 && startColumn == 1) {
            return message;
        }
        Matcher m = POSITION.matcher(message);
        StringBuilder mapped = new StringBuilder();
        while (m.find()) {
            long line = Long.parseLong(m.group(2));
            long column = Long.parseLong(m.group(4));
            long scriptColumn = line == 1 ? column + startColumn - 1 : column;
            m.appendReplacement(mapped, m.group(1) + (line + startLine - 1) + m.group(3) + scriptColumn);
        }
        m.appendTail(mapped);
        return mapped.toString();
    }

    private static String firstLine(String message) {
        String stripped = message.strip();
        int newline = stripped.indexOf('\n');
        return (newline < 0 ? stripped : stripped.substring(0, newline)).strip();
    }
}

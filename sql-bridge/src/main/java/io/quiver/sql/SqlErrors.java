package io.quiver.sql;

import io.quiver.engine.CommitConflictException;
import io.quiver.engine.DuplicateKeyException;
import io.quiver.engine.NonFiniteVectorException;
import io.quiver.engine.TableExistsException;
import io.quiver.engine.TableNotFoundException;
import io.quiver.engine.ValueTooLongException;
import io.quiver.format.CorruptFileException;
import io.quiver.sql.copy.CopyFormatException;
import io.quiver.sql.exec.SubstringLengthException;
import io.quiver.sql.parse.SqlSyntaxException;
import io.quiver.sql.parser.InvalidLiteralException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * Turns whatever a statement failed with into a {@link SQLException} whose message a user can act
 * on (no stack trace needed): syntax errors with their line and column, unknown tables and
 * columns, duplicate keys, bad values, commit conflicts, corrupt files. Causes are kept.
 */
public final class SqlErrors {
    private SqlErrors() {}

    public static SQLException translate(Throwable failure) {
        Throwable t = rootCause(failure);
        SQLException translated = switch (t) {
            case SQLException e -> e;
            case SqlParseException e -> parse(e);
            case CalciteContextException e ->
                new SQLSyntaxErrorException(
                        "line " + e.getPosLine() + ", column " + e.getPosColumn() + ": "
                                + e.getCause().getMessage(),
                        "42000",
                        e);
            case DuplicateKeyException e -> new SQLIntegrityConstraintViolationException(e.getMessage(), "23505", e);
            // A string longer than its VARCHAR(n) column, from the engine or from a COPY file.
            case ValueTooLongException e -> new SQLDataException(e.getMessage(), "22001", e);
            case NonFiniteVectorException e -> new SQLDataException(e.getMessage(), "22000", e);
            case CopyFormatException e
            when e.sqlState() != null -> new SQLDataException(e.getMessage(), e.sqlState(), e);
            case TableNotFoundException e -> new SQLSyntaxErrorException(e.getMessage(), "42P01", e);
            case TableExistsException e -> new SQLSyntaxErrorException(e.getMessage(), "42P07", e);
            case CommitConflictException e -> new SQLTransactionRollbackException(e.getMessage(), "40001", e);
            case CorruptFileException e -> new SQLException(e.getMessage(), "XX001", e);
            // CAST('abc' AS BIGINT), or a comparison that casts: Java says only 'For input string: "abc"'.
            case NumberFormatException e ->
                new SQLDataException(
                        "invalid number: " + e.getMessage().replaceFirst("^For input string: ", ""), "22P02", e);
            case SubstringLengthException e ->
                new SQLDataException(e.getMessage(), SubstringLengthException.SQL_STATE, e);
            case IllegalArgumentException e -> new SQLDataException(e.getMessage(), "22000", e);
            // A timestamp's text that is none (22007), or a value past the years 1 to 9999 (22008).
            case java.time.format.DateTimeParseException e -> new SQLDataException(e.getMessage(), "22007", e);
            case java.time.DateTimeException e -> new SQLDataException(e.getMessage(), "22008", e);
            // Casts of values that do not fit (300 to TINYINT, 12345.5 to DECIMAL(5, 2)).
            // Checked arithmetic (Math.addExact and the like) says only "integer overflow".
            // Java says "/ by zero" (integers, decimals) and "division by zero" (our float checks).
            case ArithmeticException e
            when String.valueOf(e.getMessage()).contains("by zero") ->
                new SQLDataException("division by zero", "22012", e);
            case ArithmeticException e ->
                new SQLDataException(
                        e.getMessage() != null && e.getMessage().endsWith(" overflow")
                                ? "numeric value out of range (" + e.getMessage() + ")"
                                : e.getMessage(),
                        "22003",
                        e);
            case IllegalStateException e -> new SQLException(e.getMessage(), "55000", e);
            case UnsupportedOperationException e ->
                new java.sql.SQLFeatureNotSupportedException(e.getMessage(), "0A000", e);
            case NoSuchFileException e -> new SQLException("file " + e.getFile() + " does not exist", "58P01", e);
            case AccessDeniedException e -> new SQLException("permission denied: " + e.getFile(), "42501", e);
            case IOException e -> new SQLException(e.getMessage(), "58030", e);
            // Calcite's parser, validator and planner recurse over the syntax tree.
            case StackOverflowError e ->
                new SQLException(
                        "the statement is nested too deeply to run (deeply nested parentheses, NOTs or"
                                + " expressions); simplify it",
                        "54001",
                        e);
            default -> new SQLException("internal error: " + t, "XX000", t);
        };
        return translated;
    }

    /** The innermost cause that says what went wrong (wrappers from Calcite and Avatica peeled off). */
    private static Throwable rootCause(Throwable t) {
        Throwable current = t;
        while (true) {
            if (current instanceof SqlSyntaxException
                    || current instanceof CalciteContextException
                    || current instanceof SqlParseException) {
                return current;
            }
            Throwable cause = current.getCause();
            boolean wrapper = current instanceof UncheckedIOException
                    // Calcite folds constants in static initializers of the code it generates.
                    || current instanceof ExceptionInInitializerError
                    || current instanceof java.lang.reflect.InvocationTargetException
                    || current instanceof java.lang.reflect.UndeclaredThrowableException
                    || (current instanceof SQLException && cause != null)
                    // Arrow readers can only throw IOException: a query's error read as rows arrives in one.
                    || (current instanceof IOException && cause instanceof SQLException)
                    || (current.getClass() == RuntimeException.class && cause != null);
            if (!wrapper || cause == null || cause == current) {
                return current;
            }
            current = cause;
        }
    }

    private static SQLException parse(SqlParseException e) {
        SQLException badLiteral = InvalidLiteralException.asDataError(e);
        if (badLiteral != null) {
            return badLiteral;
        }
        String message = e.getMessage() == null ? "cannot parse the statement" : e.getMessage();
        int cut = message.indexOf("\nWas expecting");
        if (cut < 0) {
            cut = message.indexOf("Was expecting");
        }
        String reason = (cut < 0 ? message : message.substring(0, cut)).strip();
        var pos = e.getPos();
        int at = reason.indexOf(" at line ");
        String what = at < 0 ? reason : reason.substring(0, at);
        return pos == null
                ? new SQLSyntaxErrorException("syntax error: " + reason, "42601", e)
                : new SqlSyntaxException(what.replace('\n', ' '), pos.getLineNum(), pos.getColumnNum());
    }
}

package io.quiver.sql.parser;

import java.sql.SQLDataException;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A literal the parser read but whose value is not one of its type ({@code DATE '1500-02-29'}):
 * a data error with its SQLSTATE, as PostgreSQL reports it, not a syntax error. The parser hands it
 * on as the cause of its {@link SqlParseException}; {@link #asDataError} turns it into JDBC's.
 */
public final class InvalidLiteralException extends RuntimeException {
    /** The value's text is not in its type's format. */
    public static final String BAD_FORMAT = "22007";

    /** The text is in the format, but a field is out of range (month 13, February 29 of 1500). */
    public static final String OUT_OF_RANGE = "22008";

    private final String sqlState;

    private InvalidLiteralException(String message, String sqlState) {
        super(message);
        this.sqlState = sqlState;
    }

    /** Thrown from a grammar action: Calcite's parser reports the position and keeps this as the cause. */
    static CalciteContextException at(SqlParserPos pos, String message, String sqlState) {
        return new CalciteContextException(
                message,
                new InvalidLiteralException(message, sqlState),
                pos.getLineNum(),
                pos.getColumnNum(),
                pos.getEndLineNum(),
                pos.getEndColumnNum());
    }

    /** The parse failure as the data error it is, or null when it is not an invalid literal. */
    public static SQLDataException asDataError(SqlParseException e) {
        if (!(e.getCause() instanceof InvalidLiteralException literal)) {
            return null;
        }
        SqlParserPos pos = e.getPos();
        String where = pos == null ? "" : " at line " + pos.getLineNum() + ", column " + pos.getColumnNum();
        return new SQLDataException(literal.getMessage() + where, literal.sqlState, e);
    }
}

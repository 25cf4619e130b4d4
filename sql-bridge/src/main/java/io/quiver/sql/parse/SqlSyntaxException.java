package io.quiver.sql.parse;

import java.sql.SQLSyntaxErrorException;

/** A statement that does not parse; the message says where (1-based line and column) and why. */
public final class SqlSyntaxException extends SQLSyntaxErrorException {
    private final int line;
    private final int column;

    public SqlSyntaxException(String message, int line, int column) {
        super("syntax error at line " + line + ", column " + column + ": " + message, "42601");
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}

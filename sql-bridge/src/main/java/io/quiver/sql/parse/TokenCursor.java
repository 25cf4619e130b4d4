package io.quiver.sql.parse;

import io.quiver.sql.parse.Token.Kind;
import java.util.List;

/** Walks a statement's tokens for the recursive-descent parser; every mismatch is a syntax error at the token. */
final class TokenCursor {
    private final String sql;
    private final List<Token> tokens;
    private int at;

    TokenCursor(String sql, List<Token> tokens) {
        this.sql = sql;
        this.tokens = tokens;
    }

    Token peek() {
        return tokens.get(at);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(at + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Kind.END) {
            at++;
        }
        return t;
    }

    boolean accept(String keyword) {
        if (peek().is(keyword)) {
            at++;
            return true;
        }
        return false;
    }

    boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            at++;
            return true;
        }
        return false;
    }

    void expect(String keyword) throws SqlSyntaxException {
        if (!accept(keyword)) {
            throw error("expected " + keyword.toUpperCase(java.util.Locale.ROOT));
        }
    }

    void expectSymbol(String symbol) throws SqlSyntaxException {
        if (!acceptSymbol(symbol)) {
            throw error("expected '" + symbol + "'");
        }
    }

    String identifier(String what) throws SqlSyntaxException {
        if (!peek().isIdentifier()) {
            throw error("expected " + what);
        }
        return next().value();
    }

    String string(String what) throws SqlSyntaxException {
        if (peek().kind() != Kind.STRING) {
            throw error("expected " + what + " as a quoted string");
        }
        return next().value();
    }

    int integer(String what) throws SqlSyntaxException {
        Token t = peek();
        if (t.kind() != Kind.NUMBER || !t.text().chars().allMatch(Character::isDigit)) {
            throw error("expected " + what + " (a whole number)");
        }
        try {
            int v = Integer.parseInt(next().text());
            return v;
        } catch (NumberFormatException e) {
            throw new SqlSyntaxException(what + " " + t.text() + " is too large", t.line(), t.column());
        }
    }

    void expectEnd() throws SqlSyntaxException {
        acceptSymbol(";");
        if (peek().kind() != Kind.END) {
            throw error("unexpected text");
        }
    }

    /** The statement's text from this token to the end, without a trailing semicolon; consumes it. */
    String rest() {
        Token t = peek();
        at = tokens.size() - 1;
        String text = sql.substring(t.start()).strip();
        return text.endsWith(";") ? text.substring(0, text.length() - 1).strip() : text;
    }

    /** Moves past every token left (their text was taken with {@link #rest()}). */
    void skipToEnd() {
        at = tokens.size() - 1;
    }

    /** The text between two token positions (start inclusive, end exclusive). */
    String text(int fromToken, int toToken) {
        return sql.substring(tokens.get(fromToken).start(), tokens.get(toToken).start())
                .strip();
    }

    int position() {
        return at;
    }

    SqlSyntaxException error(String expected) {
        Token t = peek();
        return new SqlSyntaxException(expected + ", found " + t.describe(), t.line(), t.column());
    }
}

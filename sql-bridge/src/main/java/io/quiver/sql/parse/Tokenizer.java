package io.quiver.sql.parse;

import io.quiver.sql.parse.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits one SQL statement into tokens, skipping whitespace and comments, with the line and column
 * of each (1-based) for error messages. Unquoted identifiers fold to lower case, quoted ones keep
 * their case, as in PostgreSQL (and as the Calcite parser is configured).
 */
public final class Tokenizer {
    private final String sql;
    private int pos;
    private int line = 1;
    private int lineStart;

    private Tokenizer(String sql) {
        this.sql = sql;
    }

    public static List<Token> tokenize(String sql) throws SqlSyntaxException {
        Tokenizer t = new Tokenizer(sql);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = t.next();
            tokens.add(token);
        } while (token.kind() != Kind.END);
        return tokens;
    }

    private Token next() throws SqlSyntaxException {
        skipSpaceAndComments();
        int start = pos;
        int startLine = line;
        int startColumn = pos - lineStart + 1;
        if (pos >= sql.length()) {
            return new Token(Kind.END, "", "", pos, pos, startLine, startColumn);
        }
        char c = sql.charAt(pos);
        Kind kind;
        String value;
        if (Character.isLetter(c) || c == '_') {
            while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
                pos++;
            }
            kind = Kind.WORD;
            value = sql.substring(start, pos).toLowerCase(Locale.ROOT);
        } else if (c == '"' || c == '\'') {
            value = quoted(c, startLine, startColumn);
            kind = c == '"' ? Kind.QUOTED_IDENTIFIER : Kind.STRING;
        } else if (Character.isDigit(c)
                || (c == '.' && pos + 1 < sql.length() && Character.isDigit(sql.charAt(pos + 1)))) {
            number();
            kind = Kind.NUMBER;
            value = sql.substring(start, pos);
        } else if (c == '?') {
            pos++;
            kind = Kind.PARAMETER;
            value = "?";
        } else {
            pos += symbolLength(c);
            kind = Kind.SYMBOL;
            value = sql.substring(start, pos);
        }
        return new Token(kind, sql.substring(start, pos), value, start, pos, startLine, startColumn);
    }

    private int symbolLength(char c) {
        String two = pos + 1 < sql.length() ? sql.substring(pos, pos + 2) : "";
        return switch (two) {
            case "<=", ">=", "<>", "!=", "||", "::" -> 2;
            default -> 1;
        };
    }

    private void number() {
        while (pos < sql.length() && (Character.isDigit(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
            int save = pos++;
            if (pos < sql.length() && (sql.charAt(pos) == '+' || sql.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
    }

    /** Reads a quoted run whose quote character is doubled to escape it. */
    private String quoted(char quote, int startLine, int startColumn) throws SqlSyntaxException {
        StringBuilder out = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= sql.length()) {
                throw new SqlSyntaxException(
                        (quote == '"' ? "unterminated quoted identifier" : "unterminated string literal"),
                        startLine,
                        startColumn);
            }
            char c = sql.charAt(pos++);
            if (c == quote) {
                if (pos < sql.length() && sql.charAt(pos) == quote) {
                    out.append(quote);
                    pos++;
                    continue;
                }
                return out.toString();
            }
            if (c == '\n') {
                line++;
                lineStart = pos;
            }
            out.append(c);
        }
    }

    private void skipSpaceAndComments() throws SqlSyntaxException {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (sql.startsWith("--", pos)) {
                while (pos < sql.length() && sql.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (sql.startsWith("/*", pos)) {
                int startLine = line;
                int startColumn = pos - lineStart + 1;
                int close = sql.indexOf("*/", pos + 2);
                if (close < 0) {
                    throw new SqlSyntaxException("unterminated comment", startLine, startColumn);
                }
                for (int i = pos; i < close; i++) {
                    if (sql.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
                pos = close + 2;
            } else {
                return;
            }
        }
    }
}

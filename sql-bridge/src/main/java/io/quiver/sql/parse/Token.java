package io.quiver.sql.parse;

/**
 * One lexical token of a statement. {@code text} is the token as written; {@code value} is what
 * it means: an identifier's name (unquoted ones folded to lower case, as Calcite is configured),
 * a string literal's contents, or the upper-cased word for keywords and symbols.
 */
public record Token(Kind kind, String text, String value, int start, int end, int line, int column) {
    public enum Kind {
        WORD,
        QUOTED_IDENTIFIER,
        STRING,
        NUMBER,
        PARAMETER,
        SYMBOL,
        END
    }

    /** Whether this is the unquoted word {@code keyword} (case-insensitive). */
    public boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    public boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    public boolean isIdentifier() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }

    /** How the token reads in an error message. */
    public String describe() {
        return kind == Kind.END ? "end of statement" : "'" + text + "'";
    }
}

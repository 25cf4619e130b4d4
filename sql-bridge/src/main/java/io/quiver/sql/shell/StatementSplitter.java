package io.quiver.sql.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cuts a SQL script into statements at each {@code ;} that is not inside a {@code '...'} string,
 * a {@code "..."} identifier, a {@code -- ...} line comment or a {@code /* ... *}{@code /} block
 * comment. Doubled quotes ({@code 'it''s'}) stay inside their string.
 *
 * <p>Each statement keeps the line and column (1-based) of its first character in the script, so
 * that an error position the server reports relative to the statement can be mapped back to the
 * script. Comments and blank space before a statement are not part of it; a statement made only of
 * comments and blanks (as between {@code ;;}) is dropped; the text after the last {@code ;} is a
 * statement of its own if anything but blanks and comments is left.
 */
final class StatementSplitter {

    /** One statement without its terminating {@code ;}, and where it starts in the script. */
    record Statement(String sql, int line, int column) {
        Statement {
            Objects.requireNonNull(sql, "sql is null");
        }
    }

    private StatementSplitter() {}

    /** Every statement of {@code script} in order, the unterminated last one included. */
    static List<Statement> split(String script) {
        return new Scan(script).run().statements;
    }

    /**
     * Whether {@code text} ends between statements: no string, identifier or block comment is still
     * open, and nothing but blanks and comments follows the last {@code ;}. The interactive shell
     * keeps reading lines until this holds.
     */
    static boolean isComplete(String text) {
        Scan scan = new Scan(text).run();
        return !scan.endsOpen;
    }

    /** One pass over the text: a small state machine with a line and column counter. */
    private static final class Scan {
        private final String text;
        private final List<Statement> statements = new ArrayList<>();
        private int pos;
        private int line = 1;
        private int column = 1;
        private int start = -1; // offset of the current statement's first character, or -1
        private int startLine;
        private int startColumn;
        private boolean endsOpen;

        Scan(String text) {
            this.text = Objects.requireNonNull(text, "text is null");
        }

        Scan run() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '-' && peek(1) == '-') {
                    skipLineComment();
                } else if (c == '/' && peek(1) == '*') {
                    skipBlockComment();
                } else if (c == ';') {
                    finishStatement(pos);
                    advance();
                } else if (Character.isWhitespace(c)) {
                    advance();
                } else {
                    markStart();
                    if (c == '\'' || c == '"') {
                        skipQuoted(c);
                    } else {
                        advance();
                    }
                }
            }
            endsOpen |= start >= 0;
            finishStatement(text.length());
            return this;
        }

        private void markStart() {
            if (start < 0) {
                start = pos;
                startLine = line;
                startColumn = column;
            }
        }

        private void finishStatement(int end) {
            if (start >= 0) {
                statements.add(new Statement(text.substring(start, end).strip(), startLine, startColumn));
                start = -1;
            }
        }

        private void skipLineComment() {
            while (pos < text.length() && text.charAt(pos) != '\n') {
                advance();
            }
        }

        private void skipBlockComment() {
            advance();
            advance();
            while (pos < text.length() && !(text.charAt(pos) == '*' && peek(1) == '/')) {
                advance();
            }
            if (pos >= text.length()) {
                endsOpen = true;
                return;
            }
            advance();
            advance();
        }

        /** Skips a quoted string or identifier; a doubled quote character is part of it. */
        private void skipQuoted(char quote) {
            advance();
            while (pos < text.length()) {
                char c = text.charAt(pos);
                advance();
                if (c == quote) {
                    if (pos < text.length() && text.charAt(pos) == quote) {
                        advance();
                    } else {
                        return;
                    }
                }
            }
            endsOpen = true;
        }

        private char peek(int ahead) {
            int at = pos + ahead;
            return at < text.length() ? text.charAt(at) : '\0';
        }

        private void advance() {
            if (text.charAt(pos) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            pos++;
        }
    }
}

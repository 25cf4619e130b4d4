package io.quiver.sql.parser;

import io.quiver.sql.parser.impl.QuiverSqlParserImplConstants;
import io.quiver.sql.parser.impl.QuiverSqlParserImplTokenManager;
import io.quiver.sql.parser.impl.SimpleCharStream;
import io.quiver.sql.parser.impl.Token;
import io.quiver.sql.parser.impl.TokenMgrError;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cuts a SQL script into statements at each top-level {@code ;}, reading it with the parser's own
 * lexer, so a script is split exactly as the parser reads it: a {@code ;} inside a string, a quoted
 * identifier or a comment ({@code --}, {@code //}, {@code /* *}{@code /}) does not end a statement.
 *
 * <p>Each statement keeps the line and column (1-based) of its first token in the script, so an
 * error position reported relative to the statement maps back to the script. A statement runs from
 * its first token to its last; comments and blanks around it are not part of it, and a statement
 * of only comments and blanks (as between {@code ;;}) is dropped. A character the lexer does not
 * know stays in its statement for the parser to name; a string, identifier or comment left open
 * runs to the end of the script.
 */
public final class SqlScript {

    /** One statement without its terminating {@code ;}, and where it starts in the script. */
    public record Statement(String sql, int line, int column) {
        public Statement {
            Objects.requireNonNull(sql, "sql is null");
        }
    }

    private SqlScript() {}

    /** Every statement of {@code script} in order, the unterminated last one included. */
    public static List<Statement> split(String script) {
        return new Cut(script).run().statements;
    }

    /**
     * Whether {@code text} ends between statements: no string, identifier or comment is still open
     * and nothing but blanks and comments follows the last {@code ;}. The interactive shell keeps
     * reading lines until this holds.
     */
    public static boolean isComplete(String text) {
        return !new Cut(text).run().endsOpen;
    }

    /** One pass of the lexer over the text, collecting the span of each statement. */
    private static final class Cut {
        private final String text;
        private final List<Integer> lineStarts = new ArrayList<>();
        private final List<Statement> statements = new ArrayList<>();
        private int from = -1; // the current statement's first character, -1 when there is none
        private int to; // one past its last
        private boolean endsOpen;

        Cut(String text) {
            this.text = Objects.requireNonNull(text, "text is null");
            lineStarts.add(0);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                // Lines end as the lexer counts them: \n, \r\n or a lone \r.
                if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                    lineStarts.add(i + 1);
                }
            }
        }

        Cut run() {
            EndAwareReader reader = new EndAwareReader(text);
            SimpleCharStream chars = new SimpleCharStream(reader, 1, 1) {
                {
                    setTabSize(1); // a column is a char, as in the String
                }
            };
            QuiverSqlParserImplTokenManager lexer =
                    new QuiverSqlParserImplTokenManager(chars, QuiverSqlParserImplConstants.DQID);
            while (true) {
                Token token;
                try {
                    token = lexer.getNextToken();
                } catch (TokenMgrError e) {
                    if (reader.reachedEnd) {
                        // Only a block comment can be open here: an open quote is a token of its own.
                        openToTheEnd(text.length(), true);
                        return this;
                    }
                    skipUnknownCharacter(chars);
                    continue;
                }
                if (token.kind == QuiverSqlParserImplConstants.EOF) {
                    endsOpen |= from >= 0;
                    finish();
                    return this;
                }
                if (token.kind == QuiverSqlParserImplConstants.QUOTE
                        || token.kind == QuiverSqlParserImplConstants.DOUBLE_QUOTE) {
                    // The lexer reads a quote alone only when no closing quote follows.
                    openToTheEnd(offset(token.beginLine, token.beginColumn), false);
                    return this;
                }
                if (token.kind == QuiverSqlParserImplConstants.SEMICOLON) {
                    finish();
                } else {
                    include(offset(token.beginLine, token.beginColumn), offset(token.endLine, token.endColumn) + 1);
                }
            }
        }

        /**
         * The text ends inside a string, a quoted identifier or a block comment: it runs to the end,
         * in the statement unless it is a comment outside any statement.
         */
        private void openToTheEnd(int start, boolean comment) {
            endsOpen = true;
            if (from >= 0 || !comment) {
                include(start, text.stripTrailing().length());
            }
            finish();
        }

        /** The lexer stopped at a character it has no token for: it belongs to the statement. */
        private void skipUnknownCharacter(SimpleCharStream chars) {
            try {
                chars.readChar();
            } catch (IOException e) {
                throw new IllegalStateException("the lexer reported an unknown character past the end", e);
            }
            int at = offset(chars.getEndLine(), chars.getEndColumn());
            include(at, at + 1);
        }

        private void include(int start, int end) {
            if (from < 0) {
                from = start;
            }
            to = end;
        }

        private void finish() {
            if (from >= 0) {
                int line = lineOf(from);
                statements.add(new Statement(text.substring(from, to), line, from - lineStarts.get(line - 1) + 1));
                from = -1;
            }
        }

        private int offset(int line, int column) {
            return lineStarts.get(line - 1) + column - 1;
        }

        private int lineOf(int offset) {
            int line = 1;
            while (line < lineStarts.size() && lineStarts.get(line) <= offset) {
                line++;
            }
            return line;
        }
    }

    /** A reader that knows whether anyone asked it for more than the text holds. */
    private static final class EndAwareReader extends StringReader {
        private boolean reachedEnd;

        EndAwareReader(String text) {
            super(text);
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            reachedEnd |= n < 0;
            return n;
        }
    }
}

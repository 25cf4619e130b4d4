package io.quiver.sql.shell;

import io.quiver.sql.parser.SqlScript;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Tells JLine when the input is finished: Enter accepts the buffer only once it ends a statement
 * ({@link SqlScript#isComplete}) or is a shell command; otherwise JLine adds a newline and
 * shows the continuation prompt, so a multi-line statement is one history entry.
 */
final class SqlLineParser implements Parser {

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !ShellCommand.isCommand(line) && !SqlScript.isComplete(line)) {
            throw new EOFError(-1, -1, "the statement does not end with ';' yet", ";");
        }
        return new WholeLine(line, cursor);
    }

    /**
     * The buffer as one word: there is no completion to split it for. (JLine logs a warning for a
     * parser whose lines are not {@code CompletingParsedLine}s.)
     */
    private record WholeLine(String line, int cursor) implements CompletingParsedLine {
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return cursor;
        }

        @Override
        public int rawWordLength() {
            return line.length();
        }

        @Override
        public String word() {
            return line;
        }

        @Override
        public int wordCursor() {
            return cursor;
        }

        @Override
        public int wordIndex() {
            return 0;
        }

        @Override
        public List<String> words() {
            return List.of(line);
        }
    }
}

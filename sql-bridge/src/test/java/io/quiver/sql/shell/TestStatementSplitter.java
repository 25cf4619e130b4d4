package io.quiver.sql.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.sql.shell.StatementSplitter.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestStatementSplitter {

    private static List<String> sqls(String script) {
        return StatementSplitter.split(script).stream().map(Statement::sql).toList();
    }

    @Test
    void splitsAtSemicolonsAndStripsBlanks() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), sqls("SELECT 1;\n  SELECT 2 ;\n"));
    }

    @Test
    void semicolonInsideStringsAndIdentifiersDoesNotEnd() {
        assertEquals(
                List.of("SELECT 'a;b', 'it''s;' FROM \"t;x\"", "SELECT \"q\"\";\""),
                sqls("SELECT 'a;b', 'it''s;' FROM \"t;x\"; SELECT \"q\"\";\";"));
    }

    @Test
    void semicolonInsideCommentsDoesNotEnd() {
        assertEquals(
                List.of("SELECT 1 -- not ; the end\n + 1", "SELECT /* ; */ 2"),
                sqls("SELECT 1 -- not ; the end\n + 1; SELECT /* ; */ 2;"));
    }

    @Test
    void quotesInsideCommentsAndCommentsInsideQuotesAreInert() {
        assertEquals(List.of("SELECT '--', '/*'", "SELECT 2"), sqls("-- it's\nSELECT '--', '/*'; /* \" */ SELECT 2;"));
    }

    @Test
    void trailingStatementWithoutSemicolonIsKept() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), sqls("SELECT 1; SELECT 2"));
    }

    @Test
    void emptyStatementsAndCommentOnlyTextAreDropped() {
        assertEquals(List.of("SELECT 1"), sqls(";; -- nothing\n ; SELECT 1;; /* trailing */ -- end"));
        assertEquals(List.of(), sqls(""));
        assertEquals(List.of(), sqls("  \n -- only a comment"));
    }

    @Test
    void statementsKnowTheirStartingLineAndColumn() {
        List<Statement> statements =
                StatementSplitter.split("-- header\nSELECT 1;   SELECT\n 2;\n\n  /* c */ SELECT 3");
        assertEquals(new Statement("SELECT 1", 2, 1), statements.get(0));
        assertEquals(new Statement("SELECT\n 2", 2, 13), statements.get(1));
        assertEquals(new Statement("SELECT 3", 5, 11), statements.get(2));
    }

    @Test
    void multiLineStringsCountTheirLines() {
        List<Statement> statements = StatementSplitter.split("SELECT 'a\nb\nc';\nSELECT 2;");
        assertEquals(4, statements.get(1).line());
    }

    @Test
    void completeWhenNothingIsPending() {
        assertTrue(StatementSplitter.isComplete("SELECT 1;"));
        assertTrue(StatementSplitter.isComplete("SELECT 1; -- done"));
        assertTrue(StatementSplitter.isComplete(""));
        assertTrue(StatementSplitter.isComplete("/* just a comment */"));
        assertFalse(StatementSplitter.isComplete("SELECT 1"));
        assertFalse(StatementSplitter.isComplete("SELECT 1; SELECT"));
        assertFalse(StatementSplitter.isComplete("SELECT 'a;"));
        assertFalse(StatementSplitter.isComplete("SELECT \"a;"));
        assertFalse(StatementSplitter.isComplete("SELECT 1 /* ;"));
        assertFalse(StatementSplitter.isComplete("/* ; "));
    }

    @Test
    void unterminatedQuoteRunsToTheEnd() {
        assertEquals(List.of("SELECT 'a; SELECT 2;"), sqls("SELECT 'a; SELECT 2;"));
    }

    /**
     * Random scripts of statements built from tricky pieces split back into those statements;
     * {@code -Dquiver.seed=N} replays a run (the engine's TestRandom convention).
     */
    @Test
    void randomScriptsSplitBackIntoTheirStatements() {
        long seed = Long.getLong("quiver.seed", new Random().nextLong());
        Random random = new Random(seed);
        String[] pieces = {
            "SELECT",
            "1",
            "'a;b'",
            "'it''s'",
            "\"x;y\"",
            "\"q\"\"\"",
            "/* ; ' \" */",
            "-- ; '\n",
            "\n",
            "x",
            "+",
            "(",
            ")"
        };
        String[] separators = {";", " ;", ";\n", ";; ", "; -- tail ;\n", "; /* ; */ "};
        for (int round = 0; round < 500; round++) {
            List<String> expected = new ArrayList<>();
            StringBuilder script = new StringBuilder();
            int count = 1 + random.nextInt(5);
            for (int s = 0; s < count; s++) {
                StringBuilder sql = new StringBuilder("SELECT");
                int length = random.nextInt(8);
                for (int p = 0; p < length; p++) {
                    sql.append(' ').append(pieces[random.nextInt(pieces.length)]);
                }
                sql.append(" end");
                expected.add(sql.toString());
                script.append(sql).append(separators[random.nextInt(separators.length)]);
            }
            assertEquals(
                    expected, sqls(script.toString()), "reproduce with -Dquiver.seed=" + seed + ", script: " + script);
            assertTrue(
                    StatementSplitter.isComplete(script.toString()),
                    "reproduce with -Dquiver.seed=" + seed + ", script: " + script);
        }
    }
}

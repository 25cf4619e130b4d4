package io.quiver.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.sql.parser.SqlScript.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    private static List<String> sqls(String script) {
        return SqlScript.split(script).stream().map(Statement::sql).toList();
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
        List<Statement> statements = SqlScript.split("-- header\nSELECT 1;   SELECT\n 2;\n\n  /* c */ SELECT 3");
        assertEquals(new Statement("SELECT 1", 2, 1), statements.get(0));
        assertEquals(new Statement("SELECT\n 2", 2, 13), statements.get(1));
        assertEquals(new Statement("SELECT 3", 5, 11), statements.get(2));
    }

    @Test
    void multiLineStringsCountTheirLines() {
        List<Statement> statements = SqlScript.split("SELECT 'a\nb\nc';\nSELECT 2;");
        assertEquals(4, statements.get(1).line());
    }

    @Test
    void completeWhenNothingIsPending() {
        assertTrue(SqlScript.isComplete("SELECT 1;"));
        assertTrue(SqlScript.isComplete("SELECT 1; -- done"));
        assertTrue(SqlScript.isComplete(""));
        assertTrue(SqlScript.isComplete("/* just a comment */"));
        assertFalse(SqlScript.isComplete("SELECT 1"));
        assertFalse(SqlScript.isComplete("SELECT 1; SELECT"));
        assertFalse(SqlScript.isComplete("SELECT 'a;"));
        assertFalse(SqlScript.isComplete("SELECT \"a;"));
        assertFalse(SqlScript.isComplete("SELECT 1 /* ;"));
        assertFalse(SqlScript.isComplete("/* ; "));
    }

    @Test
    void scriptsAreCutAsTheParserReadsThem() {
        // Calcite's lexer reads // as a line comment, so the shell must too.
        assertEquals(List.of("SELECT 1 // ; no end\n + 1", "SELECT 2"), sqls("SELECT 1 // ; no end\n + 1; SELECT 2"));
        assertEquals(List.of("SELECT U&'a;b'", "SELECT 2"), sqls("SELECT U&'a;b'; SELECT 2"));
        assertEquals(List.of("SELECT X'0A;'", "SELECT 2"), sqls("SELECT X'0A;'; SELECT 2"));
    }

    @Test
    void unknownCharactersStayInTheirStatementForTheParserToName() {
        assertEquals(List.of("SELECT # 1", "SELECT 2"), sqls("SELECT # 1; SELECT 2"));
        assertEquals(List.of("#", "SELECT 2"), sqls("#;SELECT 2"));
        assertEquals(List.of(new Statement("SELECT 2 \\", 2, 2)), SqlScript.split("\n\tSELECT 2 \\ ;"));
    }

    @Test
    void unterminatedQuoteRunsToTheEnd() {
        assertEquals(List.of("SELECT 'a; SELECT 2;"), sqls("SELECT 'a; SELECT 2;"));
        assertEquals(List.of("SELECT 1", "'open ;"), sqls("SELECT 1; 'open ;  \n"));
        assertEquals(List.of("SELECT 1 /* open"), sqls("SELECT 1 /* open"));
        assertEquals(List.of("SELECT 1"), sqls("SELECT 1; /* open ; "));
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
                    SqlScript.isComplete(script.toString()),
                    "reproduce with -Dquiver.seed=" + seed + ", script: " + script);
        }
    }
}

package io.quiver.sql.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.sql.parser.SqlScript.Statement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class TestErrorMessages {

    @Test
    void positionsMoveToTheStatementsPlaceInTheScript() {
        assertEquals(
                "From line 3, column 12 to line 4, column 2: bad",
                ErrorMessages.mapPositions("From line 1, column 8 to line 2, column 2: bad", 3, 5));
    }

    @Test
    void positionsOfAStatementAtTheStartStayAsTheyAre() {
        assertEquals("at line 1, column 8.", ErrorMessages.mapPositions("at line 1, column 8.", 1, 1));
    }

    @Test
    void echoedStatementAndExtraLinesAreDropped() {
        Statement statement = new Statement("SELECT *\nFROM", 2, 1);
        SQLException error = new SQLException(
                "Error while executing SQL \"SELECT *\nFROM\": parse failed: Encountered \"<EOF>\" at line 2, column 4.\n"
                        + "Was expecting one of:\n    \"LATERAL\" ...");
        assertEquals(
                "parse failed: Encountered \"<EOF>\" at line 3, column 4.", ErrorMessages.describe(error, statement));
    }

    @Test
    void otherMessagesPassThrough() {
        assertEquals(
                "Table 'T' not found",
                ErrorMessages.describe(new SQLException("Table 'T' not found"), new Statement("x", 1, 1)));
        assertEquals(
                "SQLException (the driver gave no message)",
                ErrorMessages.describe(new SQLException(), new Statement("x", 1, 1)));
    }
}

package io.quiver.sql.parser;

import io.quiver.sql.parser.impl.QuiverSqlParserImpl;
import io.quiver.sql.parser.impl.Token;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * The one SQL parser: Calcite's grammar with Quiver's statements (see {@code src/main/codegen}),
 * configured as sessions are (unquoted identifiers fold to lower case, quoted ones keep theirs).
 * Every failure is a {@link SqlParseException} with the line and column where it happened,
 * including a statement nested too deeply for the parser's stack.
 */
public final class QuiverSqlParser {
    /** The parser's configuration; also what a Calcite connection needs to parse the same way. */
    public static final SqlParser.Config CONFIG = SqlParser.config()
            .withParserFactory(QuiverSqlParserImpl.FACTORY)
            .withUnquotedCasing(Casing.TO_LOWER)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(true)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withConformance(SqlConformanceEnum.LENIENT);

    private QuiverSqlParser() {}

    /** One statement, optionally followed by a semicolon. */
    public static SqlNode parse(String sql) throws SqlParseException {
        AtomicReference<SqlAbstractParserImpl> parser = new AtomicReference<>();
        SqlParser.Config config = CONFIG.withParserFactory(reader -> {
            SqlAbstractParserImpl p = QuiverSqlParserImpl.FACTORY.getParser(reader);
            parser.set(p);
            return p;
        });
        SqlNodeList statements;
        try {
            statements = SqlParser.create(sql, config).parseStmtList();
        } catch (SqlParseException e) {
            if (e.getCause() instanceof StackOverflowError) {
                throw tooDeep(parser.get());
            }
            throw e;
        } catch (StackOverflowError e) {
            throw tooDeep(parser.get());
        }
        if (statements.size() != 1) {
            SqlParserPos pos = statements.isEmpty()
                    ? new SqlParserPos(1, 1)
                    : statements.get(1).getParserPosition();
            throw new SqlParseException(
                    (statements.isEmpty() ? "Expected a statement" : "Expected one statement, found more") + " at line "
                            + pos.getLineNum() + ", column " + pos.getColumnNum(),
                    pos,
                    null,
                    null,
                    null);
        }
        return statements.get(0);
    }

    /** Where the parser was when its stack ran out: the token it had reached. */
    private static SqlParseException tooDeep(SqlAbstractParserImpl parser) {
        SqlParserPos pos = new SqlParserPos(1, 1);
        if (parser instanceof QuiverSqlParserImpl p && p.getToken(0) != null && p.getToken(0).beginLine > 0) {
            Token reached = p.getToken(0);
            pos = new SqlParserPos(reached.beginLine, reached.beginColumn);
        }
        return new SqlParseException(
                "Statement nested too deeply at line " + pos.getLineNum() + ", column " + pos.getColumnNum(),
                pos,
                null,
                null,
                null);
    }
}

package io.quiver.sql;

import java.sql.SQLException;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/** Calcite's parser configured as the session's connection is, for the DML Quiver runs itself. */
final class CalciteParsing {
    static final SqlParser.Config CONFIG = SqlParser.config()
            .withUnquotedCasing(Casing.TO_LOWER)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(true)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withConformance(SqlConformanceEnum.LENIENT);

    private CalciteParsing() {}

    static SqlNode parse(String sql) throws SQLException {
        try {
            return SqlParser.create(sql, CONFIG).parseStmt();
        } catch (SqlParseException e) {
            throw SqlErrors.translate(e);
        }
    }

    /** A parsed node as SQL text again (identifiers quoted, parameters kept as {@code ?}). */
    static String text(SqlNode node) {
        return node.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
    }
}

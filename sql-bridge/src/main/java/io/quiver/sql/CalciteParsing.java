package io.quiver.sql;

import io.quiver.sql.parser.QuiverSqlParser;
import java.sql.SQLException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/** The session's parser (Quiver's grammar, configured as the connection is), for the DML Quiver runs itself. */
final class CalciteParsing {
    static final SqlParser.Config CONFIG = QuiverSqlParser.CONFIG;

    private CalciteParsing() {}

    static SqlNode parse(String sql) throws SQLException {
        try {
            return QuiverSqlParser.parse(sql);
        } catch (SqlParseException e) {
            throw SqlErrors.translate(e);
        }
    }

    /** A parsed node as SQL text again (identifiers quoted, parameters kept as {@code ?}). */
    static String text(SqlNode node) {
        return node.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
    }
}

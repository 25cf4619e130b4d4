package io.quiver.sql;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;

/** Parsed nodes as SQL text again, for the parts of INSERT Quiver hands to Calcite as a query. */
final class CalciteParsing {
    private CalciteParsing() {}

    /** A parsed node as SQL text again (identifiers quoted, parameters kept as {@code ?}). */
    static String text(SqlNode node) {
        return node.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
    }
}

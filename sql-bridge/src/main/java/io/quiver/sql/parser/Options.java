package io.quiver.sql.parser;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;

/** Writes an option list back as SQL. */
final class Options {
    private Options() {}

    static void unparse(SqlWriter writer, String keyword, SqlNodeList options) {
        if (options.isEmpty()) {
            return;
        }
        if (keyword != null) {
            writer.keyword(keyword);
        }
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlNode option : options) {
            writer.sep(",");
            option.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}

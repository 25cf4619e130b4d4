package io.quiver.sql.parser;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.ddl.SqlCreateTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE TABLE [IF NOT EXISTS] t [(columns)] [USING format] [WITH (options)] [AS query]}:
 * Calcite's CREATE TABLE (column declarations and key constraints in {@link #columnList}, or a
 * query) with the table's format and options.
 */
public final class SqlCreateQuiverTable extends SqlCreateTable {
    private final SqlIdentifier format;
    private final SqlNodeList options;

    public SqlCreateQuiverTable(
            SqlParserPos pos,
            boolean replace,
            boolean ifNotExists,
            SqlIdentifier name,
            SqlNodeList columns,
            SqlIdentifier format,
            SqlNodeList options,
            SqlNode query) {
        super(pos, replace, ifNotExists, name, columns, query);
        this.format = format;
        this.options = options;
    }

    /** USING format, or null: the default format. */
    public SqlIdentifier format() {
        return format;
    }

    /** WITH (key = value, ...): {@link SqlQuiverOption}s, empty when absent. */
    public SqlNodeList options() {
        return options;
    }

    @Override
    public List<SqlNode> getOperandList() {
        List<SqlNode> operands = new ArrayList<>(super.getOperandList());
        operands.add(format);
        operands.add(options);
        return operands;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE TABLE");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
        if (columnList != null) {
            SqlWriter.Frame frame = writer.startList("(", ")");
            for (SqlNode c : columnList) {
                writer.sep(",");
                c.unparse(writer, 0, 0);
            }
            writer.endList(frame);
        }
        if (format != null) {
            writer.keyword("USING");
            format.unparse(writer, 0, 0);
        }
        Options.unparse(writer, "WITH", options);
        if (query != null) {
            writer.keyword("AS");
            writer.newlineAndIndent();
            query.unparse(writer, 0, 0);
        }
    }
}

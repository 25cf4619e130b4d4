package io.quiver.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code ALTER TABLE t DROP [COLUMN] column} */
public final class SqlDropColumn extends SqlAlterQuiverTable {
    private final SqlIdentifier column;

    public SqlDropColumn(SqlParserPos pos, SqlIdentifier table, SqlIdentifier column) {
        super(pos, table);
        this.column = column;
    }

    public SqlIdentifier column() {
        return column;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(table(), column);
    }

    @Override
    void unparseChange(SqlWriter writer) {
        writer.keyword("DROP COLUMN");
        column.unparse(writer, 0, 0);
    }
}

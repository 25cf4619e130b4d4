package io.quiver.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code ALTER TABLE t DROP INDEX name} */
public final class SqlDropIndex extends SqlAlterQuiverTable {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("DROP INDEX", SqlKind.DROP_INDEX);

    private final SqlIdentifier name;

    public SqlDropIndex(SqlParserPos pos, SqlIdentifier table, SqlIdentifier name) {
        super(pos, table);
        this.name = name;
    }

    public SqlIdentifier name() {
        return name;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(table(), name);
    }

    @Override
    void unparseChange(SqlWriter writer) {
        writer.keyword("DROP INDEX");
        name.unparse(writer, 0, 0);
    }
}

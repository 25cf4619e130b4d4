package io.quiver.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code OPTIMIZE [TABLE] t}: compaction, then every vector index brought up to date. */
public final class SqlOptimizeTable extends SqlDdl {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("OPTIMIZE", SqlKind.OTHER_DDL);

    private final SqlIdentifier table;

    public SqlOptimizeTable(SqlParserPos pos, SqlIdentifier table) {
        super(OPERATOR, pos);
        this.table = table;
    }

    public SqlIdentifier table() {
        return table;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(table);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("OPTIMIZE");
        table.unparse(writer, 0, 0);
    }
}

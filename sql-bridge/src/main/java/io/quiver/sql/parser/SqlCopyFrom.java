package io.quiver.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code COPY t FROM 'file' [[WITH] (options)]}: loads a file into a table. */
public final class SqlCopyFrom extends SqlCall {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("COPY FROM", SqlKind.OTHER);

    private final SqlIdentifier table;
    private final SqlNode file;
    private final SqlNodeList options;

    public SqlCopyFrom(SqlParserPos pos, SqlIdentifier table, SqlNode file, SqlNodeList options) {
        super(pos);
        this.table = table;
        this.file = file;
        this.options = options;
    }

    public SqlIdentifier table() {
        return table;
    }

    public String file() {
        return ((SqlLiteral) file).getValueAs(String.class);
    }

    /** {@link SqlQuiverOption}s, empty when absent. */
    public SqlNodeList options() {
        return options;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(table, file, options);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("COPY");
        table.unparse(writer, 0, 0);
        writer.keyword("FROM");
        file.unparse(writer, 0, 0);
        Options.unparse(writer, null, options);
    }
}

package io.quiver.sql.parser;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code COPY t FROM 'file' [[WITH] (options)]}: loads a file into a table. */
public final class SqlCopyFrom extends SqlCopy {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("COPY FROM", SqlKind.OTHER);

    public SqlCopyFrom(SqlParserPos pos, SqlIdentifier table, SqlNode file, SqlNodeList options) {
        super(pos, table, file, options);
    }

    public SqlIdentifier table() {
        return (SqlIdentifier) tableSide;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        unparse(writer, "FROM");
    }
}

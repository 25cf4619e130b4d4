package io.quiver.sql.parser;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code COPY (query) TO 'file' [[WITH] (options)]} or {@code COPY t TO 'file' ...}: the source
 * is a query, or the identifier of a table to write whole.
 */
public final class SqlCopyTo extends SqlCopy {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("COPY TO", SqlKind.OTHER);

    public SqlCopyTo(SqlParserPos pos, SqlNode source, SqlNode file, SqlNodeList options) {
        super(pos, source, file, options);
    }

    /** A query, or a {@link SqlIdentifier} naming a table. */
    public SqlNode source() {
        return tableSide;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        unparse(writer, "TO");
    }
}

package io.quiver.sql.parser;

import org.apache.calcite.sql.SqlAlter;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code ALTER TABLE t ...}: one change to one table. */
public abstract sealed class SqlAlterQuiverTable extends SqlAlter
        permits SqlAddVectorIndex, SqlDropIndex, SqlAddColumn, SqlDropColumn {
    static final SqlOperator ALTER_TABLE = new SqlSpecialOperator("ALTER TABLE", SqlKind.ALTER_TABLE);

    private final SqlIdentifier table;

    SqlAlterQuiverTable(SqlParserPos pos, SqlIdentifier table) {
        super(pos);
        this.table = table;
    }

    public SqlIdentifier table() {
        return table;
    }

    @Override
    public SqlOperator getOperator() {
        return ALTER_TABLE;
    }

    @Override
    protected final void unparseAlterOperation(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("ALTER TABLE");
        table.unparse(writer, 0, 0);
        unparseChange(writer);
    }

    abstract void unparseChange(SqlWriter writer);
}

package io.quiver.sql.parser;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.ddl.SqlColumnDeclaration;
import org.apache.calcite.sql.ddl.SqlKeyConstraint;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code ALTER TABLE t ADD [COLUMN] column type ...}: the column's declaration and, when it was
 * declared PRIMARY KEY, the key constraint on it.
 */
public final class SqlAddColumn extends SqlAlterQuiverTable {
    private final SqlColumnDeclaration column;
    private final SqlKeyConstraint key;

    public SqlAddColumn(SqlParserPos pos, org.apache.calcite.sql.SqlIdentifier table, List<SqlNode> declared) {
        super(pos, table);
        this.column = (SqlColumnDeclaration) declared.getFirst();
        this.key = declared.size() > 1 ? (SqlKeyConstraint) declared.get(1) : null;
    }

    public SqlColumnDeclaration column() {
        return column;
    }

    /** The column's PRIMARY KEY constraint, or null. */
    public SqlKeyConstraint key() {
        return key;
    }

    /** The column and its key constraint, as a CREATE TABLE's element list holds them. */
    public SqlNodeList elements() {
        List<SqlNode> list = new ArrayList<>();
        list.add(column);
        if (key != null) {
            list.add(key);
        }
        return new SqlNodeList(list, getParserPosition());
    }

    @Override
    public List<SqlNode> getOperandList() {
        return java.util.Arrays.asList(table(), column, key);
    }

    @Override
    void unparseChange(SqlWriter writer) {
        writer.keyword("ADD COLUMN");
        column.unparse(writer, 0, 0);
        if (key != null) {
            writer.keyword("PRIMARY KEY");
        }
    }
}

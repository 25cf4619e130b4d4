package io.quiver.sql.parser;

import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code ALTER TABLE t ADD VECTOR INDEX [name] ON column [USING method] [WITH (options)]} */
public final class SqlAddVectorIndex extends SqlAlterQuiverTable {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("ADD VECTOR INDEX", SqlKind.CREATE_INDEX);

    private final SqlIdentifier name;
    private final SqlIdentifier column;
    private final SqlIdentifier method;
    private final SqlNodeList options;

    public SqlAddVectorIndex(
            SqlParserPos pos,
            SqlIdentifier table,
            SqlIdentifier name,
            SqlIdentifier column,
            SqlIdentifier method,
            SqlNodeList options) {
        super(pos, table);
        this.name = name;
        this.column = column;
        this.method = method;
        this.options = options;
    }

    /** The index's name, or null: one is made up. */
    public SqlIdentifier name() {
        return name;
    }

    public SqlIdentifier column() {
        return column;
    }

    /** USING method, or null: the format's default. */
    public SqlIdentifier method() {
        return method;
    }

    /** WITH (key = value, ...): {@link SqlQuiverOption}s, empty when absent. */
    public SqlNodeList options() {
        return options;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return Arrays.asList(table(), name, column, method, options);
    }

    @Override
    void unparseChange(SqlWriter writer) {
        writer.keyword("ADD VECTOR INDEX");
        if (name != null) {
            name.unparse(writer, 0, 0);
        }
        writer.keyword("ON");
        column.unparse(writer, 0, 0);
        if (method != null) {
            writer.keyword("USING");
            method.unparse(writer, 0, 0);
        }
        Options.unparse(writer, "WITH", options);
    }
}

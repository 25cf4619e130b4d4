package io.quiver.sql.parser;

import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code INSERT ... ON CONFLICT [(keys)] DO NOTHING | DO UPDATE SET c = expression, ...} (as in
 * PostgreSQL): Calcite's {@link SqlInsert} and what to do with a row whose key is already there.
 * Position: the ON CONFLICT clause.
 */
public final class SqlInsertOnConflict extends SqlCall {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("ON CONFLICT", SqlKind.OTHER);

    private final SqlInsert insert;
    private final SqlNodeList keys;
    private final SqlNodeList targets;
    private final SqlNodeList sources;

    /** {@code targets} and {@code sources} null: DO NOTHING. */
    public SqlInsertOnConflict(
            SqlParserPos pos, SqlInsert insert, SqlNodeList keys, SqlNodeList targets, SqlNodeList sources) {
        super(pos);
        this.insert = insert;
        this.keys = keys;
        this.targets = targets;
        this.sources = sources;
    }

    public SqlInsert insert() {
        return insert;
    }

    /** The conflict target's columns, or null when not given. */
    public SqlNodeList keys() {
        return keys;
    }

    public boolean doNothing() {
        return targets == null;
    }

    /** DO UPDATE SET: the columns set, or null for DO NOTHING. */
    public SqlNodeList targets() {
        return targets;
    }

    /** DO UPDATE SET: the expression each target takes, or null for DO NOTHING. */
    public SqlNodeList sources() {
        return sources;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return Arrays.asList(insert, keys, targets, sources);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        insert.unparse(writer, 0, 0);
        writer.keyword("ON CONFLICT");
        if (keys != null) {
            SqlWriter.Frame frame = writer.startList("(", ")");
            for (SqlNode k : keys) {
                writer.sep(",");
                k.unparse(writer, 0, 0);
            }
            writer.endList(frame);
        }
        if (targets == null) {
            writer.keyword("DO NOTHING");
            return;
        }
        writer.keyword("DO UPDATE SET");
        SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.UPDATE_SET_LIST, "", "");
        for (int i = 0; i < targets.size(); i++) {
            writer.sep(",");
            targets.get(i).unparse(writer, 0, 0);
            writer.keyword("=");
            sources.get(i).unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}

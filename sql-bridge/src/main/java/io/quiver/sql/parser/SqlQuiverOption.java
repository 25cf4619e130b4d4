package io.quiver.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code key = value} in a WITH (...) or COPY option list; the value is a literal or a bare word. */
public final class SqlQuiverOption extends SqlCall {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("OPTION", SqlKind.OTHER);

    private final SqlIdentifier key;
    private final SqlNode value;

    public SqlQuiverOption(SqlParserPos pos, SqlIdentifier key, SqlNode value) {
        super(pos);
        this.key = key;
        this.value = value;
    }

    public SqlIdentifier key() {
        return key;
    }

    public SqlNode value() {
        return value;
    }

    /** The key as written (unquoted keys folded by the parser's casing). */
    public String keyName() {
        return key.getSimple();
    }

    /** The value as text: a string's contents, a number as written, a word's name, true or false. */
    public String valueText() {
        if (value instanceof SqlIdentifier id) {
            return id.getSimple();
        }
        return ((SqlLiteral) value).toValue();
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(key, value);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        key.unparse(writer, leftPrec, rightPrec);
        writer.keyword("=");
        value.unparse(writer, leftPrec, rightPrec);
    }
}

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

/**
 * {@code COPY (query) TO 'file' [[WITH] (options)]} or {@code COPY t TO 'file' ...}: the source
 * is a query, or the identifier of a table to write whole.
 */
public final class SqlCopyTo extends SqlCall {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("COPY TO", SqlKind.OTHER);

    private final SqlNode source;
    private final SqlNode file;
    private final SqlNodeList options;

    public SqlCopyTo(SqlParserPos pos, SqlNode source, SqlNode file, SqlNodeList options) {
        super(pos);
        this.source = source;
        this.file = file;
        this.options = options;
    }

    /** A query, or a {@link SqlIdentifier} naming a table. */
    public SqlNode source() {
        return source;
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
        return List.of(source, file, options);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("COPY");
        if (source instanceof SqlIdentifier) {
            source.unparse(writer, 0, 0);
        } else {
            SqlWriter.Frame frame = writer.startList("(", ")");
            source.unparse(writer, 0, 0);
            writer.endList(frame);
        }
        writer.keyword("TO");
        file.unparse(writer, 0, 0);
        Options.unparse(writer, null, options);
    }
}

package io.quiver.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * What {@code COPY ... FROM} and {@code COPY ... TO} share: the table (or query) on Quiver's
 * side, the file and the options, and how they are written back as SQL.
 */
public abstract sealed class SqlCopy extends SqlCall permits SqlCopyFrom, SqlCopyTo {
    final SqlNode tableSide;
    final SqlNode file;
    final SqlNodeList options;

    SqlCopy(SqlParserPos pos, SqlNode tableSide, SqlNode file, SqlNodeList options) {
        super(pos);
        this.tableSide = tableSide;
        this.file = file;
        this.options = options;
    }

    public String file() {
        return ((SqlLiteral) file).getValueAs(String.class);
    }

    /** {@link SqlQuiverOption}s, empty when absent. */
    public SqlNodeList options() {
        return options;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(tableSide, file, options);
    }

    /** {@code COPY <table side> FROM|TO 'file' (options)}. */
    void unparse(SqlWriter writer, String direction) {
        writer.keyword("COPY");
        if (tableSide instanceof SqlCall) {
            SqlWriter.Frame frame = writer.startList("(", ")");
            tableSide.unparse(writer, 0, 0);
            writer.endList(frame);
        } else {
            tableSide.unparse(writer, 0, 0);
        }
        writer.keyword(direction);
        file.unparse(writer, 0, 0);
        Options.unparse(writer, null, options);
    }
}

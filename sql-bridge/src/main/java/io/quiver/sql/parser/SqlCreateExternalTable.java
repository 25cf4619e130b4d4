package io.quiver.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code CREATE EXTERNAL TABLE t USING format LOCATION 'where'}: mounts an existing dataset. */
public final class SqlCreateExternalTable extends SqlCreate {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE EXTERNAL TABLE", SqlKind.CREATE_TABLE);

    private final SqlIdentifier name;
    private final SqlIdentifier format;
    private final SqlNode location;

    public SqlCreateExternalTable(
            SqlParserPos pos, boolean replace, SqlIdentifier name, SqlIdentifier format, SqlNode location) {
        super(OPERATOR, pos, replace, false);
        this.name = name;
        this.format = format;
        this.location = location;
    }

    public SqlIdentifier name() {
        return name;
    }

    public SqlIdentifier format() {
        return format;
    }

    /** The dataset's location, as written in the string literal. */
    public String location() {
        return ((SqlLiteral) location).getValueAs(String.class);
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, format, location);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE EXTERNAL TABLE");
        name.unparse(writer, 0, 0);
        writer.keyword("USING");
        format.unparse(writer, 0, 0);
        writer.keyword("LOCATION");
        location.unparse(writer, 0, 0);
    }
}

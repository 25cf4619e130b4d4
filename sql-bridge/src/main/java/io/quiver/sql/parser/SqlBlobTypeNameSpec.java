package io.quiver.sql.parser;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.util.Litmus;

/** {@code BLOB}: large binary values stored out of line; Calcite sees {@code VARBINARY}. */
public final class SqlBlobTypeNameSpec extends SqlTypeNameSpec {
    public SqlBlobTypeNameSpec(SqlParserPos pos) {
        super(new SqlIdentifier("BLOB", pos), pos);
    }

    @Override
    public RelDataType deriveType(SqlValidator validator) {
        return validator.getTypeFactory().createSqlType(SqlTypeName.VARBINARY);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("BLOB");
    }

    @Override
    public boolean equalsDeep(SqlTypeNameSpec spec, Litmus litmus) {
        return spec instanceof SqlBlobTypeNameSpec ? litmus.succeed() : litmus.fail("{} != {}", this, spec);
    }
}

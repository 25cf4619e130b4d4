package io.quiver.sql.plan;

import io.quiver.sql.exec.CodePointStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Calcite's conversion of SQL calls into row expressions, with the character-counting string
 * functions (CHAR_LENGTH, CHARACTER_LENGTH, SUBSTRING, POSITION, OVERLAY on strings) turned into
 * calls of {@link CodePointStrings}, which count code points. The validated types stay as Calcite
 * derived them; binary SUBSTRING and everything else convert as before.
 */
final class CodePointConvertlets implements SqlRexConvertletTable {
    static final CodePointConvertlets INSTANCE = new CodePointConvertlets();

    private static final Map<SqlOperator, String> METHODS = Map.of(
            SqlStdOperatorTable.CHAR_LENGTH, "charLength",
            SqlStdOperatorTable.CHARACTER_LENGTH, "charLength",
            SqlStdOperatorTable.SUBSTRING, "substring",
            SqlStdOperatorTable.POSITION, "position",
            SqlStdOperatorTable.OVERLAY, "overlay");

    private CodePointConvertlets() {}

    @Override
    public SqlRexConvertlet get(SqlCall call) {
        String method = METHODS.get(call.getOperator());
        SqlRexConvertlet standard = StandardConvertletTable.INSTANCE.get(call);
        if (method == null) {
            return standard;
        }
        return (cx, c) -> {
            // SUBSTRING and POSITION also take binary strings, which count bytes.
            SqlNode first = c.operand(0);
            if (!SqlTypeFamily.CHARACTER.contains(cx.getValidator().getValidatedNodeType(first))) {
                return standard.convertCall(cx, c);
            }
            RexBuilder rex = cx.getRexBuilder();
            RelDataType integer = rex.getTypeFactory().createSqlType(SqlTypeName.INTEGER);
            List<RexNode> operands = new ArrayList<>();
            for (SqlNode operand : c.getOperandList()) {
                RexNode converted = cx.convertExpression(operand);
                boolean numeric = SqlTypeFamily.NUMERIC.contains(converted.getType());
                operands.add(
                        numeric && converted.getType().getSqlTypeName() != SqlTypeName.INTEGER
                                ? rex.makeCast(
                                        rex.getTypeFactory()
                                                .createTypeWithNullability(
                                                        integer,
                                                        converted.getType().isNullable()),
                                        converted)
                                : converted);
            }
            RelDataType type = cx.getValidator().getValidatedNodeType(c);
            return rex.makeCall(type, RuntimeFunctions.of(CodePointStrings.class, method, operands.size()), operands);
        };
    }
}

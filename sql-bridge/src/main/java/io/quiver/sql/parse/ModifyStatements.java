package io.quiver.sql.parse;

import io.quiver.sql.parse.QuiverStatement.Modify;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Classifies UPDATE and DELETE (and EXPLAIN of them) on the tree. The row address column a Quiver
 * table's modification needs is added as Calcite's extended column ({@code UPDATE t EXTEND
 * (_rowaddr BIGINT) SET ...}): the validator and the planner then carry it from the scan to the
 * modification through subqueries, joins and decorrelation like any other column.
 */
final class ModifyStatements {
    /** The column the scan of a modified table adds (io.quiver.sql.plan.ScanPlan#ROW_ADDRESS_COLUMN). */
    static final String ROW_ADDRESS = "_rowaddr";

    private ModifyStatements() {}

    /** The statement, or null when it is no UPDATE or DELETE (nor EXPLAIN of one). */
    static Modify classify(SqlNode node) throws SqlSyntaxException {
        SqlNode dml = node instanceof SqlExplain e ? e.getExplicandum() : node;
        if (!(dml instanceof SqlUpdate) && !(dml instanceof SqlDelete)) {
            return null;
        }
        SqlNode target = dml instanceof SqlUpdate u ? u.getTargetTable() : ((SqlDelete) dml).getTargetTable();
        if (!(target instanceof SqlIdentifier table)) {
            SqlParserPos pos = target.getParserPosition();
            throw new SqlSyntaxException(
                    dml.getKind() + " names its table only (no hints, no extended columns)",
                    pos.getLineNum(),
                    pos.getColumnNum());
        }
        List<String> set = new ArrayList<>();
        if (dml instanceof SqlUpdate u) {
            for (SqlNode column : u.getTargetColumnList()) {
                set.add(((SqlIdentifier) column).names.getLast());
            }
        }
        String plain = CalciteText.text(node);
        SqlNode extended = extend(dml, table);
        String withAddresses = CalciteText.text(node instanceof SqlExplain e ? explain(e, extended) : extended);
        return new Modify(dml.getKind(), table.names.getLast(), set, node instanceof SqlExplain, plain, withAddresses);
    }

    /** The statement with {@code table EXTEND (_rowaddr BIGINT)} as its target. */
    private static SqlNode extend(SqlNode dml, SqlIdentifier table) {
        SqlParserPos pos = table.getParserPosition();
        SqlNodeList columns = new SqlNodeList(pos);
        columns.add(new SqlIdentifier(ROW_ADDRESS, pos));
        columns.add(new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.BIGINT, pos), pos));
        SqlNode target = SqlStdOperatorTable.EXTEND.createCall(pos, table, columns);
        return switch (dml) {
            case SqlUpdate u ->
                new SqlUpdate(
                        u.getParserPosition(),
                        target,
                        u.getTargetColumnList(),
                        u.getSourceExpressionList(),
                        u.getCondition(),
                        null,
                        u.getAlias());
            case SqlDelete d -> new SqlDelete(d.getParserPosition(), target, d.getCondition(), null, d.getAlias());
            default -> throw new IllegalArgumentException("not an UPDATE or DELETE: " + dml.getKind());
        };
    }

    private static SqlExplain explain(SqlExplain e, SqlNode explicandum) {
        return new SqlExplain(
                e.getParserPosition(), explicandum, e.operand(1), e.operand(2), e.operand(3), e.getDynamicParamCount());
    }
}

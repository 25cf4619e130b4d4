package io.quiver.sql.plan;

import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalciteSqlValidator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;

/**
 * Calcite's validator, able to validate an UPDATE or DELETE whose target has both an alias and an
 * extended column ({@code UPDATE t EXTEND (_rowaddr BIGINT) AS x ...}, what every modification of
 * a Quiver table with an alias becomes). Calcite registers the table's namespace on the EXTEND
 * node inside the {@code AS} and then asks for the type of the {@code AS}, which it never recorded;
 * the type of the {@code AS} is the extended table's.
 */
final class QuiverSqlValidator extends CalciteSqlValidator {
    QuiverSqlValidator(
            SqlOperatorTable operators, CalciteCatalogReader catalogReader, JavaTypeFactory types, Config config) {
        super(operators, catalogReader, types, config);
    }

    @Override
    public RelDataType getValidatedNodeTypeIfKnown(SqlNode node) {
        RelDataType type = super.getValidatedNodeTypeIfKnown(node);
        if (type == null
                && node.getKind() == SqlKind.AS
                && ((SqlCall) node).operand(0).getKind() == SqlKind.EXTEND) {
            return super.getValidatedNodeTypeIfKnown(((SqlCall) node).operand(0));
        }
        return type;
    }
}

package io.quiver.sql.plan;

import io.quiver.sql.schema.BlobValue;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalciteSqlValidator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rel.type.RelDataTypeFieldImpl;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.SqlValidatorTable;

/**
 * Calcite's validator, with two fixes for UPDATE and DELETE:
 *
 * <ul>
 *   <li>a target with both an alias and an extended column ({@code UPDATE t EXTEND (_rowaddr
 *       BIGINT) AS x ...}, what every modification of a Quiver table with an alias becomes):
 *       Calcite registers the table's namespace on the EXTEND node inside the {@code AS} and then
 *       asks for the type of the {@code AS}, which it never recorded; it is the extended table's;
 *   <li>a BLOB column (an opaque Java type to Calcite, so that nothing compares or computes with
 *       it) takes any binary value in SET, where Calcite's assignment rules know no such type.
 * </ul>
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

    @Override
    protected void checkTypeAssignment(
            SqlValidatorScope sourceScope,
            SqlValidatorTable table,
            RelDataType sourceRowType,
            RelDataType targetRowType,
            SqlNode query) {
        List<RelDataTypeField> sources = sourceRowType.getFieldList();
        List<RelDataTypeField> targets = new ArrayList<>(targetRowType.getFieldList());
        for (int i = 0; i < Math.min(sources.size(), targets.size()); i++) {
            RelDataTypeField target = targets.get(i);
            if (!BlobValue.isBlobType(target.getType())) {
                continue;
            }
            RelDataType source = sources.get(i).getType();
            if (!BlobValue.isBlobType(source)
                    && source.getSqlTypeName() != SqlTypeName.NULL
                    && !SqlTypeFamily.BINARY.contains(source)) {
                throw new IllegalArgumentException(
                        "column " + target.getName() + " of type BLOB takes binary values, not " + source);
            }
            // Checked: Calcite's rules then see a value assigned to its own type.
            targets.set(i, new RelDataTypeFieldImpl(target.getName(), target.getIndex(), source));
        }
        super.checkTypeAssignment(sourceScope, table, sourceRowType, typeFactory.createStructType(targets), query);
    }
}

package io.quiver.sql.plan;

import io.quiver.engine.schema.Column;
import io.quiver.format.proto.TypeId;
import io.quiver.sql.schema.QuiverTable;
import io.quiver.sql.schema.SqlTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;

/**
 * UPDATE's SET values cast to their columns' types, as SQL assigns them ({@code SET i = 1.5} stores
 * 2, {@code SET v = ARRAY[1, 2]} a REAL vector): Calcite checks that a value can be assigned but
 * leaves it of its own type. Applied before optimizing, so the casts get {@link StandardCasts}'
 * semantics. BLOB columns take any binary value as it is.
 */
final class ModifyCasts {
    private ModifyCasts() {}

    static RelNode apply(RelNode rel) {
        if (!(rel instanceof LogicalTableModify modify) || !modify.isUpdate()) {
            return rel;
        }
        QuiverTable table = modify.getTable().unwrap(QuiverTable.class);
        if (table == null) {
            return rel;
        }
        RexBuilder rex = modify.getCluster().getRexBuilder();
        RelDataTypeFactory types = modify.getCluster().getTypeFactory();
        RelNode input = modify.getInput();
        List<RexNode> projects = new ArrayList<>(rex.identityProjects(input.getRowType()));
        List<RexNode> sources = new ArrayList<>();
        for (int i = 0; i < modify.getUpdateColumnList().size(); i++) {
            RexInputRef value = (RexInputRef) modify.getSourceExpressionList().get(i);
            Column column = table.schema().column(modify.getUpdateColumnList().get(i));
            RelDataType type = types.createTypeWithNullability(
                    SqlTypes.toCalcite(column, types), value.getType().isNullable());
            if (column.type().id() != TypeId.BLOB && !type.equals(value.getType())) {
                projects.set(value.getIndex(), rex.makeCast(type, value, true, false));
            }
            sources.add(new RexInputRef(
                    value.getIndex(), projects.get(value.getIndex()).getType()));
        }
        RelNode cast = LogicalProject.create(
                input, List.of(), projects, input.getRowType().getFieldNames(), java.util.Set.of());
        return LogicalTableModify.create(
                modify.getTable(),
                modify.getCatalogReader(),
                cast,
                TableModify.Operation.UPDATE,
                modify.getUpdateColumnList(),
                sources,
                modify.isFlattened());
    }
}

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
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * UPDATE's SET values cast to their columns' types, as SQL assigns them ({@code SET i = 1.5} stores
 * 2, {@code SET v = ARRAY[1, 2]} a REAL vector): Calcite checks that a value can be assigned but
 * leaves it of its own type. Applied before optimizing, so the casts get {@link StandardCasts}'
 * semantics. BLOB columns take any binary value as it is; VARCHAR(n) columns take strings of any
 * length to the engine, which refuses one too long.
 */
final class ModifyCasts {
    private ModifyCasts() {}

    /**
     * The UPDATE's input without the casts to {@code VARCHAR(n)} Calcite's validator puts around
     * string SET values (converted by {@link StandardCasts} into cuts to n characters): assignment
     * must refuse a string too long, not cut it.
     */
    private static RelNode withoutLengthCasts(RelNode input, List<RexNode> sources) {
        if (!(input instanceof LogicalProject project)) {
            return input;
        }
        List<RexNode> projects = new ArrayList<>(project.getProjects());
        boolean changed = false;
        for (RexNode source : sources) {
            int i = ((RexInputRef) source).getIndex();
            if (projects.get(i) instanceof RexCall cut
                    && cut.getOperator() == StandardCasts.TRUNCATE
                    && SqlTypeFamily.CHARACTER.contains(
                            cut.getOperands().getFirst().getType())) {
                projects.set(i, cut.getOperands().getFirst());
                changed = true;
            }
        }
        return changed
                ? LogicalProject.create(
                        project.getInput(),
                        project.getHints(),
                        projects,
                        project.getRowType().getFieldNames(),
                        project.getVariablesSet())
                : input;
    }

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
        RelNode input = withoutLengthCasts(modify.getInput(), modify.getSourceExpressionList());
        List<RexNode> projects = new ArrayList<>(rex.identityProjects(input.getRowType()));
        List<RexNode> sources = new ArrayList<>();
        for (int i = 0; i < modify.getUpdateColumnList().size(); i++) {
            // Of the input as it is now: its type may have lost a length cast.
            RexInputRef value = rex.makeInputRef(
                    input, ((RexInputRef) modify.getSourceExpressionList().get(i)).getIndex());
            Column column = table.schema().column(modify.getUpdateColumnList().get(i));
            RelDataType type = types.createTypeWithNullability(
                    SqlTypes.toCalcite(column, types), value.getType().isNullable());
            if (type.getSqlTypeName() == SqlTypeName.VARCHAR
                    && type.getPrecision() != RelDataType.PRECISION_NOT_SPECIFIED) {
                // Assignment is not CAST: a string too long for VARCHAR(n) is an error (22001,
                // raised by the engine), not cut to n characters.
                type = types.createTypeWithNullability(
                        types.createTypeWithCharsetAndCollation(
                                types.createSqlType(SqlTypeName.VARCHAR), type.getCharset(), type.getCollation()),
                        type.isNullable());
            }
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

package io.quiver.sql.plan;

import io.quiver.engine.schema.Column;
import io.quiver.format.proto.TypeId;
import io.quiver.vector.DistanceFunction;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mappings;

/**
 * {@code ORDER BY <distance>(vector column, constant or ?) LIMIT k} over a scan (whose filter
 * the engine applies before choosing the k) becomes the engine's nearest-neighbour search. The
 * sort stays above it, ordering only the k rows; the distance call reads the engine's
 * {@code _distance} column instead of computing it again.
 */
final class NearestIntoScanRule extends RelRule<RuleConfig> {
    NearestIntoScanRule(RuleConfig config) {
        super(config);
    }

    static boolean topK(Sort sort) {
        return sort.getCollation().getFieldCollations().size() == 1
                && sort.offset == null
                && sort.fetch instanceof RexLiteral;
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Sort sort = call.rel(0);
        Project project = call.rel(1);
        QuiverScan scan = call.rel(2);
        RelFieldCollation order = sort.getCollation().getFieldCollations().getFirst();
        RexNode key = project.getProjects().get(order.getFieldIndex());
        if (!(key instanceof RexCall distance) || distance.getOperands().size() != 2) {
            return;
        }
        DistanceFunction function = DistanceFunction.of(distance.getOperator().getName());
        if (function == null || order.direction.isDescending() != function.similarity()) {
            return;
        }
        int vectorSide = vectorColumn(scan, distance.getOperands().get(0)) >= 0 ? 0 : 1;
        int field = vectorColumn(scan, distance.getOperands().get(vectorSide));
        Operand query = query(distance.getOperands().get(1 - vectorSide));
        long k = ((RexLiteral) sort.fetch).getValueAs(Long.class);
        if (field < 0 || query == null || k < 1 || k > Integer.MAX_VALUE) {
            return;
        }
        Column column = scan.columns().get(field);
        boolean nullsFirst = order.nullDirection == RelFieldCollation.NullDirection.FIRST;
        NearestSpec nearest = new NearestSpec(column.name(), query, (int) k, function.metric(), nullsFirst);

        // The scan's fields plus _distance at the end; keep only what the projection still reads.
        int width = scan.getRowType().getFieldCount();
        RexBuilder rex = project.getCluster().getRexBuilder();
        var distanceType = rex.getTypeFactory()
                .createTypeWithNullability(rex.getTypeFactory().createSqlType(SqlTypeName.REAL), true);
        RexNode engineDistance = fromEngine(rex, function, rex.makeInputRef(distanceType, width), distance);
        List<RexNode> projects = new ArrayList<>(project.getProjects());
        projects.set(order.getFieldIndex(), engineDistance);
        ImmutableBitSet used = RelOptUtil.InputFinder.bits(projects, null).set(width);
        List<Integer> columns = new ArrayList<>();
        for (int f : used) {
            if (f < width) {
                columns.add(scan.plan().columns().get(f));
            }
        }
        QuiverScan searched = scan.withPlan(scan.plan().withColumns(columns).withNearest(nearest));
        RexPermuteInputsShuttle remap = RexPermuteInputsShuttle.of(Mappings.target(used.asList(), width + 1));
        List<RexNode> remapped = projects.stream().map(e -> e.accept(remap)).toList();
        Project top = project.copy(project.getTraitSet(), searched, remapped, project.getRowType());
        call.transformTo(sort.copy(sort.getTraitSet(), top, sort.getCollation(), null, sort.fetch));
    }

    /** The scan field a distance argument reads, if it is a vector column; else -1. */
    private static int vectorColumn(QuiverScan scan, RexNode node) {
        RexNode bare =
                node.getKind() == SqlKind.CAST ? ((RexCall) node).getOperands().getFirst() : node;
        if (bare instanceof RexInputRef ref && ref.getIndex() < scan.columns().size()) {
            return scan.columns().get(ref.getIndex()).type().id() == TypeId.VECTOR_F32 ? ref.getIndex() : -1;
        }
        return -1;
    }

    /** The query vector: an ARRAY[...] of number literals or a parameter. */
    private static Operand query(RexNode node) {
        RexNode bare =
                node.getKind() == SqlKind.CAST ? ((RexCall) node).getOperands().getFirst() : node;
        if (bare instanceof RexDynamicParam p) {
            return new Operand.Param(p.getIndex());
        }
        if (bare.getKind() != SqlKind.ARRAY_VALUE_CONSTRUCTOR) {
            return null;
        }
        List<RexNode> elements = ((RexCall) bare).getOperands();
        float[] vector = new float[elements.size()];
        for (int i = 0; i < vector.length; i++) {
            RexNode e = elements.get(i);
            while (e.getKind() == SqlKind.CAST) {
                e = ((RexCall) e).getOperands().getFirst();
            }
            if (!(e instanceof RexLiteral l) || !(RexFilters.javaValue(l) instanceof Number n)) {
                return null;
            }
            vector[i] = n.floatValue();
        }
        return new Operand.Literal(vector);
    }

    /** The SQL function's value computed from the engine's distance, typed as the call was. */
    private static RexNode fromEngine(RexBuilder rex, DistanceFunction f, RexNode engine, RexNode call) {
        RexNode asDouble = rex.makeCast(call.getType(), engine, true, false);
        RexNode value = switch (f) {
            case L2_DISTANCE, EUCLIDEAN_DISTANCE, COSINE_DISTANCE -> asDouble;
            case COSINE_SIMILARITY ->
                rex.makeCall(SqlStdOperatorTable.MINUS, rex.makeApproxLiteral(java.math.BigDecimal.ONE), asDouble);
            case DOT_PRODUCT -> rex.makeCall(SqlStdOperatorTable.UNARY_MINUS, asDouble);
        };
        return rex.makeCast(call.getType(), value, true, false);
    }
}

package io.quiver.sql.plan;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexFieldCollation;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlKind;

/**
 * A rewrite of a whole query plan before Calcite optimizes it: every operator, inputs first, and
 * every expression in it, the plans of subqueries included. Subclasses say what changes; by
 * default nothing does.
 */
abstract class PlanRewrite extends RelHomogeneousShuttle {
    /** An operator whose inputs and expressions are already rewritten. */
    RelNode rewrite(RelNode rel) {
        return rel;
    }

    /** A call whose operands are already rewritten. */
    RexNode rewrite(RexBuilder rex, RexCall call) {
        return call;
    }

    /** A windowed aggregate whose operands and window are already rewritten. */
    RexNode rewrite(RexBuilder rex, RexOver over) {
        return over;
    }

    /** A constant. */
    RexNode rewrite(RexBuilder rex, RexLiteral literal) {
        return literal;
    }

    /** A windowed aggregate like {@code like} (same partitions and frame) with another function, operands or order. */
    static RexNode over(
            RexBuilder rex,
            RexOver like,
            RelDataType type,
            SqlAggFunction function,
            List<RexNode> operands,
            List<RexFieldCollation> orderKeys) {
        RexWindow window = like.getWindow();
        return rex.makeOver(
                type,
                function,
                operands,
                window.partitionKeys,
                ImmutableList.copyOf(orderKeys),
                window.getLowerBound(),
                window.getUpperBound(),
                window.getExclude(),
                window.isRows(),
                true,
                false,
                like.isDistinct(),
                like.ignoreNulls());
    }

    @Override
    public final RelNode visit(RelNode other) {
        RelNode rel =
                super.visit(other).accept(new Expressions(other.getCluster().getRexBuilder()));
        return rewrite(rel);
    }

    private final class Expressions extends RexShuttle {
        private final RexBuilder rex;

        Expressions(RexBuilder rex) {
            this.rex = rex;
        }

        @Override
        public RexNode visitCall(RexCall call) {
            RexNode visited = super.visitCall(call);
            if (visited.getKind() == SqlKind.AND || visited.getKind() == SqlKind.OR) {
                // A rewritten operand may itself be an AND or OR; Calcite wants conditions flat.
                visited = RexUtil.flatten(rex, visited);
            }
            return visited instanceof RexCall c ? rewrite(rex, c) : visited;
        }

        @Override
        public RexNode visitLiteral(RexLiteral literal) {
            return rewrite(rex, literal);
        }

        @Override
        public RexNode visitOver(RexOver over) {
            RexNode visited = super.visitOver(over);
            return visited instanceof RexOver o ? rewrite(rex, o) : visited;
        }

        @Override
        public RexNode visitSubQuery(RexSubQuery subQuery) {
            RexSubQuery visited = (RexSubQuery) super.visitSubQuery(subQuery);
            RelNode rel = visited.rel.accept(PlanRewrite.this);
            return rel == visited.rel ? visited : visited.clone(rel);
        }
    }
}

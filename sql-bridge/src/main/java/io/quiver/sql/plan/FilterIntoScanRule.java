package io.quiver.sql.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * Moves the conjuncts of a WHERE clause the engine can evaluate into the scan (where statistics
 * skip pages and fragments, and a key index answers key equalities); the rest stays in a filter
 * above it.
 */
final class FilterIntoScanRule extends RelRule<RuleConfig> {
    FilterIntoScanRule(RuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Filter filter = call.rel(0);
        QuiverScan scan = call.rel(1);
        RexFilters translator = new RexFilters(filter.getCluster().getRexBuilder(), scan.columns());
        PushedFilter pushed = scan.plan().filter();
        List<RexNode> rest = new ArrayList<>();
        boolean any = false;
        for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
            PushedFilter p = translator.translate(conjunct);
            if (p == null || !scan.quiverTable().canPush(p)) {
                rest.add(conjunct);
            } else {
                pushed = PushedFilter.and(pushed, p);
                any = true;
            }
        }
        if (!any) {
            return;
        }
        QuiverScan next = scan.withPlan(scan.plan().withFilter(pushed));
        if (rest.isEmpty()) {
            call.transformTo(next);
        } else {
            var rexBuilder = filter.getCluster().getRexBuilder();
            call.transformTo(filter.copy(filter.getTraitSet(), next, RexUtil.composeConjunction(rexBuilder, rest)));
        }
    }
}

package io.quiver.sql.plan;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexLiteral;

/** A LIMIT without ORDER BY or OFFSET over a scan: the engine stops after that many rows. */
final class LimitIntoScanRule extends RelRule<RuleConfig> {
    LimitIntoScanRule(RuleConfig config) {
        super(config);
    }

    static boolean plainLimit(Sort sort) {
        return sort.getCollation().getFieldCollations().isEmpty()
                && sort.offset == null
                && sort.fetch instanceof RexLiteral;
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Sort sort = call.rel(0);
        QuiverScan scan = call.rel(1);
        long limit = ((RexLiteral) sort.fetch).getValueAs(Long.class);
        call.transformTo(scan.withPlan(scan.plan().withLimit(limit)));
    }
}

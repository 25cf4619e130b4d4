package io.quiver.sql.plan;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;

/**
 * The planner rules that move work into the engine. Each matches a logical operator directly
 * above a logical {@link QuiverScan} that can still take it ({@link ScanPlan#open}).
 */
public final class QuiverRules {
    private QuiverRules() {}

    private static boolean openScan(QuiverScan scan) {
        return scan.getConvention() == Convention.NONE && scan.plan().open();
    }

    static final RelOptRule FILTER = RuleConfig.rule(
            "QuiverFilterIntoScan",
            b -> b.operand(LogicalFilter.class)
                    .oneInput(s -> s.operand(QuiverScan.class)
                            .predicate(QuiverRules::openScan)
                            .noInputs()),
            FilterIntoScanRule::new);

    static final RelOptRule PROJECT = RuleConfig.rule(
            "QuiverProjectIntoScan",
            b -> b.operand(LogicalProject.class)
                    .oneInput(s -> s.operand(QuiverScan.class)
                            .predicate(QuiverRules::openScan)
                            .noInputs()),
            ProjectIntoScanRule::new);

    static final RelOptRule LIMIT = RuleConfig.rule(
            "QuiverLimitIntoScan",
            b -> b.operand(LogicalSort.class)
                    .predicate(LimitIntoScanRule::plainLimit)
                    .oneInput(s -> s.operand(QuiverScan.class)
                            .predicate(QuiverRules::openScan)
                            .noInputs()),
            LimitIntoScanRule::new);

    static final RelOptRule NEAREST = RuleConfig.rule(
            "QuiverNearestIntoScan",
            b -> b.operand(LogicalSort.class)
                    .predicate(NearestIntoScanRule::topK)
                    .oneInput(p -> p.operand(LogicalProject.class)
                            .oneInput(s -> s.operand(QuiverScan.class)
                                    .predicate(QuiverRules::openScan)
                                    .noInputs())),
            NearestIntoScanRule::new);

    static final RelOptRule TO_ENUMERABLE = ConverterRule.Config.INSTANCE
            .withConversion(
                    QuiverScan.class,
                    s -> !(s instanceof EnumerableQuiverScan),
                    Convention.NONE,
                    EnumerableConvention.INSTANCE,
                    "QuiverScanToEnumerable")
            .withRuleFactory(ToEnumerable::new)
            .toRule();

    static final List<RelOptRule> ALL = List.of(FILTER, PROJECT, LIMIT, NEAREST, TO_ENUMERABLE);

    private static final class ToEnumerable extends ConverterRule {
        ToEnumerable(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            QuiverScan scan = (QuiverScan) rel;
            return new EnumerableQuiverScan(
                    scan.getCluster(), scan.getTraitSet(), scan.getTable(), scan.quiverTable(), scan.plan());
        }
    }
}

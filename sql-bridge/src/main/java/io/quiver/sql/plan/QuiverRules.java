package io.quiver.sql.plan;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalTableModify;

/**
 * The planner rules that move work into the engine. Each matches a logical operator directly
 * above a logical {@link QuiverScan} that can still take it ({@link ScanPlan#open}); UPDATE and
 * DELETE become the engine's modifications ({@link EnumerableQuiverModify}, {@link
 * EnumerableQuiverDelete}).
 */
public final class QuiverRules {
    private QuiverRules() {}

    private static boolean openScan(QuiverScan scan) {
        return scan.getConvention() == Convention.NONE && scan.plan().open();
    }

    private static boolean filterableScan(QuiverScan scan) {
        return scan.getConvention() == Convention.NONE && scan.plan().filterable();
    }

    static final RelOptRule FILTER = RuleConfig.rule(
            "QuiverFilterIntoScan",
            b -> b.operand(LogicalFilter.class)
                    .oneInput(s -> s.operand(QuiverScan.class)
                            .predicate(QuiverRules::filterableScan)
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

    static final RelOptRule DELETE_WHERE = RuleConfig.rule(
            "QuiverDeleteWhere",
            b -> b.operand(LogicalTableModify.class)
                    .predicate(TableModify::isDelete)
                    .oneInput(s -> s.operand(QuiverScan.class)
                            .predicate(DeleteWhereRule::wholeRowsOfKeylessTable)
                            .noInputs()),
            DeleteWhereRule::new);

    static final RelOptRule MODIFY = ConverterRule.Config.INSTANCE
            .withConversion(
                    LogicalTableModify.class,
                    EnumerableQuiverModify::runs,
                    Convention.NONE,
                    EnumerableConvention.INSTANCE,
                    "QuiverModifyToEnumerable")
            .withRuleFactory(ToEnumerableModify::new)
            .toRule();

    static final List<RelOptRule> ALL = List.of(FILTER, PROJECT, LIMIT, NEAREST, TO_ENUMERABLE, DELETE_WHERE, MODIFY);

    private static final class ToEnumerableModify extends ConverterRule {
        ToEnumerableModify(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            TableModify modify = (TableModify) rel;
            RelNode input =
                    convert(modify.getInput(), modify.getInput().getTraitSet().replace(EnumerableConvention.INSTANCE));
            return new EnumerableQuiverModify(
                    modify.getCluster(),
                    modify.getTraitSet(),
                    modify.getTable(),
                    modify.getCatalogReader(),
                    input,
                    modify.getOperation(),
                    modify.getUpdateColumnList(),
                    modify.getSourceExpressionList(),
                    modify.isFlattened());
        }
    }

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

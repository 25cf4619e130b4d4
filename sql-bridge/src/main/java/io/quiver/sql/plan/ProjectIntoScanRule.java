package io.quiver.sql.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mappings;

/** Reads only the columns a projection uses: the engine never decodes the others. */
final class ProjectIntoScanRule extends RelRule<RuleConfig> {
    ProjectIntoScanRule(RuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Project project = call.rel(0);
        QuiverScan scan = call.rel(1);
        ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
        int width = scan.getRowType().getFieldCount();
        if (used.cardinality() == width) {
            return;
        }
        List<Integer> columns = new ArrayList<>();
        for (int field : used) {
            columns.add(scan.plan().columns().get(field));
        }
        QuiverScan narrowed = scan.withPlan(scan.plan().withColumns(columns));
        Mappings.TargetMapping mapping = Mappings.target(used.asList(), width);
        RexPermuteInputsShuttle shuttle = RexPermuteInputsShuttle.of(mapping);
        List<RexNode> projects = new ArrayList<>();
        for (RexNode e : project.getProjects()) {
            projects.add(e.accept(shuttle));
        }
        RelNode result = RexUtil.isIdentity(projects, narrowed.getRowType())
                        && project.getRowType()
                                .getFieldNames()
                                .equals(narrowed.getRowType().getFieldNames())
                ? narrowed
                : project.copy(project.getTraitSet(), narrowed, projects, project.getRowType());
        call.transformTo(result);
    }
}

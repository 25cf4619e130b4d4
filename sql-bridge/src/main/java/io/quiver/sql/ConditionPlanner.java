package io.quiver.sql;

import io.quiver.sql.plan.QuiverPrepare;
import io.quiver.sql.plan.QuiverTypeSystem;
import java.sql.SQLException;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;

/**
 * A WHERE clause as a validated Calcite row expression over the table's columns, for statements
 * that hand it to the engine rather than run a query (DELETE on a keyless table).
 */
final class ConditionPlanner {
    record Condition(RexBuilder rexBuilder, RexNode rex) {}

    private ConditionPlanner() {}

    static Condition condition(QuiverSql session, SqlNode table, SqlIdentifier alias, SqlNode where)
            throws SQLException {
        String sql = "SELECT * FROM " + CalciteParsing.text(table)
                + (alias == null ? "" : " AS " + CalciteParsing.text(alias)) + " WHERE " + CalciteParsing.text(where);
        // Typed and converted as queries are (TIMESTAMP(6) columns and constants, casts to TIMESTAMP
        // as Quiver computes them), and no TIMESTAMP folded into a constant of the wrong unit.
        FrameworkConfig config = Frameworks.newConfigBuilder()
                .defaultSchema(session.calcite().getRootSchema().subSchemas().get(QuiverSql.SCHEMA))
                .parserConfig(CalciteParsing.CONFIG)
                .typeSystem(QuiverTypeSystem.INSTANCE)
                .convertletTable(QuiverPrepare.convertlets())
                .executor(QuiverPrepare.conditionExecutor())
                .build();
        try (Planner planner = Frameworks.getPlanner(config)) {
            SqlNode parsed = planner.parse(sql);
            RelNode rel = planner.rel(planner.validate(parsed)).project();
            RexNode[] found = new RexNode[1];
            rel.accept(new RelShuttleImpl() {
                @Override
                public RelNode visit(LogicalFilter filter) {
                    found[0] = filter.getCondition();
                    return filter;
                }
            });
            if (found[0] == null) {
                throw new SQLException("internal error: no filter planned for " + RelOptUtil.toString(rel), "XX000");
            }
            return new Condition(rel.getCluster().getRexBuilder(), found[0]);
        } catch (Exception e) {
            throw SqlErrors.translate(e);
        }
    }
}

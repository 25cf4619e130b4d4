package io.quiver.sql.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexNode;

/**
 * Calcite's constant folding, kept off the expressions whose compiled code would read a
 * TIMESTAMP's microseconds as milliseconds ({@link TimestampSafety#evaluates}): during SQL to
 * plan conversion, before {@link TimestampRewrite} has replaced Calcite's TIMESTAMP constants and
 * operators, such an expression is left as it is, to be rewritten and folded later. The TIMESTAMP
 * values folding produces become constants in microseconds through {@link MicrosRexBuilder}.
 */
final class TimestampExecutor implements RexExecutor {
    private final RexExecutor delegate;

    TimestampExecutor(RexExecutor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void reduce(RexBuilder rexBuilder, List<RexNode> constExps, List<RexNode> reducedValues) {
        List<RexNode> safe = new ArrayList<>();
        for (RexNode e : constExps) {
            if (TimestampSafety.evaluates(e)) {
                safe.add(e);
            }
        }
        List<RexNode> reduced = new ArrayList<>();
        if (!safe.isEmpty()) {
            delegate.reduce(rexBuilder, safe, reduced);
        }
        int next = 0;
        for (RexNode e : constExps) {
            reducedValues.add(next < safe.size() && safe.get(next) == e ? reduced.get(next++) : e);
        }
    }
}

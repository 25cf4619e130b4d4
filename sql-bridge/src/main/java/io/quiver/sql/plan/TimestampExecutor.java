package io.quiver.sql.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.util.Util;

/**
 * Calcite's constant folding, kept off the expressions whose compiled code would read a
 * TIMESTAMP's microseconds as milliseconds ({@link TimestampSafety#evaluates}): during SQL to
 * plan conversion, before {@link TimestampRewrite} has replaced Calcite's TIMESTAMP constants and
 * operators, such an expression is left as it is, to be rewritten and folded later. The TIMESTAMP
 * values folding produces become constants in microseconds through {@link MicrosRexBuilder}.
 */
final class TimestampExecutor implements RexExecutor {
    private final RexExecutor delegate;
    private final boolean anyTimestamp;

    TimestampExecutor(RexExecutor delegate) {
        this(delegate, false);
    }

    /**
     * {@code anyTimestamp}: leave every expression that touches a TIMESTAMP alone, for a plan
     * whose row expressions are not built by {@link MicrosRexBuilder} (its constants would be
     * made of microseconds read as milliseconds).
     */
    TimestampExecutor(RexExecutor delegate, boolean anyTimestamp) {
        this.delegate = delegate;
        this.anyTimestamp = anyTimestamp;
    }

    private boolean folds(RexNode e) {
        return anyTimestamp ? !touchesTimestamp(e) : TimestampSafety.evaluates(e);
    }

    private static boolean touchesTimestamp(RexNode e) {
        try {
            e.accept(new RexVisitorImpl<Void>(true) {
                @Override
                public Void visitCall(RexCall call) {
                    if (TimestampCalls.isTimestamp(call.getType())) {
                        throw Util.FoundOne.NULL;
                    }
                    return super.visitCall(call);
                }

                @Override
                public Void visitLiteral(RexLiteral literal) {
                    if (TimestampCalls.isTimestamp(literal.getType())) {
                        throw Util.FoundOne.NULL;
                    }
                    return null;
                }

                @Override
                public Void visitInputRef(RexInputRef ref) {
                    if (TimestampCalls.isTimestamp(ref.getType())) {
                        throw Util.FoundOne.NULL;
                    }
                    return null;
                }
            });
            return false;
        } catch (Util.FoundOne found) {
            return true;
        }
    }

    @Override
    public void reduce(RexBuilder rexBuilder, List<RexNode> constExps, List<RexNode> reducedValues) {
        List<RexNode> safe = new ArrayList<>();
        for (RexNode e : constExps) {
            if (folds(e)) {
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

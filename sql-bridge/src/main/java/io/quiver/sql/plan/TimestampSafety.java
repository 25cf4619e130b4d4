package io.quiver.sql.plan;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexFieldCollation;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The safety net under Quiver's microsecond TIMESTAMPs: Calcite's own code reads a TIMESTAMP's
 * number as milliseconds, so a plan may only move, compare, group, sort and join TIMESTAMPs by
 * value, and hand them to the {@link TimestampCalls} functions. Any other operation on one (an
 * operator no rewrite covers yet, a TIMESTAMP constant Calcite would compile as milliseconds, a
 * RANGE window offset) makes the statement fail with SQLSTATE 0A000 ("... on TIMESTAMP is not
 * supported yet"), never give a wrong answer. Checked on the plan before optimization, after
 * Quiver's rewrites, and again on the plan the optimizer chose (its rules add casts and fold
 * constants).
 */
final class TimestampSafety {
    /** Calls that compare or choose TIMESTAMPs by value, whose code never looks inside the number. */
    private static final Set<SqlKind> BY_VALUE = EnumSet.of(
            SqlKind.EQUALS,
            SqlKind.NOT_EQUALS,
            SqlKind.LESS_THAN,
            SqlKind.LESS_THAN_OR_EQUAL,
            SqlKind.GREATER_THAN,
            SqlKind.GREATER_THAN_OR_EQUAL,
            SqlKind.IS_NULL,
            SqlKind.IS_NOT_NULL,
            SqlKind.IS_DISTINCT_FROM,
            SqlKind.IS_NOT_DISTINCT_FROM,
            SqlKind.CASE,
            SqlKind.COALESCE,
            SqlKind.NULLIF,
            // subqueries: x IN (SELECT ...), x > ALL (...), (SELECT ts ...)
            SqlKind.IN,
            SqlKind.NOT_IN,
            SqlKind.SOME,
            SqlKind.ALL,
            SqlKind.EXISTS,
            SqlKind.UNIQUE,
            SqlKind.SCALAR_QUERY);

    /**
     * Aggregates that return one of their argument's values, count them, or say which columns a
     * row of grouping sets groups by (GROUPING, which the planner adds for COUNT(DISTINCT ts)).
     */
    private static final Set<SqlKind> AGGREGATES_BY_VALUE = EnumSet.of(
            SqlKind.GROUPING,
            SqlKind.GROUP_ID,
            SqlKind.MIN,
            SqlKind.MAX,
            SqlKind.COUNT,
            SqlKind.ANY_VALUE,
            SqlKind.SINGLE_VALUE,
            SqlKind.FIRST_VALUE,
            SqlKind.LAST_VALUE,
            SqlKind.NTH_VALUE,
            SqlKind.LAG,
            SqlKind.LEAD,
            SqlKind.MODE);

    private TimestampSafety() {}

    /** Fails (0A000, naming the operation) when the plan reads a TIMESTAMP in a way Calcite computes in milliseconds. */
    static void check(RelNode rel) {
        String problem = problem(rel);
        if (problem != null) {
            throw new UnsupportedOperationException(problem);
        }
    }

    /** Whether Calcite's own code computes the expression right: it does nothing to a TIMESTAMP but what this class allows. */
    static boolean evaluates(RexNode e) {
        Finder finder = new Finder();
        e.accept(finder);
        return finder.problem == null;
    }

    private static String problem(RelNode rel) {
        String own = switch (rel) {
            case Values values -> values(values);
            case Aggregate aggregate -> aggregate(aggregate);
            case Window window -> window(window);
            default -> null;
        };
        if (own != null) {
            return own;
        }
        Finder finder = new Finder();
        rel.accept(finder);
        if (finder.problem != null) {
            return finder.problem;
        }
        for (RelNode input : rel.getInputs()) {
            String p = problem(input);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static boolean isTimestamp(RelDataType type) {
        return TimestampCalls.isTimestamp(type);
    }

    private static String values(Values values) {
        for (List<RexLiteral> tuple : values.getTuples()) {
            for (RexLiteral literal : tuple) {
                String p = literal(literal);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private static String literal(RexLiteral literal) {
        return isTimestamp(literal.getType()) && !literal.isNull()
                ? "the TIMESTAMP constant " + literal + " (in Calcite's milliseconds) is not supported yet"
                : null;
    }

    private static String aggregate(Aggregate aggregate) {
        List<RelDataType> fields = aggregate.getInput().getRowType().getFieldList().stream()
                .map(f -> f.getType())
                .toList();
        for (AggregateCall call : aggregate.getAggCallList()) {
            boolean touches =
                    isTimestamp(call.getType()) || call.getArgList().stream().anyMatch(i -> isTimestamp(fields.get(i)));
            if (touches && !AGGREGATES_BY_VALUE.contains(call.getAggregation().getKind())) {
                return call.getAggregation().getName() + " on TIMESTAMP is not supported yet";
            }
            Finder finder = new Finder();
            call.rexList.forEach(e -> e.accept(finder));
            if (finder.problem != null) {
                return finder.problem;
            }
        }
        return null;
    }

    private static String window(Window window) {
        for (RexLiteral constant : window.constants) {
            String p = literal(constant);
            if (p != null) {
                return p;
            }
        }
        List<RelDataType> fields = window.getInput().getRowType().getFieldList().stream()
                .map(f -> f.getType())
                .toList();
        for (Window.Group group : window.groups) {
            boolean timestampOrder = group.orderKeys.getFieldCollations().stream()
                    .map(RelFieldCollation::getFieldIndex)
                    .anyMatch(i -> i < fields.size() && isTimestamp(fields.get(i)));
            if (timestampOrder && !group.isRows && (offset(group.lowerBound) || offset(group.upperBound))) {
                return rangeOverTimestamp();
            }
            for (Window.RexWinAggCall call : group.aggCalls) {
                String p = aggregate(call);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private static boolean offset(RexWindowBound bound) {
        return bound.getOffset() != null;
    }

    private static String rangeOverTimestamp() {
        return "a RANGE window frame with an offset (PRECEDING or FOLLOWING) over a TIMESTAMP ORDER BY"
                + " on TIMESTAMP is not supported yet";
    }

    /** A windowed aggregate of a TIMESTAMP: it must return or count values. */
    private static String aggregate(RexCall call) {
        boolean touches =
                isTimestamp(call.getType()) || call.getOperands().stream().anyMatch(o -> isTimestamp(o.getType()));
        return touches && !AGGREGATES_BY_VALUE.contains(call.getOperator().getKind())
                ? call.getOperator().getName() + " on TIMESTAMP is not supported yet"
                : null;
    }

    /** What is wrong with one call, or null. */
    private static String call(RexCall call) {
        List<RexNode> operands = call.getOperands();
        boolean touches = isTimestamp(call.getType()) || operands.stream().anyMatch(o -> isTimestamp(o.getType()));
        if (!touches || TimestampCalls.OPERATORS.contains(call.getOperator())) {
            return null;
        }
        if (call.getKind() == SqlKind.CAST) {
            RelDataType from = operands.getFirst().getType();
            boolean same = operands.size() == 1
                    && !TimestampCalls.rewritesCast(from, call.getType())
                    && (from.getSqlTypeName() == SqlTypeName.NULL || TimestampCalls.isMicros(call.getType()));
            return same ? null : "CAST from " + from + " to " + call.getType() + " on TIMESTAMP is not supported yet";
        }
        if (BY_VALUE.contains(call.getKind()) && operands.stream().allMatch(o -> byValue(call, o.getType()))) {
            return null;
        }
        return call.getOperator().getName() + " on TIMESTAMP is not supported yet";
    }

    /**
     * Whether an operand of a call that compares or chooses values is fit for it: a TIMESTAMP of
     * microseconds or a NULL (a DATE's days compared with one would compare numbers of different
     * units), the condition of a CASE, or another column of a row compared with a subquery's.
     */
    private static boolean byValue(RexCall call, RelDataType type) {
        if (TimestampCalls.isMicros(type) || type.getSqlTypeName() == SqlTypeName.NULL) {
            return true;
        }
        if (isTimestamp(type)) {
            return false;
        }
        return call instanceof RexSubQuery
                || call.getKind() == SqlKind.CASE && type.getSqlTypeName() == SqlTypeName.BOOLEAN;
    }

    /** Walks every expression (subqueries' plans too), remembering the first problem. */
    private static final class Finder extends RexShuttle {
        String problem;

        @Override
        public RexNode visitLiteral(RexLiteral literal) {
            if (problem == null) {
                problem = literal(literal);
            }
            return literal;
        }

        @Override
        public RexNode visitCall(RexCall call) {
            if (problem == null) {
                problem = call(call);
            }
            super.visitCall(call);
            return call;
        }

        @Override
        public RexNode visitOver(RexOver over) {
            if (problem == null) {
                problem = aggregate(over);
            }
            RexWindow window = over.getWindow();
            boolean timestampOrder = window.orderKeys.stream()
                    .map((RexFieldCollation k) -> k.left.getType())
                    .anyMatch(TimestampSafety::isTimestamp);
            if (problem == null
                    && timestampOrder
                    && !window.isRows()
                    && (offset(window.getLowerBound()) || offset(window.getUpperBound()))) {
                problem = rangeOverTimestamp();
            }
            super.visitOver(over);
            return over;
        }

        @Override
        public RexNode visitSubQuery(RexSubQuery subQuery) {
            if (problem == null) {
                problem = call(subQuery);
            }
            super.visitSubQuery(subQuery);
            if (problem == null) {
                problem = problem(subQuery.rel);
            }
            return subQuery;
        }
    }
}

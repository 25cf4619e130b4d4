package io.quiver.sql.plan;

import io.quiver.engine.expr.Expr;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A WHERE clause (or the part of it) the engine evaluates: the shape of an engine {@link Expr}
 * whose values may still be statement parameters. {@link FilterBinder} turns it into an
 * {@link Expr} once the parameters are known.
 */
public sealed interface PushedFilter {
    record Compare(String column, Expr.Op op, Operand value) implements PushedFilter {
        @Override
        public String toString() {
            return column + " " + op + " " + value;
        }
    }

    record In(String column, List<Operand> values) implements PushedFilter {
        @Override
        public String toString() {
            return column + " IN " + values;
        }
    }

    record IsNull(String column) implements PushedFilter {
        @Override
        public String toString() {
            return column + " IS NULL";
        }
    }

    /** LIKE with the pattern in the engine's syntax ({@code \} escapes) once bound. */
    record Like(String column, Operand pattern, Character escape) implements PushedFilter {
        @Override
        public String toString() {
            return column + " LIKE " + pattern + (escape == null ? "" : " ESCAPE '" + escape + "'");
        }
    }

    record And(List<PushedFilter> children) implements PushedFilter {
        @Override
        public String toString() {
            return children.stream().map(c -> "(" + c + ")").collect(Collectors.joining(" AND "));
        }
    }

    record Or(List<PushedFilter> children) implements PushedFilter {
        @Override
        public String toString() {
            return children.stream().map(c -> "(" + c + ")").collect(Collectors.joining(" OR "));
        }
    }

    record Not(PushedFilter child) implements PushedFilter {
        @Override
        public String toString() {
            return "NOT (" + child + ")";
        }
    }

    static PushedFilter and(PushedFilter a, PushedFilter b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : new And(List.of(a, b));
    }
}

package io.quiver.engine.expr;

import java.util.List;
import java.util.Objects;

/**
 * A row filter as a typed tree: column comparisons with literal values, combined with AND, OR
 * and NOT. Literals are Java values, never text spliced into a query string. Build them with
 * {@link Filters}. Nulls follow SQL: a comparison with a null value is unknown, and a row passes
 * a filter only when the filter is true.
 */
public sealed interface Expr {
    /** Comparison operators. */
    enum Op {
        EQ("="),
        NE("<>"),
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /** The operator that holds exactly when this one does not (for non-null values). */
        Op negate() {
            return switch (this) {
                case EQ -> NE;
                case NE -> EQ;
                case LT -> GE;
                case LE -> GT;
                case GT -> LE;
                case GE -> LT;
            };
        }

        boolean test(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
            };
        }

        @Override
        public String toString() {
            return symbol;
        }
    }

    /** {@code column op value}; value is never null (use {@link IsNull}). */
    record Compare(String column, Op op, Object value) implements Expr {
        public Compare {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(op, "op is null");
            if (value == null) {
                throw new IllegalArgumentException(
                        "comparing " + column + " with null is never true; use Filters.isNull");
            }
        }
    }

    /** {@code column IN (values)}; no value is null (use {@link IsNull}). */
    record In(String column, List<Object> values) implements Expr {
        public In {
            Objects.requireNonNull(column, "column is null");
            for (Object v : values) {
                if (v == null) {
                    throw new IllegalArgumentException(
                            "IN list for " + column + " holds a null, which never matches; use Filters.isNull");
                }
            }
            values = List.copyOf(values);
        }
    }

    /** {@code column IS NULL}. */
    record IsNull(String column) implements Expr {
        public IsNull {
            Objects.requireNonNull(column, "column is null");
        }
    }

    /** SQL LIKE on a UTF8 column: {@code %} any run, {@code _} one character, {@code \} escapes. */
    record Like(String column, String pattern) implements Expr {
        public Like {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(pattern, "pattern is null");
        }
    }

    record And(List<Expr> children) implements Expr {
        public And {
            children = List.copyOf(children);
        }
    }

    record Or(List<Expr> children) implements Expr {
        public Or {
            children = List.copyOf(children);
        }
    }

    record Not(Expr child) implements Expr {
        public Not {
            Objects.requireNonNull(child, "child is null");
        }
    }
}

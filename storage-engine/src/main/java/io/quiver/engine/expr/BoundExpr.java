package io.quiver.engine.expr;

import io.quiver.engine.schema.Column;
import java.util.List;

/** A filter checked against a schema: columns resolved, literals converted to the column's domain. */
sealed interface BoundExpr {
    record Compare(Column column, Expr.Op op, Object literal) implements BoundExpr {}

    record In(Column column, List<Object> literals) implements BoundExpr {}

    record IsNull(Column column) implements BoundExpr {}

    record Like(Column column, LikePattern pattern) implements BoundExpr {}

    record And(List<BoundExpr> children) implements BoundExpr {}

    record Or(List<BoundExpr> children) implements BoundExpr {}

    record Not(BoundExpr child) implements BoundExpr {}
}

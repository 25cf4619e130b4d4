package io.quiver.engine.expr;

import io.quiver.engine.datafile.ColumnSlice;
import io.quiver.engine.datafile.ColumnStats;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.StatsDomain;
import io.quiver.engine.schema.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A filter bound to a table schema. It evaluates on page slices (SQL three-valued logic) and
 * decides from column statistics whether a page range or fragment can hold a matching row.
 */
public final class BoundFilter {
    private final Expr source;
    private final BoundExpr root;
    private final Set<Column> columns = new LinkedHashSet<>();

    private BoundFilter(Expr source, BoundExpr root) {
        this.source = source;
        this.root = root;
        collect(root);
    }

    /** Resolves columns and converts literals; IllegalArgumentException names what does not fit. */
    public static BoundFilter bind(Expr expr, TableSchema schema) {
        return new BoundFilter(expr, bindNode(expr, schema));
    }

    public Expr source() {
        return source;
    }

    /** The columns the filter reads. */
    public Set<Column> columns() {
        return columns;
    }

    private static BoundExpr bindNode(Expr e, TableSchema schema) {
        return switch (e) {
            case Expr.Compare c -> {
                Column col = ordered(schema.column(c.column()));
                yield new BoundExpr.Compare(col, c.op(), Literals.normalize(col, c.value()));
            }
            case Expr.In in -> {
                Column col = ordered(schema.column(in.column()));
                List<Object> values = new ArrayList<>();
                for (Object v : in.values()) {
                    if (v == null) {
                        throw new IllegalArgumentException(
                                "IN list for " + in.column() + " holds a null, which never matches");
                    }
                    values.add(Literals.normalize(col, v));
                }
                yield new BoundExpr.In(col, values);
            }
            case Expr.IsNull n -> new BoundExpr.IsNull(schema.column(n.column()));
            case Expr.Like l -> {
                Column col = schema.column(l.column());
                if (col.type().id() != io.quiver.format.proto.TypeId.UTF8) {
                    throw new IllegalArgumentException("LIKE needs a UTF8 column, " + col.name() + " is " + col.type());
                }
                yield new BoundExpr.Like(col, new LikePattern(l.pattern()));
            }
            case Expr.And a ->
                new BoundExpr.And(
                        a.children().stream().map(c -> bindNode(c, schema)).toList());
            case Expr.Or o ->
                new BoundExpr.Or(
                        o.children().stream().map(c -> bindNode(c, schema)).toList());
            case Expr.Not n -> new BoundExpr.Not(bindNode(n.child(), schema));
        };
    }

    private static Column ordered(Column c) {
        if (c.type().valueDomain() == StatsDomain.NONE) {
            throw new IllegalArgumentException(
                    "column " + c.name() + " of type " + c.type() + " cannot be compared; only IS NULL applies");
        }
        return c;
    }

    private void collect(BoundExpr e) {
        switch (e) {
            case BoundExpr.Compare c -> columns.add(c.column());
            case BoundExpr.In in -> columns.add(in.column());
            case BoundExpr.IsNull n -> columns.add(n.column());
            case BoundExpr.Like l -> columns.add(l.column());
            case BoundExpr.And a -> a.children().forEach(this::collect);
            case BoundExpr.Or o -> o.children().forEach(this::collect);
            case BoundExpr.Not n -> collect(n.child());
        }
    }

    /**
     * False only when no row described by the statistics can pass. {@code stats} gives the
     * statistics of a column by field id (all-null statistics for a column the data lacks).
     */
    public boolean mayMatch(IntFunction<ColumnStats> stats) {
        return StatsPruner.mayMatch(root, stats, false);
    }

    /**
     * Evaluates the filter on {@code rows} rows, given each column's values (by field id) as page
     * slices; returns which rows pass (true, not unknown).
     */
    public boolean[] evaluate(IntFunction<List<ColumnSlice>> columns, int rows) {
        byte[] truth = BatchEvaluator.evaluate(root, columns, rows);
        boolean[] pass = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            pass[i] = truth[i] == BatchEvaluator.TRUE;
        }
        return pass;
    }

    @Override
    public String toString() {
        return source.toString();
    }
}

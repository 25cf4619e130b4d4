package io.quiver.lance;

import io.quiver.engine.expr.Expr;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.format.proto.TypeId;
import io.quiver.sql.plan.Operand;
import io.quiver.sql.plan.PushedFilter;
import java.time.LocalDate;
import java.util.List;
import java.util.StringJoiner;

/**
 * Renders filter trees in Lance's filter syntax (SQL as DataFusion reads it). Every identifier
 * is quoted with backticks (a backtick inside doubled) and every value is rendered from its typed
 * Java form: strings single-quoted with quotes doubled, numbers by their exact decimal digits,
 * dates as DATE literals. No text of the statement reaches the filter string.
 *
 * <p>Only what renders exactly is pushed: {@link #canRender} decides at planning, per filter, and
 * the rest stays in Calcite. Comparisons of REAL columns are made in DOUBLE, as SQL and Quiver's
 * engine make them; float comparisons with a parameter are not pushed (a NaN parameter has no
 * Lance literal).
 */
final class LanceFilters {
    private LanceFilters() {}

    /** Whether every part of a pushed filter renders for Lance, whatever its parameters turn out to be. */
    static boolean canRender(PushedFilter filter, TableSchema schema) {
        return switch (filter) {
            case PushedFilter.And a -> a.children().stream().allMatch(c -> canRender(c, schema));
            case PushedFilter.Or o -> o.children().stream().allMatch(c -> canRender(c, schema));
            case PushedFilter.Not n -> canRender(n.child(), schema);
            case PushedFilter.IsNull n -> schema.find(n.column()).isPresent();
            case PushedFilter.Compare c -> renders(schema, c.column(), c.value());
            case PushedFilter.In in -> in.values().stream().allMatch(v -> renders(schema, in.column(), v));
            case PushedFilter.Like l -> renders(schema, l.column(), l.pattern());
        };
    }

    private static boolean renders(TableSchema schema, String column, Operand value) {
        Column c = schema.find(column).orElse(null);
        if (c == null) {
            return false;
        }
        return switch (c.type().id()) {
            case INT8, INT16, INT32, INT64, BOOL, UTF8, DATE32 -> true;
            case FLOAT32, FLOAT64 -> value instanceof Operand.Literal(Double d) && Double.isFinite(d);
            default -> false;
        };
    }

    /** A bound filter as Lance filter text; UnsupportedOperationException for a value with no exact literal. */
    static String render(Expr filter, TableSchema schema) {
        return switch (filter) {
            case Expr.And a -> join(a.children(), " AND ", schema);
            case Expr.Or o -> join(o.children(), " OR ", schema);
            case Expr.Not n -> "NOT (" + render(n.child(), schema) + ")";
            case Expr.IsNull n -> identifier(n.column()) + " IS NULL";
            case Expr.Compare c -> operand(schema, c.column()) + " " + c.op() + " " + literal(c.value());
            case Expr.In in -> {
                StringJoiner values = new StringJoiner(", ", " IN (", ")");
                in.values().forEach(v -> values.add(literal(v)));
                yield operand(schema, in.column()) + values;
            }
            // The engine's patterns escape with a backslash, as DataFusion's LIKE does by default.
            case Expr.Like l -> identifier(l.column()) + " LIKE " + literal(l.pattern());
        };
    }

    private static String join(List<Expr> children, String operator, TableSchema schema) {
        StringJoiner out = new StringJoiner(operator);
        for (Expr child : children) {
            out.add("(" + render(child, schema) + ")");
        }
        return out.toString();
    }

    /** The column as compared: REAL widened to DOUBLE, as the SQL comparison with a DOUBLE value is made. */
    private static String operand(TableSchema schema, String column) {
        return schema.column(column).type().id() == TypeId.FLOAT32
                ? "CAST(" + identifier(column) + " AS DOUBLE)"
                : identifier(column);
    }

    static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    static String literal(Object value) {
        return switch (value) {
            case String s -> "'" + s.replace("'", "''") + "'";
            case Boolean b -> b ? "TRUE" : "FALSE";
            // The most negative long has no positive counterpart to negate.
            case Long l when l == Long.MIN_VALUE -> "(-9223372036854775807 - 1)";
            case Long l -> Long.toString(l);
            // The shortest digits that read back as exactly this double.
            case Double d when Double.isFinite(d) -> Double.toString(d);
            case LocalDate d -> "DATE '" + d + "'";
            default ->
                throw new UnsupportedOperationException("the value " + value + " ("
                        + value.getClass().getSimpleName() + ") has no exact literal in Lance's filter syntax");
        };
    }
}

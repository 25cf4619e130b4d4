package io.quiver.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCollectionTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSnapshot;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Writes a statement's tree as SQL for Calcite's own parser, after the rewrites Calcite needs,
 * made on the tree: time travel ({@code t FOR SYSTEM_VERSION AS OF 3}, a {@link SqlSnapshot}
 * whose period is a version number) becomes {@code TABLE(table_version('t', 3)) AS t}, and a
 * {@code ?} standing alone as an argument of a distance function becomes {@code CAST(? AS REAL
 * ARRAY)}, since Calcite cannot infer a parameter's type from a user function's signature.
 */
public final class CalciteText {
    /** The table macro that reads a table at a version (io.quiver.sql.schema.TableMacros). */
    static final String VERSION_MACRO = "table_version";

    private static final Set<String> DISTANCE_FUNCTIONS =
            Set.of("l2_distance", "euclidean_distance", "cosine_distance", "cosine_similarity", "dot_product");

    private CalciteText() {}

    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The node, rewritten, as SQL text; a bad time-travel version is a syntax error at it. */
    static String text(SqlNode node) throws SqlSyntaxException {
        return rewrite(node).toSqlString(CalciteSqlDialect.DEFAULT).getSql();
    }

    /** The node as Calcite's validator takes it; a bad time-travel version is a syntax error at it. */
    static <N extends SqlNode> N rewrite(N node) throws SqlSyntaxException {
        Rewriter rewriter = new Rewriter();
        SqlNode rewritten = node.accept(rewriter);
        if (rewriter.error != null) {
            throw rewriter.error;
        }
        @SuppressWarnings("unchecked")
        N same = (N) rewritten;
        return same;
    }

    private static final class Rewriter extends SqlShuttle {
        SqlSyntaxException error;

        @Override
        public SqlNode visit(SqlCall call) {
            if (call.getKind() == SqlKind.AS && call.operand(0) instanceof SqlSnapshot snapshot) {
                List<SqlNode> operands = new ArrayList<>(call.getOperandList());
                operands.set(0, version(snapshot));
                return SqlStdOperatorTable.AS.createCall(call.getParserPosition(), operands);
            }
            if (call instanceof SqlSnapshot snapshot) {
                SqlNode table = snapshot.getTableRef();
                SqlIdentifier alias = table instanceof SqlIdentifier id
                        ? new SqlIdentifier(id.names.getLast(), id.getParserPosition())
                        : null;
                SqlNode read = version(snapshot);
                return alias == null
                        ? read
                        : SqlStdOperatorTable.AS.createCall(snapshot.getParserPosition(), read, alias);
            }
            if (isDistance(call)) {
                List<SqlNode> operands = new ArrayList<>(call.getOperandList());
                for (int i = 0; i < operands.size(); i++) {
                    if (operands.get(i) instanceof SqlDynamicParam p) {
                        operands.set(i, vectorCast(p));
                    }
                }
                SqlCall cast =
                        call.getOperator().createCall(call.getFunctionQuantifier(), call.getParserPosition(), operands);
                return super.visit(cast);
            }
            return super.visit(call);
        }

        /** {@code TABLE(table_version('t', n))} for {@code t FOR ... AS OF n}. */
        private SqlNode version(SqlSnapshot snapshot) {
            SqlNode period = snapshot.getPeriod();
            SqlNode table = snapshot.getTableRef();
            if (!(period instanceof SqlLiteral literal)
                    || literal.getTypeName() != SqlTypeName.DECIMAL
                    || !literal.toValue().chars().allMatch(Character::isDigit)) {
                fail(period, "expected a version number after AS OF, found " + period);
                return snapshot;
            }
            if (!(table instanceof SqlIdentifier id) || !id.isSimple()) {
                fail(table, "time travel reads a table by its name");
                return snapshot;
            }
            SqlParserPos pos = snapshot.getParserPosition();
            long version;
            try {
                version = Long.parseLong(literal.toValue());
            } catch (NumberFormatException e) {
                fail(period, "version " + literal.toValue() + " is too large");
                return snapshot;
            }
            SqlUnresolvedFunction macro = new SqlUnresolvedFunction(
                    new SqlIdentifier(VERSION_MACRO, pos),
                    null,
                    null,
                    null,
                    null,
                    SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
            SqlCall read = macro.createCall(
                    pos,
                    SqlLiteral.createCharString(id.getSimple(), pos),
                    SqlLiteral.createExactNumeric(Long.toString(version), pos));
            return SqlStdOperatorTable.COLLECTION_TABLE.createCall(pos, read);
        }

        private void fail(SqlNode at, String message) {
            if (error == null) {
                SqlParserPos pos = at.getParserPosition();
                error = new SqlSyntaxException(message, pos.getLineNum(), pos.getColumnNum());
            }
        }
    }

    private static boolean isDistance(SqlCall call) {
        return call.getOperator() instanceof SqlUnresolvedFunction f
                && DISTANCE_FUNCTIONS.contains(f.getName().toLowerCase(Locale.ROOT));
    }

    private static SqlNode vectorCast(SqlDynamicParam p) {
        SqlParserPos pos = p.getParserPosition();
        SqlDataTypeSpec type = new SqlDataTypeSpec(
                new SqlCollectionTypeNameSpec(new SqlBasicTypeNameSpec(SqlTypeName.REAL, pos), SqlTypeName.ARRAY, pos),
                pos);
        return SqlStdOperatorTable.CAST.createCall(pos, p, type);
    }
}

package io.quiver.sql.plan;

import io.quiver.sql.exec.CodePointStrings;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexFieldCollation;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilder;

/**
 * One string order in every path of a query: code points (UTF-8 byte order), the order of the SQL
 * standard's binary collation, of PostgreSQL's C collation, of DuckDB and Trino, and of the
 * engine, which compares and keeps page statistics as UTF-8 bytes. Calcite compares Java strings,
 * by UTF-16 code units, which differs from code points between U+E000..U+FFFF and characters past
 * U+FFFF ('ＦＵＬＬ' &lt; '😀' by code point, the reverse in UTF-16); so a filter the engine ran and
 * the same filter Calcite ran could disagree. Calcite offers no hook for its string comparator, so
 * before planning this rewrite orders by the strings' UTF-8 bytes, which Calcite compares as
 * unsigned bytes: sort keys, window ORDER BY keys, and MIN and MAX of strings (over the bytes, decoded after).
 * Equality is the same in both orders and is left alone. {@link RexFilters} reads the rewritten
 * comparisons back into engine filters.
 */
public final class CodePointOrder {
    static final SqlOperator UTF8 = RuntimeFunctions.of(CodePointStrings.class, "utf8", 1);
    static final SqlOperator FROM_UTF8 = RuntimeFunctions.of(CodePointStrings.class, "fromUtf8", 1);

    private CodePointOrder() {}

    /** The query with its string orderings made code-point orderings. */
    public static RelRoot apply(RelRoot root) {
        RelNode rel = root.rel.accept(new Relations()); // one per plan: a shuttle keeps a stack
        if (rel == root.rel) {
            return root;
        }
        // The root's collation names the sorted output fields; a string one would make the planner
        // add a sort in Calcite's own order above the rewritten one.
        boolean stringOrder = root.collation.getFieldCollations().stream()
                .anyMatch(c -> isString(root.rel
                        .getRowType()
                        .getFieldList()
                        .get(c.getFieldIndex())
                        .getType()));
        RelRoot rewritten = root.withRel(rel);
        return stringOrder ? rewritten.withCollation(RelCollations.EMPTY) : rewritten;
    }

    /**
     * The operands of a comparison as strings again, for the engine, which compares strings by
     * code point itself: {@code utf8(x)} is x, and a binary constant beside it is the string whose
     * bytes it holds (the planner folds {@code utf8('abc')} into one). Null when the comparison was
     * not rewritten here.
     */
    static List<RexNode> comparedStrings(RexBuilder rex, RexCall comparison) {
        List<RexNode> operands = comparison.getOperands();
        if (operands.stream().noneMatch(o -> o instanceof RexCall c && c.getOperator() == UTF8)) {
            return null;
        }
        List<RexNode> strings = new ArrayList<>();
        for (RexNode o : operands) {
            if (o instanceof RexCall c && c.getOperator() == UTF8) {
                strings.add(c.getOperands().getFirst());
            } else if (o instanceof RexLiteral l && !l.isNull() && SqlTypeFamily.BINARY.contains(l.getType())) {
                strings.add(rex.makeLiteral(
                        CodePointStrings.fromUtf8(l.getValueAs(org.apache.calcite.avatica.util.ByteString.class))));
            } else {
                return null;
            }
        }
        return strings;
    }

    private static boolean isString(RelDataType type) {
        return SqlTypeFamily.CHARACTER.contains(type);
    }

    static RexNode utf8(RexBuilder rex, RexNode string) {
        return rex.makeCall(bytesType(rex.getTypeFactory(), string.getType().isNullable()), UTF8, List.of(string));
    }

    private static RexNode fromUtf8(RexBuilder rex, RexNode bytes, RelDataType stringType) {
        return rex.makeCall(stringType, FROM_UTF8, List.of(bytes));
    }

    private static RelDataType bytesType(RelDataTypeFactory types, boolean nullable) {
        return types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARBINARY), nullable);
    }

    private static boolean isMinOrMax(SqlKind kind) {
        return kind == SqlKind.MIN || kind == SqlKind.MAX;
    }

    /** Rewrites every relational operator, inputs first, and the subqueries in their expressions. */
    private static final class Relations extends PlanRewrite {
        @Override
        RelNode rewrite(RelNode rel) {
            if (rel instanceof LogicalSort sort) {
                return sort(sort);
            }
            if (rel instanceof LogicalAggregate aggregate) {
                return aggregate(aggregate);
            }
            return rel;
        }

        /** A sort by strings becomes a sort by their bytes, computed below it and dropped above. */
        private static RelNode sort(Sort sort) {
            List<RelFieldCollation> keys = sort.getCollation().getFieldCollations();
            List<RelDataType> fields = sort.getInput().getRowType().getFieldList().stream()
                    .map(f -> f.getType())
                    .toList();
            if (keys.stream().noneMatch(k -> isString(fields.get(k.getFieldIndex())))) {
                return sort;
            }
            RexBuilder rex = sort.getCluster().getRexBuilder();
            RelBuilder builder = builder(sort.getCluster()).push(sort.getInput());
            List<RexNode> projects = new ArrayList<>(builder.fields());
            List<RelFieldCollation> byBytes = new ArrayList<>();
            for (RelFieldCollation key : keys) {
                if (isString(fields.get(key.getFieldIndex()))) {
                    projects.add(utf8(rex, builder.field(key.getFieldIndex())));
                    byBytes.add(key.withFieldIndex(projects.size() - 1));
                } else {
                    byBytes.add(key);
                }
            }
            RelNode keyed = builder.project(projects).build();
            RelCollation collation = RelCollations.of(byBytes);
            RelNode sorted = LogicalSort.create(keyed, collation, sort.offset, sort.fetch);
            return builder.push(sorted)
                    .project(builder.fields().subList(0, fields.size()))
                    .build();
        }

        /**
         * MIN and MAX of strings become MIN and MAX of their bytes, decoded above; an aggregate
         * ordered by strings ({@code LISTAGG(s) WITHIN GROUP (ORDER BY s)}) is ordered by their bytes.
         */
        private static RelNode aggregate(Aggregate aggregate) {
            RelNode input = aggregate.getInput();
            List<RelDataType> fields = input.getRowType().getFieldList().stream()
                    .map(f -> f.getType())
                    .toList();
            if (aggregate.getAggCallList().stream()
                    .noneMatch(c -> ofStrings(c, fields) || orderedByStrings(c, fields))) {
                return aggregate;
            }
            RexBuilder rex = aggregate.getCluster().getRexBuilder();
            RelBuilder builder = builder(aggregate.getCluster()).push(input);
            List<RexNode> projects = new ArrayList<>(builder.fields());
            List<AggregateCall> calls = new ArrayList<>();
            List<Boolean> decode = new ArrayList<>();
            int groups = aggregate.getGroupCount();
            for (AggregateCall c : aggregate.getAggCallList()) {
                boolean strings = ofStrings(c, fields);
                decode.add(strings);
                if (!strings && !orderedByStrings(c, fields)) {
                    calls.add(c);
                    continue;
                }
                List<Integer> args = c.getArgList();
                if (strings) {
                    projects.add(utf8(rex, builder.field(args.getFirst())));
                    args = List.of(projects.size() - 1);
                }
                List<RelFieldCollation> keys = new ArrayList<>();
                for (RelFieldCollation key : c.collation.getFieldCollations()) {
                    if (isString(fields.get(key.getFieldIndex()))) {
                        projects.add(utf8(rex, builder.field(key.getFieldIndex())));
                        keys.add(key.withFieldIndex(projects.size() - 1));
                    } else {
                        keys.add(key);
                    }
                }
                calls.add(AggregateCall.create(
                        c.getParserPosition(),
                        c.getAggregation(),
                        c.isDistinct(),
                        c.isApproximate(),
                        c.ignoreNulls(),
                        c.rexList,
                        args,
                        c.filterArg,
                        c.distinctKeys,
                        RelCollations.of(keys),
                        aggregate.hasEmptyGroup(),
                        input,
                        strings ? bytesType(rex.getTypeFactory(), c.getType().isNullable()) : c.getType(),
                        c.getName()));
            }
            RelNode keyed = builder.project(projects).build();
            RelNode aggregated = aggregate.copy(
                    aggregate.getTraitSet(), keyed, aggregate.getGroupSet(), aggregate.getGroupSets(), calls);
            builder.push(aggregated);
            List<RexNode> out = new ArrayList<>(builder.fields().subList(0, groups));
            for (int i = 0; i < calls.size(); i++) {
                RexNode value = builder.field(groups + i);
                out.add(
                        decode.get(i)
                                ? fromUtf8(
                                        rex,
                                        value,
                                        aggregate.getAggCallList().get(i).getType())
                                : value);
            }
            return builder.project(out, aggregate.getRowType().getFieldNames()).build();
        }

        /** MIN or MAX of a string. */
        private static boolean ofStrings(AggregateCall call, List<RelDataType> fields) {
            return isMinOrMax(call.getAggregation().getKind())
                    && isString(fields.get(call.getArgList().getFirst()));
        }

        private static boolean orderedByStrings(AggregateCall call, List<RelDataType> fields) {
            return call.collation.getFieldCollations().stream().anyMatch(k -> isString(fields.get(k.getFieldIndex())));
        }

        private static RelBuilder builder(RelOptCluster cluster) {
            return RelBuilder.proto(org.apache.calcite.plan.Contexts.empty()).create(cluster, null);
        }

        /** Window ORDER BY keys and MIN or MAX of strings use the bytes. */
        @Override
        RexNode rewrite(RexBuilder rex, RexOver over) {
            RexWindow window = over.getWindow();
            boolean stringKeys = window.orderKeys.stream().anyMatch(k -> isString(k.left.getType()));
            boolean stringValue = isMinOrMax(over.getAggOperator().getKind())
                    && isString(over.getOperands().getFirst().getType());
            if (!stringKeys && !stringValue) {
                return over;
            }
            List<RexFieldCollation> keys = window.orderKeys.stream()
                    .map(k -> isString(k.left.getType()) ? new RexFieldCollation(utf8(rex, k.left), k.right) : k)
                    .toList();
            List<RexNode> operands =
                    stringValue ? List.of(utf8(rex, over.getOperands().getFirst())) : over.getOperands();
            RelDataType type =
                    stringValue ? bytesType(rex.getTypeFactory(), over.getType().isNullable()) : over.getType();
            RexNode byBytes = over(rex, over, type, over.getAggOperator(), operands, keys);
            return stringValue ? fromUtf8(rex, byBytes, over.getType()) : byBytes;
        }
    }
}

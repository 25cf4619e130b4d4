package io.quiver.sql.plan;

import io.quiver.sql.exec.BinaryStrings;
import io.quiver.sql.schema.BlobValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * BLOB columns in queries: VARBINARY to SQL, read no further than a query needs.
 *
 * <p>The design. A BLOB column's SQL type is VARBINARY ({@link io.quiver.sql.schema.SqlTypes}), so
 * every operator, function, comparison, cast and ordering that takes VARBINARY takes it and gives
 * VARBINARY's answers (PostgreSQL's for bytea): the validator needs no rules of its own. A scan,
 * though, yields a handle per value ({@link BlobValue}, an opaque type in the plan) that has read
 * nothing yet, and a table becomes its scan under a projection that turns each handle into its
 * bytes ({@link #asSql}), so the plan as converted is right, if eager. Before optimization, {@link
 * #apply} moves each conversion up to where the bytes are used, and drops it where they are not:
 *
 * <ul>
 *   <li>a column passed along (selected, filtered, sorted or grouped by other columns, limited,
 *       joined on other columns, counted) stays a handle: {@code SELECT pic} reads nothing until
 *       the result set is asked for the bytes;
 *   <li>{@code OCTET_LENGTH} reads no byte, {@code SUBSTRING} only the bytes it returns,
 *       {@code IS [NOT] NULL} none ({@link BinaryStrings});
 *   <li>everything else gets the bytes: comparisons, {@code ||}, {@code POSITION}, casts, other
 *       functions, keys of ORDER BY, GROUP BY, DISTINCT and joins, set operations, and any operator
 *       this class does not know.
 * </ul>
 *
 * <p>The alternative, a SQL type of its own coerced to VARBINARY where needed, would take a
 * coercion rule in Calcite's validator for every kind of operator (CASE, COALESCE, set operations,
 * comparisons, each function family) and still a rewrite like this one to keep reads lazy.
 *
 * <p>A column of the result that is a BLOB column's values as stored is a BLOB for JDBC (a lazily
 * read {@code java.sql.Blob}, as before): the handles, or, where the query had to read the bytes
 * (to sort, group, join on, or make distinct), the bytes wrapped as a blob. Any other binary
 * result, {@code SUBSTRING(pic ...)} included, is a VARBINARY. {@code CAST(pic AS VARBINARY)} is
 * {@code pic} itself (Calcite drops a cast to the type a value has), so it stays a BLOB.
 */
final class BlobReads {
    // The types these calls have, for the planner rules that rebuild a call (RuntimeFunctions):
    // NULL when an operand is NULL, as the functions are.
    private static final SqlReturnTypeInference VARBINARY =
            ReturnTypes.explicit(SqlTypeName.VARBINARY).andThen(SqlTypeTransforms.TO_NULLABLE);
    private static final SqlReturnTypeInference INTEGER =
            ReturnTypes.explicit(SqlTypeName.INTEGER).andThen(SqlTypeTransforms.TO_NULLABLE);
    private static final SqlReturnTypeInference HANDLE =
            b -> BlobValue.handleType(b.getTypeFactory(), b.getOperandType(0).isNullable());

    /** A handle's bytes. */
    static final SqlOperator BYTES = RuntimeFunctions.of(BinaryStrings.class, "blobBytes", 1, VARBINARY);

    /** SUBSTRING of a VARBINARY, as {@link QuiverConvertlets} makes it: of the type Calcite's SUBSTRING has. */
    static final SqlOperator SUBSTRING_FROM =
            RuntimeFunctions.of(BinaryStrings.class, "substring", 2, ReturnTypes.ARG0_NULLABLE_VARYING);

    static final SqlOperator SUBSTRING_FOR =
            RuntimeFunctions.of(BinaryStrings.class, "substring", 3, ReturnTypes.ARG0_NULLABLE_VARYING);

    private static final SqlOperator BLOB_LENGTH = RuntimeFunctions.of(BinaryStrings.class, "blobLength", 1, INTEGER);
    private static final SqlOperator BLOB_SUBSTRING_FROM =
            RuntimeFunctions.of(BinaryStrings.class, "blobSubstring", 2, VARBINARY);
    private static final SqlOperator BLOB_SUBSTRING_FOR =
            RuntimeFunctions.of(BinaryStrings.class, "blobSubstring", 3, VARBINARY);
    private static final SqlOperator BLOB = RuntimeFunctions.of(BinaryStrings.class, "blob", 1, HANDLE);

    private BlobReads() {}

    /** A scan as SQL sees it: each BLOB handle made its bytes. The scan itself when it has no BLOB column. */
    static RelNode asSql(RelNode scan) {
        List<RelDataTypeField> fields = scan.getRowType().getFieldList();
        if (fields.stream().noneMatch(f -> BlobValue.isHandle(f.getType()))) {
            return scan;
        }
        RexBuilder rex = scan.getCluster().getRexBuilder();
        List<RexNode> projects = new ArrayList<>();
        for (RelDataTypeField f : fields) {
            RexNode ref = rex.makeInputRef(f.getType(), f.getIndex());
            projects.add(BlobValue.isHandle(f.getType()) ? bytes(rex, ref) : ref);
        }
        return LogicalProject.create(
                scan, List.of(), projects, scan.getRowType().getFieldNames(), Set.of());
    }

    private static RexNode bytes(RexBuilder rex, RexNode handle) {
        RelDataTypeFactory types = rex.getTypeFactory();
        RelDataType type = types.createTypeWithNullability(
                types.createSqlType(SqlTypeName.VARBINARY), handle.getType().isNullable());
        return rex.makeCall(type, BYTES, List.of(handle));
    }

    /**
     * The query after the rewrite, and the positions of its result columns that hold {@link
     * BlobValue}s (for JDBC, BLOB columns).
     */
    record Applied(RelRoot root, ImmutableBitSet blobColumns) {}

    /** Rewrites a query as the class comment says. */
    static Applied apply(RelRoot root) {
        Rewritten r = visit(root.rel);
        if (r.rel == root.rel) {
            return new Applied(root, ImmutableBitSet.of());
        }
        RexBuilder rex = root.rel.getCluster().getRexBuilder();
        RelDataTypeFactory types = rex.getTypeFactory();
        ImmutableBitSet.Builder blobColumns = ImmutableBitSet.builder();
        RelDataTypeFactory.Builder validated = types.builder();
        for (int v = 0; v < root.fields.size(); v++) {
            RelDataTypeField field = root.validatedRowType.getFieldList().get(v);
            boolean blob = r.columns.get(root.fields.get(v).getKey());
            if (blob) {
                blobColumns.set(v);
            }
            validated.add(
                    field.getName(),
                    blob ? BlobValue.handleType(types, field.getType().isNullable()) : field.getType());
        }
        RelNode rel = r.rel;
        if (!r.handles.contains(r.columns)) {
            List<RexNode> projects = new ArrayList<>();
            for (RelDataTypeField f : rel.getRowType().getFieldList()) {
                RexNode ref = rex.makeInputRef(f.getType(), f.getIndex());
                boolean read = r.columns.get(f.getIndex()) && !r.handles.get(f.getIndex());
                projects.add(
                        read
                                ? rex.makeCall(
                                        BlobValue.handleType(types, f.getType().isNullable()), BLOB, List.of(ref))
                                : ref);
            }
            rel = LogicalProject.create(
                    rel, List.of(), projects, rel.getRowType().getFieldNames(), Set.of());
        }
        // Like a string order (CodePointOrder): a collation on a field now holding blobs would make
        // the planner add a sort of its own above the one that sorted the bytes.
        boolean blobOrder =
                root.collation.getFieldCollations().stream().anyMatch(c -> r.columns.get(c.getFieldIndex()));
        RelRoot rewritten = new RelRoot(
                rel,
                validated.build(),
                root.kind,
                root.fields,
                blobOrder ? RelCollations.EMPTY : root.collation,
                root.hints);
        return new Applied(rewritten, blobColumns.build());
    }

    /**
     * An operator rewritten: its fields are the original's, but the fields in {@code handles}
     * hold handles where the original held bytes; {@code columns} (a superset of {@code
     * handles}) are the fields that hold a BLOB column's values unchanged.
     */
    private record Rewritten(RelNode rel, RelNode original, ImmutableBitSet handles, ImmutableBitSet columns) {
        /** An operator whose fields hold no BLOB column: neither handles nor a column's bytes. */
        static Rewritten asIs(RelNode rel) {
            return new Rewritten(rel, rel, ImmutableBitSet.of(), ImmutableBitSet.of());
        }

        /** This operator with the fields in {@code read} made bytes again. */
        Rewritten read(ImmutableBitSet read) {
            ImmutableBitSet now = read.intersect(handles);
            if (now.isEmpty()) {
                return this;
            }
            RexBuilder rex = rel.getCluster().getRexBuilder();
            List<RexNode> projects = new ArrayList<>();
            for (RelDataTypeField f : rel.getRowType().getFieldList()) {
                RexNode ref = rex.makeInputRef(f.getType(), f.getIndex());
                projects.add(now.get(f.getIndex()) ? bytes(rex, ref) : ref);
            }
            RelNode bytes = LogicalProject.create(
                    rel, List.of(), projects, original.getRowType().getFieldNames(), Set.of());
            return new Rewritten(bytes, original, handles.except(now), columns);
        }

        /** This operator with its original row type: every handle made bytes again. */
        RelNode asOriginal() {
            return read(handles).rel;
        }
    }

    private static Rewritten visit(RelNode rel) {
        return switch (rel) {
            case LogicalProject p when plain(p.getProjects(), p.getVariablesSet()) -> project(p);
            case LogicalFilter f when plain(List.of(f.getCondition()), f.getVariablesSet()) -> filter(f);
            case LogicalJoin j when plain(List.of(j.getCondition()), j.getVariablesSet()) -> join(j);
            case LogicalSort s -> sort(s);
            case LogicalAggregate a -> aggregate(a);
            case SetOp s -> setOp(s);
            default -> other(rel);
        };
    }

    /** Whether an operator's expressions hold no subquery and it binds no correlation variable. */
    private static boolean plain(List<RexNode> expressions, Set<?> variables) {
        return variables.isEmpty() && RexUtil.SubQueryFinder.find(expressions) == null;
    }

    /** Any other operator: its inputs as they were, and the plans of its subqueries rewritten. */
    private static Rewritten other(RelNode rel) {
        List<RelNode> inputs =
                rel.getInputs().stream().map(i -> visit(i).asOriginal()).toList();
        RelNode copied = inputs.equals(rel.getInputs()) ? rel : rel.copy(rel.getTraitSet(), inputs);
        return Rewritten.asIs(copied.accept(new RexShuttle() {
            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
                RexSubQuery visited = (RexSubQuery) super.visitSubQuery(subQuery);
                RelNode plan = visit(visited.rel).asOriginal();
                return plan == visited.rel ? visited : visited.clone(plan);
            }
        }));
    }

    private static Rewritten project(LogicalProject project) {
        Rewritten in = visit(project.getInput());
        Expressions expressions = new Expressions(in);
        List<RexNode> out = new ArrayList<>();
        ImmutableBitSet.Builder handles = ImmutableBitSet.builder();
        ImmutableBitSet.Builder columns = ImmutableBitSet.builder();
        for (int i = 0; i < project.getProjects().size(); i++) {
            RexNode e = project.getProjects().get(i);
            RexNode handle = expressions.handle(e);
            if (handle != null) {
                out.add(handle);
                handles.set(i);
                columns.set(i);
            } else {
                out.add(e.accept(expressions));
                if (e instanceof RexInputRef ref && in.columns.get(ref.getIndex())) {
                    columns.set(i);
                }
            }
        }
        if (in.rel == project.getInput() && out.equals(project.getProjects())) {
            return Rewritten.asIs(project);
        }
        List<String> names = project.getRowType().getFieldNames();
        RelNode rel = RexUtil.isIdentity(out, in.rel.getRowType())
                        && names.equals(in.rel.getRowType().getFieldNames())
                ? in.rel
                : LogicalProject.create(in.rel, project.getHints(), out, names, Set.of());
        return new Rewritten(rel, project, handles.build(), columns.build());
    }

    private static Rewritten filter(LogicalFilter filter) {
        Rewritten in = visit(filter.getInput());
        RexNode condition = filter.getCondition().accept(new Expressions(in));
        if (in.rel == filter.getInput() && condition.equals(filter.getCondition())) {
            return Rewritten.asIs(filter);
        }
        return new Rewritten(filter.copy(filter.getTraitSet(), in.rel, condition), filter, in.handles, in.columns);
    }

    /** Sort keys are bytes; the other fields pass along as they are. */
    private static Rewritten sort(LogicalSort sort) {
        ImmutableBitSet keys = ImmutableBitSet.of(sort.getCollation().getFieldCollations().stream()
                .map(RelFieldCollation::getFieldIndex)
                .toList());
        Rewritten in = visit(sort.getInput()).read(keys);
        if (in.rel == sort.getInput()) {
            return Rewritten.asIs(sort);
        }
        return new Rewritten(
                sort.copy(sort.getTraitSet(), in.rel, sort.getCollation(), sort.offset, sort.fetch),
                sort,
                in.handles,
                in.columns);
    }

    /** The fields the join condition compares are bytes (so equi-joins stay hash joins). */
    private static Rewritten join(LogicalJoin join) {
        int leftCount = join.getLeft().getRowType().getFieldCount();
        ImmutableBitSet used = RelOptUtil.InputFinder.bits(join.getCondition());
        Rewritten left = visit(join.getLeft()).read(used);
        Rewritten right = visit(join.getRight()).read(shift(used, -leftCount));
        if (left.rel == join.getLeft() && right.rel == join.getRight()) {
            return Rewritten.asIs(join);
        }
        RelNode rel = join.copy(
                join.getTraitSet(),
                join.getCondition(),
                left.rel,
                right.rel,
                join.getJoinType(),
                join.isSemiJoinDone());
        boolean both = join.getJoinType().projectsRight();
        return new Rewritten(
                rel,
                join,
                both ? left.handles.union(shift(right.handles, leftCount)) : left.handles,
                both ? left.columns.union(shift(right.columns, leftCount)) : left.columns);
    }

    private static ImmutableBitSet shift(ImmutableBitSet bits, int by) {
        ImmutableBitSet.Builder out = ImmutableBitSet.builder();
        bits.forEach(b -> {
            if (b + by >= 0) {
                out.set(b + by);
            }
        });
        return out.build();
    }

    /**
     * Group keys and the values aggregated are bytes, but for COUNT(pic), which counts handles.
     * A group key that is a BLOB column stays one.
     */
    private static Rewritten aggregate(LogicalAggregate aggregate) {
        ImmutableBitSet.Builder read = ImmutableBitSet.builder().addAll(aggregate.getGroupSet());
        for (AggregateCall call : aggregate.getAggCallList()) {
            boolean counts = call.getAggregation().getKind() == SqlKind.COUNT && !call.isDistinct();
            if (!counts) {
                read.addAll(call.getArgList());
            }
            call.collation.getFieldCollations().forEach(c -> read.set(c.getFieldIndex()));
        }
        Rewritten in = visit(aggregate.getInput()).read(read.build());
        if (in.rel == aggregate.getInput()) {
            return Rewritten.asIs(aggregate);
        }
        ImmutableBitSet.Builder columns = ImmutableBitSet.builder();
        int position = 0;
        for (int key : aggregate.getGroupSet()) {
            if (in.columns.get(key)) {
                columns.set(position);
            }
            position++;
        }
        RelNode rel = aggregate.copy(
                aggregate.getTraitSet(),
                in.rel,
                aggregate.getGroupSet(),
                aggregate.getGroupSets(),
                aggregate.getAggCallList());
        return new Rewritten(rel, aggregate, ImmutableBitSet.of(), columns.build());
    }

    /** UNION, INTERSECT, EXCEPT: bytes in; a field that is a BLOB column in every input stays one. */
    private static Rewritten setOp(SetOp setOp) {
        List<RelNode> inputs = new ArrayList<>();
        ImmutableBitSet columns = null;
        for (RelNode input : setOp.getInputs()) {
            Rewritten r = visit(input);
            inputs.add(r.asOriginal());
            columns = columns == null ? r.columns : columns.intersect(r.columns);
        }
        if (inputs.equals(setOp.getInputs())) {
            return Rewritten.asIs(setOp);
        }
        return new Rewritten(setOp.copy(setOp.getTraitSet(), inputs), setOp, ImmutableBitSet.of(), columns);
    }

    /**
     * Rewrites the expressions of an operator over a rewritten input: a handle is read where its
     * bytes are used, or, for OCTET_LENGTH, SUBSTRING and IS [NOT] NULL, read no further than they
     * need.
     */
    private static final class Expressions extends RexShuttle {
        private final Rewritten in;
        private final RexBuilder rex;

        Expressions(Rewritten in) {
            this.in = in;
            this.rex = in.rel.getCluster().getRexBuilder();
        }

        /**
         * The handle an expression reads, or null: a field of the input that now holds handles,
         * or the bytes of a scan's handle (as {@link #asSql} made them).
         */
        RexNode handle(RexNode e) {
            if (e instanceof RexInputRef ref && in.handles.get(ref.getIndex())) {
                return field(ref.getIndex());
            }
            if (e instanceof RexCall call
                    && call.getOperator() == BYTES
                    && call.getOperands().getFirst() instanceof RexInputRef ref
                    && !in.handles.get(ref.getIndex())) {
                return ref;
            }
            return null;
        }

        private RexNode field(int index) {
            return rex.makeInputRef(
                    in.rel.getRowType().getFieldList().get(index).getType(), index);
        }

        @Override
        public RexNode visitInputRef(RexInputRef ref) {
            return in.handles.get(ref.getIndex()) ? bytes(rex, field(ref.getIndex())) : ref;
        }

        @Override
        public RexNode visitCall(RexCall call) {
            RexNode handle = call.getOperands().isEmpty()
                    ? null
                    : handle(call.getOperands().getFirst());
            if (handle == null) {
                return super.visitCall(call);
            }
            SqlOperator op = call.getOperator();
            if (op == SqlStdOperatorTable.OCTET_LENGTH) {
                return rex.makeCall(call.getType(), BLOB_LENGTH, List.of(handle));
            }
            if (op == SUBSTRING_FROM || op == SUBSTRING_FOR) {
                List<RexNode> operands = new ArrayList<>();
                operands.add(handle);
                call.getOperands().subList(1, call.getOperands().size()).forEach(o -> operands.add(o.accept(this)));
                return rex.makeCall(
                        call.getType(), op == SUBSTRING_FROM ? BLOB_SUBSTRING_FROM : BLOB_SUBSTRING_FOR, operands);
            }
            if (call.getKind() == SqlKind.IS_NULL || call.getKind() == SqlKind.IS_NOT_NULL) {
                return rex.makeCall(op, handle);
            }
            return super.visitCall(call);
        }
    }
}

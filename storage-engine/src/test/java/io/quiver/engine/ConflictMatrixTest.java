package io.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.commit.ManifestFiles;
import io.quiver.engine.commit.TableLayout;
import io.quiver.engine.expr.Expr;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.testing.IdRows;
import io.quiver.engine.testing.TableRows;
import io.quiver.engine.testing.Trees;
import io.quiver.format.proto.DataFileRef;
import io.quiver.format.proto.Fragment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two writers start from the same version; the winner commits, then the loser, whose change was
 * computed from the older version. For every pair of operations the loser is rebased, recomputed
 * or rejected exactly as the transactions document (see the {@code rebase} methods in
 * {@code commit/}), and the table then equals a model. Deterministic: no randomness needed.
 */
class ConflictMatrixTest {
    enum Op {
        APPEND,
        DELETE,
        COMPACT,
        OVERWRITE,
        ADD_NULL_COLUMN,
        ADD_COMPUTED_COLUMN,
        DROP_COLUMN
    }

    enum Outcome {
        /** The loser's change applies on top of the winner's, as computed. */
        REBASED,
        /** The loser's change is computed again from the winner's version (a delete's predicate). */
        RECOMPUTED,
        /** The loser gets a CommitConflictException and commits nothing. */
        CONFLICT
    }

    /**
     * The documented outcome: rows are the loser, columns the winner, in {@link Op} order.
     * R = rebased, X = recomputed, C = conflict.
     */
    private static final Map<Op, String> MATRIX = Map.of(
            //                          APP DEL CMP OVW ADN ADC DRP   (winner)
            Op.APPEND, "    R   R   R   C   C   C   C",
            Op.DELETE, "    X   X   X   C   X   X   X",
            Op.COMPACT, "    R   C   C   C   C   C   C",
            // An overwrite's new files carry field ids counted from its read version: a winner that
            // allocated field ids since (overwrite, add columns) makes it a conflict.
            Op.OVERWRITE, "    R   R   R   C   C   C   R",
            Op.ADD_NULL_COLUMN, "    R   R   R   C   C   C   C",
            Op.ADD_COMPUTED_COLUMN, "    C   R   C   C   C   C   C",
            Op.DROP_COLUMN, "    R   R   R   C   C   C   C");

    static Outcome expected(Op winner, Op loser) {
        String code = MATRIX.get(loser).trim().split("\\s+")[winner.ordinal()];
        return switch (code) {
            case "R" -> Outcome.REBASED;
            case "X" -> Outcome.RECOMPUTED;
            default -> Outcome.CONFLICT;
        };
    }

    static Stream<Arguments> pairs() {
        return Arrays.stream(Op.values())
                .flatMap(w -> Arrays.stream(Op.values()).map(l -> Arguments.of(w, l)));
    }

    /** Deletes rows below 5 and row 102, which only exists if an append came first. */
    private static final Expr DELETE_FILTER = Filters.or(Filters.lt("id", 5L), Filters.eq("id", 102L));

    private static final LongPredicate DELETED = id -> id < 5 || id == 102;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} wins, then {1}")
    @MethodSource("pairs")
    void loserIsRebasedRecomputedOrRejectedAsDocumented(Op winner, Op loser) throws IOException {
        Path path = tmp.resolve("table");
        try (BufferAllocator root = new RootAllocator()) {
            long base;
            Model model;
            try (Dataset ds = IdRows.createThreeFragments(path, root)) {
                base = ds.version();
                model = Model.of(ds);
            }
            Outcome outcome = expected(winner, loser);
            try (Dataset first = IdRows.open(path, root);
                    Dataset second = IdRows.open(path, root)) {
                model.apply(winner, run(first, winner));
                assertEquals(base + 1, first.version());
                if (outcome == Outcome.CONFLICT) {
                    assertThrows(CommitConflictException.class, () -> run(second, loser), winner + " then " + loser);
                    assertEquals(base, second.version(), "a rejected commit leaves the handle where it was");
                } else {
                    model.apply(loser, run(second, loser));
                    assertEquals(base + 2, second.version());
                    long readVersion = ManifestFiles.read(new TableLayout(path), base + 2)
                            .manifest()
                            .getReadVersion();
                    assertEquals(
                            outcome == Outcome.REBASED ? base : base + 1,
                            readVersion,
                            "read version of the loser's commit: " + outcome);
                }
            }
            try (Dataset ds = IdRows.open(path, root)) {
                assertEquals(base + (outcome == Outcome.CONFLICT ? 1 : 2), ds.version());
                assertEquals(model.columns, ds.tableSchema().names());
                assertEquals(model.rows, TableRows.rows(ds));
                assertEquals(model.rows.size(), ds.count());
                ds.verify();
            }
            assertNoUnreferencedFiles(path);
        }
    }

    @Test
    void deleteOnAColumnDroppedMeanwhileIsAConflictNotACallerMistake() throws IOException {
        Path path = tmp.resolve("table");
        try (BufferAllocator root = new RootAllocator()) {
            try (Dataset ds = IdRows.create(path, root)) {
                IdRows.append(ds, IdRows.range(0, 10));
            }
            try (Dataset first = IdRows.open(path, root);
                    Dataset second = IdRows.open(path, root)) {
                first.dropColumns("grp");
                CommitConflictException e =
                        assertThrows(CommitConflictException.class, () -> second.delete(Filters.eq("grp", 3)));
                assertTrue(e.getMessage().contains("grp"), e.getMessage());
                assertThrows(
                        IllegalArgumentException.class,
                        () -> first.delete(Filters.eq("grp", 3)),
                        "on its own version it is a mistake");
            }
            try (Dataset ds = IdRows.open(path, root)) {
                assertEquals(3, ds.version());
                assertEquals(10, TableRows.rows(ds).size());
            }
            assertNoUnreferencedFiles(path);
        }
    }

    /** Runs an operation; returns what it counts (deleted rows), else 0. */
    private static long run(Dataset ds, Op op) throws IOException {
        switch (op) {
            case APPEND -> IdRows.append(ds, IdRows.range(100, 105));
            case DELETE -> {
                return ds.delete(DELETE_FILTER);
            }
            case COMPACT -> assertEquals(3, ds.compact().fragmentsRemoved());
            case OVERWRITE -> {
                try (ArrowReader reader = TableRows.oneBatch(ds.allocator(), overwriteBatch(ds.allocator()))) {
                    ds.overwrite(reader);
                }
            }
            case ADD_NULL_COLUMN ->
                ds.addColumns(List.of(new Field("extra", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
            case ADD_COMPUTED_COLUMN ->
                ds.addColumns(
                        List.of(new Field("twice", FieldType.nullable(new ArrowType.Int(64, true)), null)),
                        List.of("id"),
                        (in, out) -> {
                            BigIntVector id = (BigIntVector) in.getVector("id");
                            BigIntVector twice = (BigIntVector) out.getVector("twice");
                            for (int i = 0; i < in.getRowCount(); i++) {
                                twice.setSafe(i, id.get(i) * 2);
                            }
                            twice.setValueCount(in.getRowCount());
                            out.setRowCount(in.getRowCount());
                        });
            case DROP_COLUMN -> ds.dropColumns("name");
        }
        return 0;
    }

    private static final Schema OVERWRITE_SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("label", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

    private static VectorSchemaRoot overwriteBatch(BufferAllocator allocator) {
        VectorSchemaRoot batch = VectorSchemaRoot.create(OVERWRITE_SCHEMA, allocator);
        batch.allocateNew();
        for (int i = 0; i < 4; i++) {
            ((BigIntVector) batch.getVector("id")).setSafe(i, 200 + i);
            ((VarCharVector) batch.getVector("label"))
                    .setSafe(i, ("label-" + (200 + i)).getBytes(StandardCharsets.UTF_8));
        }
        batch.setRowCount(4);
        return batch;
    }

    /** The expected table: column names in order, and rows sorted by id. */
    private static final class Model {
        final List<String> columns;
        final List<Map<String, Object>> rows;

        private Model(List<String> columns, List<Map<String, Object>> rows) {
            this.columns = new ArrayList<>(columns);
            this.rows = rows;
        }

        static Model of(Dataset ds) throws IOException {
            return new Model(ds.tableSchema().names(), TableRows.rows(ds));
        }

        void apply(Op op, long counted) {
            switch (op) {
                case APPEND -> {
                    for (long id = 100; id < 105; id++) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (String c : columns) {
                            row.put(c, null);
                        }
                        row.put("id", id);
                        row.put("grp", IdRows.grp(id));
                        row.put("name", IdRows.name(id));
                        byte[] photo = IdRows.photo(id);
                        row.put(
                                "photo",
                                photo == null ? null : java.util.HexFormat.of().formatHex(photo));
                        rows.add(row);
                    }
                }
                case DELETE -> {
                    int before = rows.size();
                    rows.removeIf(r -> DELETED.test((Long) r.get("id")));
                    assertEquals(before - rows.size(), counted, "rows the delete reports");
                }
                case COMPACT -> {}
                case OVERWRITE -> {
                    columns.clear();
                    columns.addAll(List.of("id", "label"));
                    rows.clear();
                    for (long id = 200; id < 204; id++) {
                        rows.add(new LinkedHashMap<>(Map.of("id", id, "label", "label-" + id)));
                    }
                }
                case ADD_NULL_COLUMN -> addColumn("extra", id -> null);
                case ADD_COMPUTED_COLUMN -> addColumn("twice", id -> id * 2);
                case DROP_COLUMN -> {
                    columns.remove("name");
                    rows.forEach(r -> r.remove("name"));
                }
            }
            rows.sort(java.util.Comparator.comparingLong(r -> (Long) r.get("id")));
        }

        private void addColumn(String name, java.util.function.LongFunction<Object> value) {
            columns.add(name);
            rows.forEach(r -> r.put(name, value.apply((Long) r.get("id"))));
        }
    }

    /** Files that no manifest references: a rejected or recomputed change must remove what it wrote. */
    private static void assertNoUnreferencedFiles(Path path) throws IOException {
        TableLayout layout = new TableLayout(path);
        Set<String> referenced = new HashSet<>();
        for (long v : ManifestFiles.listVersions(layout)) {
            for (Fragment f : ManifestFiles.read(layout, v).fragments()) {
                f.getFilesList().stream().map(DataFileRef::getPath).forEach(referenced::add);
                if (f.hasDeletion()) {
                    referenced.add(f.getDeletion().getPath());
                }
                f.getBlobPacksList().forEach(p -> referenced.add(p.getPath()));
            }
        }
        List<String> unreferenced = Trees.files(path).stream()
                .filter(f -> !f.startsWith(TableLayout.VERSIONS + "/") && !referenced.contains(f))
                .toList();
        assertTrue(unreferenced.isEmpty(), "unreferenced files: " + unreferenced);
        assertTrue(
                Trees.files(layout.versionsDir()).stream().allMatch(f -> TableLayout.versionOf(f) >= 0),
                "temporary manifests left");
    }
}

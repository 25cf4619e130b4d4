package io.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.expr.Expr;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.testing.FilterModel;
import io.quiver.engine.testing.ModelRows;
import io.quiver.engine.testing.RandomFilters;
import io.quiver.engine.testing.RandomRows;
import io.quiver.engine.testing.SmallFiles;
import io.quiver.engine.testing.TestRandom;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans of fragments with scattered deleted rows, of every column type, against a model. A
 * batch with deleted rows is copied as runs of page slices that start at any bit of the output
 * validity; pages with and without nulls meet in one batch, and batches span many pages.
 */
@ExtendWith(TestRandom.class)
class ScanAroundDeletionsTest {
    private static final Schema SCHEMA = RandomRows.withKey(RandomRows.ALL_TYPES);
    private static final FilterModel MODEL = new FilterModel(SCHEMA);

    @TempDir
    Path dir;

    @Test
    void scansSkipScatteredDeletedRows(Random random) throws IOException {
        for (int round = 0; round < 6; round++) {
            try (BufferAllocator allocator = new RootAllocator()) {
                // Pages of a few to a few hundred rows; fragments of several batches.
                DatasetOptions options =
                        SmallFiles.options(allocator, 64 + random.nextInt(4000), 500 + random.nextInt(3000));
                try (Dataset ds = Dataset.create(dir.resolve("t" + round), SCHEMA, options)) {
                    checkRound(random, ds, "round " + round);
                }
            }
        }
    }

    private static void checkRound(Random random, Dataset ds, String context) throws IOException {
        RandomRows generator = new RandomRows(random, SCHEMA);
        List<Object[]> rows = new ArrayList<>();
        for (int b = 1 + random.nextInt(3); b > 0; b--) {
            List<Object[]> batch = generator.next(1 + random.nextInt(3000));
            ModelRows.append(ds, batch);
            rows.addAll(batch);
        }
        // From a few isolated deleted rows to most rows gone, as repeated upserts leave them.
        double share = random.nextDouble() < 0.5 ? 0.01 + 0.1 * random.nextDouble() : random.nextDouble();
        Set<Long> deleted = new HashSet<>();
        for (Object[] row : rows) {
            if (random.nextDouble() < share) {
                deleted.add((Long) row[0]);
            }
        }
        List<Object[]> live =
                rows.stream().filter(r -> !deleted.contains((Long) r[0])).toList();
        assertEquals(deleted.size(), ds.delete(Filters.in(RandomRows.KEY, List.copyOf(deleted))));
        context += ", " + deleted.size() + " of " + rows.size() + " rows deleted";

        ModelRows.assertTable(live, ds, context);
        int batchSize = 1 + random.nextInt(5000);
        ModelRows.assertRowsEqual(
                live, ModelRows.scan(ds.scan().batchSize(batchSize)), context + ", batch size " + batchSize);

        int[] projection = randomProjection(random);
        List<String> names = new ArrayList<>();
        for (int c : projection) {
            names.add(SCHEMA.getFields().get(c).getName());
        }
        ModelRows.assertRowsEqual(
                ModelRows.project(live, projection),
                ModelRows.scan(ds.scan().columns(names)),
                context + ", columns " + names);

        Expr filter = new RandomFilters(random, SCHEMA, live).next(2);
        ModelRows.assertRowsEqual(
                MODEL.select(filter, live),
                ModelRows.scan(ds.scan().filter(filter)),
                context + ", filter " + RandomFilters.describe(filter));
        checkFragmentScans(ds, live, filter, context);
    }

    /** Fragment by fragment, as parallel readers split a version, the scans add up to the whole. */
    private static void checkFragmentScans(Dataset ds, List<Object[]> live, Expr filter, String context)
            throws IOException {
        List<Object[]> pieces = new ArrayList<>();
        List<Object[]> filtered = new ArrayList<>();
        long liveRows = 0;
        for (FragmentInfo f : ds.fragments()) {
            List<Object[]> rows = ModelRows.scan(ds.scan().fragments(f.id()));
            assertEquals(f.liveRows(), rows.size(), context + ", fragment " + f.id());
            liveRows += f.liveRows();
            pieces.addAll(rows);
            filtered.addAll(ModelRows.scan(ds.scan().fragments(f.id()).filter(filter)));
        }
        assertEquals(ds.count(), liveRows, context);
        ModelRows.assertRowsEqual(live, pieces, context + ", fragment by fragment");
        ModelRows.assertRowsEqual(MODEL.select(filter, live), filtered, context + ", filtered fragment by fragment");
        long missing = ds.fragments().stream().mapToLong(FragmentInfo::id).max().orElse(0) + 1;
        var error = assertThrows(
                IllegalArgumentException.class,
                () -> ds.scan().fragments(missing).count());
        assertTrue(error.getMessage().contains("no fragment " + missing), error.getMessage());
    }

    /** Some columns, in random order. */
    private static int[] randomProjection(Random random) {
        List<Integer> columns = new ArrayList<>();
        for (int c = 0; c < SCHEMA.getFields().size(); c++) {
            columns.add(c);
        }
        Collections.shuffle(columns, random);
        return columns.subList(0, 1 + random.nextInt(columns.size())).stream()
                .mapToInt(Integer::intValue)
                .toArray();
    }
}

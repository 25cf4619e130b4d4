package io.quiver.engine.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.CompactionOptions;
import io.quiver.engine.Dataset;
import io.quiver.engine.commit.VersionNotFoundException;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.testing.RandomRows;
import io.quiver.engine.testing.TestRandom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongPredicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Space held by deleted rows' blobs comes back through compaction, which moves the live blobs out
 * of packs that are mostly garbage (and only those), and cleanup, which deletes packs no retained
 * version lists. A blob that a retained version can read is never lost on the way.
 */
@ExtendWith(TestRandom.class)
class BlobReclaimTest {
    /** Blobs well above the inline threshold, so a pack's size is almost all blob bytes. */
    private static final int MIN_BLOB = 8_000;

    private static final int MAX_BLOB = 30_000;

    @TempDir
    Path dir;

    /** Appends {@code rows} rows of packed blobs with ids from {@code firstId}; returns the packs it made. */
    private static Set<String> appendPacked(Dataset ds, BlobRows model, long firstId, int rows, Random random)
            throws IOException {
        Set<String> before = BlobRows.packNames(ds.path());
        Map<Long, BlobRows.Row> batch = new LinkedHashMap<>();
        for (long id = firstId; id < firstId + rows; id++) {
            batch.put(
                    id,
                    new BlobRows.Row(
                            "row " + id, BlobRows.randomBytes(random, MIN_BLOB + random.nextInt(MAX_BLOB - MIN_BLOB))));
        }
        model.appendBytes(ds, batch);
        Set<String> made = new TreeSet<>(BlobRows.packNames(ds.path()));
        made.removeAll(before);
        return made;
    }

    /** Deletes the model's rows whose ids match, in the table and the model. */
    private static void delete(Dataset ds, BlobRows model, LongPredicate which) throws IOException {
        Object[] ids = model.rows.keySet().stream()
                .filter(which::test)
                .map(id -> (Object) id)
                .toArray();
        if (ids.length > 0) {
            assertEquals(ids.length, ds.delete(Filters.in("id", ids)));
        }
        model.rows.keySet().removeIf(which::test);
    }

    @Test
    void deleteCompactAndCleanupShrinkTheBlobsFolderToTheLiveBytes(Random random) throws IOException {
        Path table = dir.resolve("t");
        try (BufferAllocator allocator = new RootAllocator();
                // Packs larger than an append: each append's blobs share one pack.
                Dataset ds = Dataset.create(table, BlobRows.SCHEMA, BlobRows.options(allocator, 40, 4096, 64 << 20))) {
            BlobRows model = new BlobRows();
            for (int a = 0; a < 4; a++) {
                assertEquals(1, appendPacked(ds, model, a * 100L, 100, random).size());
            }
            long versionBefore = ds.version();
            BlobRows before = model.copy();
            // Keeping every fifth row leaves each pack about 80% garbage: every pack is sparse.
            delete(ds, model, id -> id % 5 != 0);
            long full = BlobRows.blobFolderBytes(table);

            try (Dataset old = Dataset.open(table, versionBefore)) {
                // A reader of the old version, opened before any reclaiming, reads throughout.
                before.check(old, random, "version " + versionBefore + " before compaction");
                ds.compact();
                model.check(ds, random, "after compaction");
                assertTrue(BlobRows.blobFolderBytes(table) > full, "compaction adds packs, deletes none");

                // An age that keeps every version keeps every pack those versions list.
                ds.cleanup(Duration.ofHours(1));
                before.check(old, random, "version " + versionBefore + " after a cleanup that keeps it");
            }
            try (Dataset old = Dataset.open(table, versionBefore)) {
                before.check(old, random, "version " + versionBefore + " reopened after that cleanup");
                old.verify();
            }

            ds.cleanup(Duration.ZERO);
            assertThrows(
                    VersionNotFoundException.class,
                    () -> Dataset.open(table, versionBefore).close());
            long left = BlobRows.blobFolderBytes(table);
            long live = model.liveBlobBytes();
            // Per pack: header, index and footer; per blob: an index entry and 4 bytes per 64 KiB chunk.
            long overhead = 4096L * BlobRows.packNames(table).size() + 64L * model.rows.size();
            assertTrue(
                    left >= live && left <= live + overhead,
                    "after cleanup the blobs folder holds " + left + " bytes for " + live + " live blob bytes");
            model.check(ds, random, "after cleanup");
            ds.verify();
        }
    }

    /**
     * Two packs, one with three quarters of its blob bytes deleted and one with a tenth: a pack is
     * rewritten exactly when its garbage share exceeds the option, and a kept pack keeps its name.
     */
    @ParameterizedTest(name = "maxBlobGarbageFraction {0}")
    @ValueSource(doubles = {0.0, 0.05, 0.5, 0.9, 1.0})
    void onlyPacksMostlyGarbageAreRewritten(double maxGarbage, Random random) throws IOException {
        Path table = dir.resolve("t");
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(table, BlobRows.SCHEMA, BlobRows.options(allocator, 25, 4096, 64 << 20))) {
            BlobRows model = new BlobRows();
            Set<String> sparse = appendPacked(ds, model, 0, 80, random);
            Set<String> dense = appendPacked(ds, model, 1000, 80, random);
            assertEquals(1, sparse.size(), "one pack per append");
            assertEquals(1, dense.size(), "one pack per append");
            delete(ds, model, id -> id < 1000 ? id % 4 != 0 : id % 10 == 0);

            // The model's garbage share of each pack, as the compactor measures it (SPEC 13.5).
            String sparsePack = sparse.iterator().next();
            String densePack = dense.iterator().next();
            double sparseGarbage = garbage(table, sparsePack, model, 0);
            double denseGarbage = garbage(table, densePack, model, 1000);
            // The thresholds tried lie on either side of both shares.
            assertTrue(sparseGarbage > 0.5 && sparseGarbage < 0.9, "garbage share " + sparseGarbage);
            assertTrue(denseGarbage > 0.05 && denseGarbage < 0.5, "garbage share " + denseGarbage);
            Set<String> expectRewritten = new HashSet<>();
            if (sparseGarbage > maxGarbage) {
                expectRewritten.add(sparsePack);
            }
            if (denseGarbage > maxGarbage) {
                expectRewritten.add(densePack);
            }
            Set<String> original = BlobRows.packNames(table);
            long versionBefore = ds.version();
            BlobRows before = model.copy();

            ds.compact(new CompactionOptions(1 << 20, 0.1, maxGarbage));
            model.check(ds, random, "after compaction");
            ds.verify();
            try (Dataset old = Dataset.open(table, versionBefore)) {
                before.check(old, random, "the version compacted");
            }

            ds.cleanup(Duration.ZERO);
            Set<String> kept = new TreeSet<>(original);
            kept.removeAll(expectRewritten);
            Set<String> after = BlobRows.packNames(table);
            Set<String> originalLeft = new TreeSet<>(after);
            originalLeft.retainAll(original);
            assertEquals(kept, originalLeft, "the packs kept as they were");
            assertEquals(
                    expectRewritten.isEmpty() ? 0 : 1,
                    after.size() - originalLeft.size(),
                    "new packs: one for the blobs moved out of rewritten packs, if any");
            model.check(ds, random, "after cleanup");
            ds.verify();
        }
    }

    /** 1 - the bytes of the model's blobs with ids in [firstId, firstId + 1000) / the pack's size. */
    private static double garbage(Path table, String pack, BlobRows model, long firstId) throws IOException {
        long live = model.rows.subMap(firstId, firstId + 1000).values().stream()
                .mapToLong(r -> r.blob().length)
                .sum();
        return 1 - (double) live / Files.size(table.resolve("blobs").resolve(pack));
    }

    /**
     * One append's pack holds the blobs of both BLOB columns. Dropping the column that holds most of
     * the bytes leaves the pack mostly garbage: the other column's blobs move to a new pack and the
     * old one goes. Dropping the last BLOB column then reclaims every pack.
     */
    @Test
    void droppedBlobColumnsPacksAreReclaimed(Random random) throws IOException {
        Path table = dir.resolve("t");
        Schema schema = new Schema(List.of(
                new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
                RandomRows.blob("thumb"),
                RandomRows.blob("video")));
        Map<Long, byte[]> thumbs = new HashMap<>();
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(table, schema, BlobRows.options(allocator, 30, 4096, 64 << 20))) {
            try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema, ds.allocator())) {
                for (int i = 0; i < 100; i++) {
                    byte[] thumb = BlobRows.randomBytes(random, 5_000 + random.nextInt(3_000));
                    thumbs.put((long) i, thumb);
                    ((BigIntVector) batch.getVector("id")).setSafe(i, i);
                    ((VarBinaryVector) batch.getVector("thumb")).setSafe(i, thumb);
                    ((VarBinaryVector) batch.getVector("video"))
                            .setSafe(i, BlobRows.randomBytes(random, 40_000 + random.nextInt(20_000)));
                }
                batch.setRowCount(100);
                ds.append(batch);
            }
            Set<String> shared = BlobRows.packNames(table);
            assertEquals(1, shared.size());

            ds.dropColumns("video");
            ds.compact();
            ds.cleanup(Duration.ZERO);
            Set<String> now = BlobRows.packNames(table);
            assertEquals(1, now.size(), "one new pack");
            assertNotEquals(shared, now, "the shared pack, mostly the dropped column's, is gone");
            assertTrue(
                    BlobRows.blobFolderBytes(table)
                            < thumbs.values().stream().mapToLong(b -> b.length).sum() + 20_000,
                    "the new pack holds the thumbnails alone");
            try (ArrowReader reader = ds.scan().withBlobBytes().toArrowReader()) {
                int rows = 0;
                while (reader.loadNextBatch()) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    for (int i = 0; i < root.getRowCount(); i++, rows++) {
                        long id = ((BigIntVector) root.getVector("id")).get(i);
                        assertArrayEquals(thumbs.get(id), ((VarBinaryVector) root.getVector("thumb")).get(i));
                    }
                }
                assertEquals(100, rows);
            }
            ds.verify();

            ds.dropColumns("thumb");
            ds.compact();
            ds.cleanup(Duration.ZERO);
            assertEquals(Set.of(), BlobRows.packNames(table), "no pack is left");
            assertEquals(100, ds.count());
            ds.verify();
        }
    }
}

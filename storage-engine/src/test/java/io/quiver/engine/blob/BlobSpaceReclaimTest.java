package io.quiver.engine.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.Dataset;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.testing.TestRandom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleted rows' blobs come back as free space through compaction (which rewrites packs that are
 * mostly garbage) and cleanup (which deletes packs no retained version references), and never
 * before: every version that can still be opened reads all its blobs.
 */
@ExtendWith(TestRandom.class)
class BlobSpaceReclaimTest {
    private static final int ROWS = 400;

    @TempDir
    Path dir;

    /** 400 rows of 10-30 KB blobs in four appends, in packs of about 1 MiB. */
    private static BlobModel fill(Dataset ds, Random random) throws IOException {
        BlobModel model = new BlobModel();
        for (int a = 0; a < 4; a++) {
            Map<Long, byte[]> batch = new LinkedHashMap<>();
            for (long id = a * 100L; id < (a + 1) * 100L; id++) {
                batch.put(id, BlobModel.randomBytes(random, 10_000 + random.nextInt(20_000)));
            }
            model.appendBytes(ds, batch);
        }
        return model;
    }

    private static long liveBytes(BlobModel model) {
        return model.rows.values().stream().mapToLong(b -> b.length).sum();
    }

    private static Set<String> packs(Path table) throws IOException {
        try (var files = Files.list(table.resolve("blobs"))) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void deleteCompactAndCleanupReclaimBlobSpaceButNeverARetainedVersionsBlobs(Random random) throws IOException {
        Path table = dir.resolve("t");
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(table, BlobModel.SCHEMA, BlobModel.options(allocator, 0, 1 << 20))) {
            BlobModel model = fill(ds, random);
            long full = BlobModel.blobFolderBytes(table);
            BlobModel beforeDelete = model.copy();
            long versionBeforeDelete = ds.version();

            ds.delete(Filters.ne("id", 0L)); // keeps id 0 ...
            model.rows.keySet().removeIf(id -> id != 0);
            model.appendBytes(ds, Map.of(1000L, BlobModel.randomBytes(random, 50_000))); // ... and adds one
            ds.compact();
            model.check(ds, random, "after compaction");
            assertTrue(BlobModel.blobFolderBytes(table) > full, "compaction alone deletes nothing");

            ds.cleanup(Duration.ofDays(1));
            try (Dataset old = Dataset.open(table, versionBeforeDelete)) {
                beforeDelete.check(old, random, "version " + versionBeforeDelete + " after an age-gated cleanup");
                old.verify();
            }

            ds.cleanup(Duration.ZERO);
            long left = BlobModel.blobFolderBytes(table);
            long live = liveBytes(model);
            assertTrue(
                    left < live + 2_000,
                    "after cleanup the blobs folder holds " + left + " bytes for " + live + " live bytes");
            model.check(ds, random, "after cleanup");
            ds.verify();
        }
    }

    @Test
    void packsThatAreMostlyLiveAreKeptAsTheyAre(Random random) throws IOException {
        Path table = dir.resolve("t");
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(table, BlobModel.SCHEMA, BlobModel.options(allocator, 0, 1 << 20))) {
            BlobModel model = fill(ds, random);
            Set<String> before = packs(table);
            // Every tenth row: each pack keeps 90% of its bytes; fragments are rewritten, packs are not.
            ds.delete(Filters.in(
                    "id",
                    IntStream.range(0, ROWS / 10)
                            .mapToObj(i -> (Object) (i * 10L))
                            .toArray()));
            model.rows.keySet().removeIf(id -> id % 10 == 0);
            assertTrue(ds.compact().fragmentsRemoved() > 0, "the fragments with deletions are rewritten");
            ds.cleanup(Duration.ZERO);
            assertEquals(before, packs(table), "no pack was copied or deleted");
            model.check(ds, random, "after compaction");
            ds.verify();
        }
    }

    @Test
    void aDroppedBlobColumnsPacksAreReclaimed(Random random) throws IOException {
        Path table = dir.resolve("t");
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(table, BlobModel.SCHEMA, BlobModel.options(allocator, 0, 1 << 20))) {
            fill(ds, random);
            ds.dropColumns("blob");
            ds.compact();
            ds.cleanup(Duration.ZERO);
            assertEquals(Set.of(), packs(table), "no pack is left");
            assertEquals(ROWS, ds.count());
            ds.verify();
        }
    }
}

package io.quiver.blob;

import static io.quiver.blob.BlobTestSupport.CHUNK;
import static io.quiver.blob.BlobTestSupport.SEED;
import static io.quiver.blob.BlobTestSupport.Stored;
import static io.quiver.blob.BlobTestSupport.Written;
import static io.quiver.blob.BlobTestSupport.filesIn;
import static io.quiver.blob.BlobTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small target pack size spreads one write over several packs; every pack is complete on its
 * own, named after its id, and every blob is found in the pack its descriptor names.
 */
class BlobPackRolloverTest {
    @TempDir
    Path dir;

    @Test
    void aSmallTargetGivesSeveralPacksAndEveryBlobStillReads() throws IOException {
        Random random = new Random(SEED);
        int[] sizes = new int[80];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = random.nextInt(i % 5 == 0 ? 3 * CHUNK : 20_000);
        }
        long target = 100_000;
        Written written = write(dir, 0, target, random, sizes);
        List<WrittenPack> packs = written.packs();
        assertTrue(packs.size() > 3, "seed " + SEED + ": expected several packs, got " + packs.size());

        // The packs reported are exactly the files in the folder, with their sizes.
        assertEquals(
                packs.stream().map(p -> dir.resolve(p.fileName())).sorted().toList(),
                filesIn(dir),
                "the folder holds the written packs and nothing else");
        Map<String, WrittenPack> byId = new HashMap<>();
        for (WrittenPack p : packs) {
            assertEquals(BlobStore.packFileName(p.packId()), p.fileName(), "a pack is named after its id");
            assertEquals(Files.size(dir.resolve(p.fileName())), p.sizeBytes(), p.fileName());
            byId.put(HexFormat.of().formatHex(p.packId()), p);
        }
        assertEquals(packs.size(), byId.size(), "pack ids are distinct");

        try (BlobStore store = new BlobStore(dir)) {
            Map<String, Set<BlobDescriptor.Packed>> expectedByPack = new HashMap<>();
            for (Stored s : written.blobs()) {
                String id = HexFormat.of().formatHex(BlobStore.packIdOf(s.descriptor()));
                assertTrue(byId.containsKey(id), s + " names a pack of this write");
                expectedByPack.computeIfAbsent(id, k -> new HashSet<>()).add(s.packed());
                assertArrayEquals(s.bytes(), s.open(store).readAllBytes(), s + " in pack " + id);
            }
            for (WrittenPack p : packs) {
                Set<BlobDescriptor.Packed> expected =
                        expectedByPack.get(HexFormat.of().formatHex(p.packId()));
                assertEquals(expected, store.verifyPack(p.packId()), "verifyPack lists the blobs of " + p.fileName());
            }
        }
    }

    @Test
    void aPackIsClosedOnceItReachesTheTarget() throws IOException {
        // Rollover happens before a blob is added to a full pack: a pack holds blobs while it
        // is below the target, so it overshoots by at most its last blob (and its checksums).
        Random random = new Random(SEED + 1);
        long target = 50_000;
        int[] sizes = new int[40];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = 1 + random.nextInt(30_000);
        }
        Written written = write(dir, 0, target, random, sizes);
        try (BlobStore store = new BlobStore(dir)) {
            for (WrittenPack p : written.packs()) {
                Set<BlobDescriptor.Packed> held = store.verifyPack(p.packId());
                assertTrue(!held.isEmpty(), p.fileName() + " holds at least one blob");
                long bodyEnd = held.stream()
                        .mapToLong(d -> d.offset() + PackedBlob.storedLength(d.length()))
                        .max()
                        .orElseThrow();
                long lastStart = held.stream()
                        .mapToLong(BlobDescriptor.Packed::offset)
                        .max()
                        .orElseThrow();
                assertTrue(lastStart < target, p.fileName() + ": its last blob started below the target");
                boolean last = p == written.packs().getLast();
                assertTrue(last || bodyEnd >= target, p.fileName() + ": only the last pack ends below the target");
            }
        }
    }

    @Test
    void eachBlobLargerThanTheTargetGetsAPackOfItsOwn() throws IOException {
        Written written = write(dir, 0, 1000, new Random(SEED + 2), 5000, 5000, 70_000, 5000);
        assertEquals(4, written.packs().size());
        try (BlobStore store = new BlobStore(dir)) {
            for (int i = 0; i < 4; i++) {
                Stored s = written.blobs().get(i);
                assertArrayEquals(written.packs().get(i).packId(), BlobStore.packIdOf(s.descriptor()));
                assertEquals(
                        Set.of(s.packed()),
                        store.verifyPack(written.packs().get(i).packId()));
                assertArrayEquals(s.bytes(), s.open(store).readAllBytes(), s.toString());
            }
        }
    }
}

package io.quiver.blob;

import static io.quiver.blob.BlobTestSupport.SEED;
import static io.quiver.blob.BlobTestSupport.Stored;
import static io.quiver.blob.BlobTestSupport.Written;
import static io.quiver.blob.BlobTestSupport.filesIn;
import static io.quiver.blob.BlobTestSupport.randomBytes;
import static io.quiver.blob.BlobTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that is not finished leaves no pack behind (the table never references them); a
 * finished one leaves exactly its packs, durable and readable; nothing else in the folder is
 * touched either way.
 */
class BlobPackerLifecycleTest {
    @TempDir
    Path dir;

    /** Files that belong to others: a pack of an earlier write and an unrelated file. */
    private List<Path> othersFiles() throws IOException {
        write(dir, 0, 1 << 20, new Random(SEED), 10, 20);
        Files.writeString(dir.resolve("unrelated.txt"), "not a pack");
        return filesIn(dir);
    }

    @Test
    void closeWithoutFinishDeletesEveryPackItWroteIncludingRolledOverOnes() throws IOException {
        List<Path> before = othersFiles();
        Random random = new Random(SEED + 1);
        try (BlobPacker packer = new BlobPacker(dir, 0, 1000)) {
            for (int i = 0; i < 3; i++) {
                packer.add(randomBytes(random, 5000), 0, 5000);
            }
            // Two packs were finished by rollover and a third is being written.
            assertEquals(before.size() + 3, filesIn(dir).size(), "the write's packs exist while it runs");
        }
        assertEquals(before, filesIn(dir), "close() without finish() removed this write's packs only");
    }

    @Test
    void finishedPacksStayAfterClose() throws IOException {
        List<Path> before = othersFiles();
        Written written = write(dir, 0, 1000, new Random(SEED + 2), 5000, 5000, 0, 3);
        List<Path> after = filesIn(dir);
        assertEquals(before.size() + written.packs().size(), after.size());
        for (WrittenPack p : written.packs()) {
            assertTrue(after.contains(dir.resolve(p.fileName())), p.fileName() + " stays after close()");
        }
        try (BlobStore store = new BlobStore(dir)) {
            for (Stored s : written.blobs()) {
                assertArrayEquals(s.bytes(), s.open(store).readAllBytes(), s.toString());
            }
        }
    }

    @Test
    void aWriteOfInlineValuesOnlyCreatesNoPack() throws IOException {
        Written written = write(dir, 4096, 1000, new Random(SEED + 3), 0, 1, 4095);
        assertEquals(List.of(), written.packs());
        assertEquals(List.of(), filesIn(dir));
    }

    /** A source of {@code goodBytes} bytes that then breaks, as a dropped upload does. */
    private static BlobSource failingAfter(int goodBytes) {
        return BlobSource.of(new SequenceInputStream(new ByteArrayInputStream(new byte[goodBytes]), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("source broke");
            }
        }));
    }

    @Test
    void aSourceFailingMidBlobLeavesNoPackOnceThePackerIsClosed() throws IOException {
        List<Path> before = othersFiles();
        try (BlobPacker packer = new BlobPacker(dir, 0, 1 << 20)) {
            packer.add(new byte[100], 0, 100);
            IOException e = assertThrows(IOException.class, () -> packer.add(failingAfter(200_000)));
            assertEquals("source broke", e.getMessage());
        }
        assertEquals(before, filesIn(dir));
    }

    @Test
    void afterAFailedAddThePackerRefusesToFinishOrWritesAPackThatVerifies() throws IOException {
        try (BlobPacker packer = new BlobPacker(dir, 0, 1 << 20)) {
            packer.add(new byte[100], 0, 100);
            assertThrows(IOException.class, () -> packer.add(failingAfter(70_000)));
            List<WrittenPack> packs;
            try {
                packer.add(new byte[50], 0, 50);
                packs = packer.finish();
            } catch (IllegalStateException refused) {
                return; // refusing to go on after a failed add is one right answer
            }
            try (BlobStore store = new BlobStore(dir)) {
                for (WrittenPack p : packs) {
                    store.verifyPack(p.packId()); // a sealed pack must pass its own check
                }
            }
        }
    }

    @Test
    void anAddAfterFinishIsRefusedOrStaysReadable() throws IOException {
        byte[] late;
        try (BlobPacker packer = new BlobPacker(dir, 0, 1 << 20)) {
            packer.add(new byte[100], 0, 100);
            packer.finish();
            try {
                late = packer.add(new byte[100], 0, 100);
            } catch (IllegalStateException refused) {
                return; // the expected answer
            }
        }
        try (BlobStore store = new BlobStore(dir)) {
            assertArrayEquals(new byte[100], store.blob(late, "test").readAllBytes());
        }
    }

    @Test
    void closingTwiceAndClosingAfterFinishAreHarmless() throws IOException {
        BlobPacker packer = new BlobPacker(dir, 0, 1 << 20);
        packer.add(new byte[10], 0, 10);
        List<Path> packs = List.of(dir.resolve(packer.finish().getFirst().fileName()));
        packer.close();
        packer.close();
        assertEquals(packs, filesIn(dir));

        BlobPacker unused = new BlobPacker(dir, 0, 1 << 20);
        unused.close(); // nothing was written: nothing to delete, and no error
        unused.close();
        assertEquals(packs, filesIn(dir));
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BlobPacker(dir, -1, 1000));
        assertThrows(IllegalArgumentException.class, () -> new BlobPacker(dir, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new BlobPacker(dir, 0, -5));
    }
}

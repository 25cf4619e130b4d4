package io.quiver.blob;

import static io.quiver.blob.BlobTestSupport.SEED;
import static io.quiver.blob.BlobTestSupport.Stored;
import static io.quiver.blob.BlobTestSupport.Written;
import static io.quiver.blob.BlobTestSupport.assertNeverWrongBytes;
import static io.quiver.blob.BlobTestSupport.flipByte;
import static io.quiver.blob.BlobTestSupport.randomMask;
import static io.quiver.blob.BlobTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quiver.format.CorruptFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BlobStore#verifyPack} reads every byte of a pack: any single damaged byte, wherever it
 * is (header, blob data, chunk checksums, index, footer), is reported, and meanwhile no read of
 * any blob returns wrong bytes.
 */
class BlobVerifyPackTest {
    @TempDir
    Path dir;

    @Test
    void anIntactPackVerifiesAndListsItsBlobs() throws IOException {
        Written written = write(dir, 0, 1 << 20, new Random(SEED), 0, 1, 100, 333, 70_000);
        Set<BlobDescriptor.Packed> expected = new HashSet<>();
        for (Stored s : written.blobs()) {
            expected.add(s.packed());
        }
        try (BlobStore store = new BlobStore(dir)) {
            assertEquals(expected, store.verifyPack(written.onlyPack().packId()));
        }
    }

    @Test
    void everySingleByteFlipIsDetectedAndNoReadReturnsWrongBytes() throws IOException {
        Random random = new Random(SEED + 1);
        Written written = write(dir, 0, 1 << 20, random, 0, 1, 100, 333);
        WrittenPack pack = written.onlyPack();
        Path file = dir.resolve(pack.fileName());
        byte[] original = Files.readAllBytes(file);
        for (int at = 0; at < original.length; at++) {
            // A single-bit flip and a random multi-bit one at every position.
            for (int mask : new int[] {1 << (at % 8), randomMask(random)}) {
                String what = String.format("seed %d, byte %d of %d ^ %02x", SEED + 1, at, original.length, mask);
                flipByte(file, at, mask);
                try (BlobStore store = new BlobStore(dir)) {
                    assertThrows(CorruptFileException.class, () -> store.verifyPack(pack.packId()), what);
                }
                try (BlobStore store = new BlobStore(dir)) { // reads on a store that has not verified
                    for (Stored s : written.blobs()) {
                        assertNeverWrongBytes(store, s, what + ", " + s);
                    }
                }
                flipByte(file, at, mask);
            }
        }
        assertArrayEquals(original, Files.readAllBytes(file), "every flip was undone");
    }
}

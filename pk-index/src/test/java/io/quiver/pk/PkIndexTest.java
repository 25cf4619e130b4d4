package io.quiver.pk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quiver.format.CorruptFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key index files against a brute-force map from hash to rows, and against damage. */
class PkIndexTest {
    private static final long SEED = 0xC0FFEEL;

    @TempDir
    Path dir;

    @Test
    void everyProbeFindsExactlyTheRowsOfItsHash() throws IOException {
        Random random = new Random(SEED);
        for (int buckets : new int[] {1, 2, 64, 1024}) {
            int n = random.nextInt(5000);
            long[] hashes = new long[n];
            for (int i = 0; i < n; i++) {
                // Some repeats, and hashes at the unsigned extremes, which must sort as unsigned.
                hashes[i] = switch (random.nextInt(10)) {
                    case 0 -> i > 0 ? hashes[random.nextInt(i)] : 0;
                    case 1 -> random.nextBoolean() ? -1L : Long.MIN_VALUE + random.nextInt(3);
                    default -> random.nextLong();
                };
            }
            Map<Long, int[]> model = new HashMap<>();
            for (int i = 0; i < n; i++) {
                int row = i;
                model.merge(
                        hashes[i],
                        new int[] {row},
                        (a, b) -> IntStream.concat(IntStream.of(a), IntStream.of(b))
                                .toArray());
            }
            Path file = dir.resolve("i" + buckets + ".qpk");
            PkIndexWriter.Written w = PkIndexWriter.write(file, hashes, buckets);
            assertEquals(Files.size(file), w.sizeBytes());
            try (PkIndex index = PkIndex.open(file, "indexes/x.qpk", w.fileId())) {
                assertEquals(n, index.entries());
                for (var e : model.entrySet()) {
                    int[] rows = index.rows(e.getKey());
                    Arrays.sort(rows);
                    assertArrayEquals(e.getValue(), rows, "hash " + e.getKey() + " with " + buckets + " buckets");
                }
                for (int k = 0; k < 1000; k++) {
                    long absent = random.nextLong();
                    if (!model.containsKey(absent)) {
                        assertEquals(0, index.rows(absent).length);
                    }
                }
                index.verify(n);
            }
        }
    }

    @Test
    void everyFlippedByteIsFoundByVerifyOrOpen() throws IOException {
        Random random = new Random(SEED);
        long[] hashes = random.longs(50).toArray();
        Path file = dir.resolve("i.qpk");
        PkIndexWriter.Written w = PkIndexWriter.write(file, hashes, 4);
        byte[] original = Files.readAllBytes(file);
        for (int at = 0; at < original.length; at++) {
            byte[] damaged = original.clone();
            damaged[at] ^= (byte) (1 << (at % 8));
            Files.write(file, damaged);
            int where = at;
            assertThrows(
                    CorruptFileException.class,
                    () -> {
                        try (PkIndex index = PkIndex.open(file, "indexes/i.qpk", w.fileId())) {
                            index.verify(hashes.length);
                        }
                    },
                    "byte " + where);
        }
    }

    @Test
    void anIndexOfAnotherIdOrABadBucketCountIsRefused() throws IOException {
        Path file = dir.resolve("i.qpk");
        PkIndexWriter.write(file, new long[] {1, 2, 3}, 2);
        assertThrows(CorruptFileException.class, () -> PkIndex.open(file, "i", new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> PkIndexWriter.write(dir.resolve("j.qpk"), new long[0], 3));
    }

    @Test
    void theKeyHashIsTheOneTheSpecDefines() {
        // SPEC.md section 14.2 defines the hash and index files depend on it: these values pin it.
        assertEquals(-2152535657050944081L, KeyHash.of(new byte[0]));
        assertEquals(-4495792698317632121L, KeyHash.of("abc".getBytes(StandardCharsets.UTF_8)));
        assertEquals(5437478338613892914L, KeyHash.of(new byte[] {42, 0, 0, 0, 0, 0, 0, 0}));
        assertEquals(5132685816482976879L, KeyHash.of("0123456789".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, KeyHash.bucket(KeyHash.of(new byte[0]), 1));
        assertEquals(KeyHash.of(new byte[0]) >>> 58, KeyHash.bucket(KeyHash.of(new byte[0]), 64));
    }
}

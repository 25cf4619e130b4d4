package io.quiver.engine.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.blob.Blob;
import io.quiver.blob.BlobDescriptor;
import io.quiver.engine.Dataset;
import io.quiver.engine.testing.TestRandom;
import io.quiver.format.CorruptFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage to a blob pack after it was written: reads of the damaged blob and {@code verify} fail
 * and name the pack, while blobs the damage does not touch still read. Every table is written and
 * closed before it is damaged, and read through a new handle (packs are memory-mapped).
 */
@ExtendWith(TestRandom.class)
class BlobCorruptionTest {
    private static final int CHUNK = 1 << 16;

    @TempDir
    Path dir;

    /** Opens the table written by {@link #write} again (the options only shape later writes). */
    private static Dataset reopen(Path table, BufferAllocator allocator) throws IOException {
        return Dataset.open(table, BlobRows.options(allocator, 16, 4096, 1 << 20));
    }

    /** Two appends of packed blobs (up to four checksum chunks) and a few inline ones, one pack each. */
    private static BlobRows write(Path table, Random random) throws IOException {
        BlobRows model = new BlobRows();
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(table, BlobRows.SCHEMA, BlobRows.options(allocator, 16, 4096, 64 << 20))) {
            for (int a = 0; a < 2; a++) {
                Map<Long, BlobRows.Row> batch = new LinkedHashMap<>();
                for (long id = a * 100L; id < a * 100L + 25; id++) {
                    int size = id % 5 == 0 ? random.nextInt(4096) : 4096 + random.nextInt(4 * CHUNK);
                    batch.put(id, new BlobRows.Row("row " + id, BlobRows.randomBytes(random, size)));
                }
                model.appendBytes(ds, batch);
            }
        }
        return model;
    }

    /** Each id's stored descriptor, as a scan returns it. */
    private static Map<Long, BlobDescriptor> descriptors(Dataset ds) throws IOException {
        Map<Long, BlobDescriptor> out = new LinkedHashMap<>();
        try (ArrowReader reader = ds.scan().columns("id", "blob").toArrowReader()) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    out.put(
                            ((BigIntVector) root.getVector("id")).get(i),
                            BlobDescriptor.decode(((VarBinaryVector) root.getVector("blob")).get(i), "test"));
                }
            }
        }
        return out;
    }

    /**
     * The handle of the blob of row {@code id}, made on demand: making a handle opens its pack
     * and checks its envelope, so for a damaged pack making it may already fail.
     */
    private static Blob blob(Dataset ds, long id) throws IOException {
        long[] address = {-1};
        try (ArrowReader reader = ds.scan().columns("id").withRowAddress().toArrowReader()) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    if (((BigIntVector) root.getVector("id")).get(i) == id) {
                        address[0] = ((BigIntVector) root.getVector("_rowaddr")).get(i);
                    }
                }
            }
        }
        try (VectorSchemaRoot row = ds.take(address, "blob")) {
            return ds.blob(row.getVector("blob"), 0);
        }
    }

    /** The ids of the rows whose blobs are in {@code pack}. */
    private static List<Long> idsIn(Dataset ds, String pack) throws IOException {
        List<Long> ids = new ArrayList<>();
        for (var e : descriptors(ds).entrySet()) {
            if (e.getValue() instanceof BlobDescriptor.Packed p && packPath(p).equals(pack)) {
                ids.add(e.getKey());
            }
        }
        return ids;
    }

    private static BlobDescriptor.Packed randomPacked(Dataset ds, Random random) throws IOException {
        List<BlobDescriptor.Packed> packed = new ArrayList<>();
        for (BlobDescriptor d : descriptors(ds).values()) {
            if (d instanceof BlobDescriptor.Packed p) {
                packed.add(p);
            }
        }
        return packed.get(random.nextInt(packed.size()));
    }

    private static String packPath(BlobDescriptor.Packed p) {
        return "blobs/" + p.packFileName();
    }

    /** The failure is a CorruptFileException naming the pack. */
    private static void assertCorruptNaming(String pack, Executable read, String what) {
        CorruptFileException e = assertThrows(CorruptFileException.class, read, what);
        assertEquals(pack, e.file(), what + ": the file named in " + e.getMessage());
    }

    /** Every blob outside the damaged pack, and every inline one, still reads as written. */
    private static void othersRead(Dataset ds, BlobRows model, String damagedPack) throws IOException {
        List<Long> damaged = idsIn(ds, damagedPack);
        for (var e : model.rows.entrySet()) {
            if (!damaged.contains(e.getKey())) {
                assertArrayEquals(e.getValue().blob(), blob(ds, e.getKey()).readAllBytes(), "id " + e.getKey());
            }
        }
    }

    @Test
    void aFlippedBitInBlobDataFailsThatBlobsReadsAndVerify(Random random) throws IOException {
        Path table = dir.resolve("t");
        BlobRows model = write(table, random);
        try (BufferAllocator allocator = new RootAllocator()) {
            BlobDescriptor.Packed victim;
            long id;
            try (Dataset ds = reopen(table, allocator)) {
                victim = randomPacked(ds, random);
                id = descriptors(ds).entrySet().stream()
                        .filter(e -> e.getValue().equals(victim))
                        .findFirst()
                        .orElseThrow()
                        .getKey();
            }
            String pack = packPath(victim);
            long at = random.nextLong(victim.length());
            byte[] original = flip(table.resolve(pack), victim.offset() + at, random);

            try (Dataset ds = reopen(table, allocator)) {
                Blob blob = blob(ds, id);
                String what = "id " + id + " with bit flipped at " + at + " of " + victim.length();
                assertCorruptNaming(pack, blob::readAllBytes, what + ", readAllBytes");
                assertCorruptNaming(pack, () -> blob.openStream().readAllBytes(), what + ", openStream");
                try (SeekableByteChannel channel = blob.channel()) {
                    channel.position(at);
                    assertCorruptNaming(pack, () -> channel.read(ByteBuffer.allocate(1)), what + ", channel");
                    // Chunks the damage is not in still read by range: each has its own checksum.
                    long other = at < CHUNK ? CHUNK : 0;
                    if (other < victim.length()) {
                        int n = (int) Math.min(CHUNK, victim.length() - other);
                        ByteBuffer dst = ByteBuffer.allocate(n);
                        channel.position(other);
                        while (dst.hasRemaining() && channel.read(dst) > 0) {
                            // a read may stop at a chunk's end
                        }
                        byte[] expected = model.rows.get(id).blob();
                        assertArrayEquals(
                                java.util.Arrays.copyOfRange(expected, (int) other, (int) other + n),
                                dst.array(),
                                what + ", the undamaged chunk at " + other);
                    }
                }
                assertCorruptNaming(
                        pack,
                        () -> {
                            try (ArrowReader reader = ds.scan().withBlobBytes().toArrowReader()) {
                                while (reader.loadNextBatch()) {
                                    // materializing the damaged blob fails
                                }
                            }
                        },
                        what + ", scan of bytes");
                assertCorruptNaming(pack, ds::verify, what + ", verify");
                othersRead(ds, model, pack);
            }

            // With the byte restored everything passes: the flip alone caused the failures.
            Files.write(table.resolve(pack), original);
            try (Dataset ds = reopen(table, allocator)) {
                ds.verify();
                model.check(ds, random, "restored");
            }
        }
    }

    /** Flips one random bit of the file at {@code position}; returns the file's original bytes. */
    private static byte[] flip(Path file, long position, Random random) throws IOException {
        byte[] original = Files.readAllBytes(file);
        byte[] damaged = original.clone();
        damaged[Math.toIntExact(position)] ^= (byte) (1 << random.nextInt(8));
        Files.write(file, damaged);
        return original;
    }

    @Test
    void aTruncatedPackFailsVerifyAndItsReads(Random random) throws IOException {
        Path table = dir.resolve("t");
        BlobRows model = write(table, random);
        try (BufferAllocator allocator = new RootAllocator()) {
            BlobDescriptor.Packed victim;
            try (Dataset ds = reopen(table, allocator)) {
                victim = randomPacked(ds, random);
            }
            String pack = packPath(victim);
            Path file = table.resolve(pack);
            long size = Files.size(file);
            long length = random.nextLong(size);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(length);
            }
            try (Dataset ds = reopen(table, allocator)) {
                String what = "pack truncated to " + length + " of " + size + " bytes";
                assertCorruptNaming(pack, ds::verify, what + ", verify");
                for (long id : idsIn(ds, pack)) {
                    assertCorruptNaming(pack, () -> blob(ds, id).readAllBytes(), what + ", id " + id);
                }
                othersRead(ds, model, pack);
            }
        }
    }

    @Test
    void aMissingPackFailsVerifyNamingIt(Random random) throws IOException {
        Path table = dir.resolve("t");
        BlobRows model = write(table, random);
        try (BufferAllocator allocator = new RootAllocator()) {
            BlobDescriptor.Packed victim;
            try (Dataset ds = reopen(table, allocator)) {
                victim = randomPacked(ds, random);
            }
            Files.delete(table.resolve(packPath(victim)));
            try (Dataset ds = reopen(table, allocator)) {
                // SPEC 13.3: a missing pack is the file system's NoSuchFileException, naming the file.
                IOException verify = assertThrows(IOException.class, ds::verify);
                assertTrue(verify.getMessage().contains(victim.packFileName()), "the error names the pack: " + verify);
                for (long id : idsIn(ds, packPath(victim))) {
                    IOException read =
                            assertThrows(IOException.class, () -> blob(ds, id).readAllBytes());
                    assertTrue(read.getMessage().contains(victim.packFileName()), "the error names the pack: " + read);
                }
                // The other columns never touch packs.
                try (ArrowReader reader = ds.scan().columns("id", "label").toArrowReader()) {
                    int rows = 0;
                    while (reader.loadNextBatch()) {
                        VectorSchemaRoot root = reader.getVectorSchemaRoot();
                        for (int i = 0; i < root.getRowCount(); i++, rows++) {
                            long id = ((BigIntVector) root.getVector("id")).get(i);
                            assertEquals(
                                    model.rows.get(id).label(),
                                    root.getVector("label").getObject(i).toString());
                        }
                    }
                    assertEquals(model.rows.size(), rows);
                }
                othersRead(ds, model, packPath(victim));
            }
        }
    }

    /**
     * Another pack of the same size copied over a pack's file: sizes agree with the manifest, so
     * only the id in the header tells them apart, and both reads and verify check it.
     */
    @Test
    void anotherPackRenamedIntoPlaceIsDetected(Random random) throws IOException {
        Path table = dir.resolve("t");
        int length = 5_000 + random.nextInt(3 * CHUNK);
        byte[] first = BlobRows.randomBytes(random, length);
        byte[] second = BlobRows.randomBytes(random, length);
        List<String> packs = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(table, BlobRows.SCHEMA, BlobRows.options(allocator, 16, 4096, 64 << 20))) {
            BlobRows model = new BlobRows();
            model.appendBytes(ds, Map.of(1L, new BlobRows.Row("first", first)));
            packs.addAll(BlobRows.packNames(table));
            model.appendBytes(ds, Map.of(2L, new BlobRows.Row("second", second)));
            packs.add(BlobRows.packNames(table).stream()
                    .filter(p -> !packs.contains(p))
                    .findFirst()
                    .orElseThrow());
        }
        Path firstPack = table.resolve("blobs").resolve(packs.get(0));
        Path secondPack = table.resolve("blobs").resolve(packs.get(1));
        assertEquals(Files.size(firstPack), Files.size(secondPack), "packs of one blob of one length");
        Path copy = dir.resolve("copy.qvb");
        Files.copy(secondPack, copy);
        Files.move(copy, firstPack, StandardCopyOption.REPLACE_EXISTING);

        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = reopen(table, allocator)) {
            String name = "blobs/" + packs.get(0);
            CorruptFileException read =
                    assertThrows(CorruptFileException.class, () -> blob(ds, 1L).readAllBytes());
            assertEquals(name, read.file());
            assertTrue(read.getMessage().contains("another pack's id"), read.getMessage());
            CorruptFileException verify = assertThrows(CorruptFileException.class, ds::verify);
            assertEquals(name, verify.file());
            assertArrayEquals(second, blob(ds, 2L).readAllBytes(), "the pack copied still reads under its own name");
        }
    }
}

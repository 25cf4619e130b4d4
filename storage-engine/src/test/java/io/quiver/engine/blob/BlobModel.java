package io.quiver.engine.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quiver.blob.Blob;
import io.quiver.blob.BlobSource;
import io.quiver.engine.Dataset;
import io.quiver.engine.DatasetOptions;
import io.quiver.engine.WriteOptions;
import io.quiver.engine.testing.RandomRows;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A table of {@code (id BIGINT NOT NULL, blob BLOB)} and its model, the bytes of each id's blob
 * (null for a null value), with the checks every blob test makes against it.
 */
final class BlobModel {
    static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null), RandomRows.blob("blob")));
    static final Schema IDS_ONLY = new Schema(List.of(SCHEMA.getFields().getFirst()));

    final TreeMap<Long, byte[]> rows = new TreeMap<>();

    /** The model as it is now, to check an older version against later. */
    BlobModel copy() {
        BlobModel m = new BlobModel();
        m.rows.putAll(rows);
        return m;
    }

    static DatasetOptions options(BufferAllocator allocator, int inlineBytes, long packBytes) {
        return DatasetOptions.DEFAULT
                .withAllocator(allocator)
                .withWriteOptions(WriteOptions.DEFAULT
                        .withMaxRowsPerFragment(50)
                        .withBlobInlineBytes(inlineBytes)
                        .withBlobPackBytes(packBytes));
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    /** Appends blobs given as bytes in the batch; returns the new version. */
    long appendBytes(Dataset ds, Map<Long, byte[]> blobs) throws IOException {
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(SCHEMA, ds.allocator())) {
            BigIntVector id = (BigIntVector) batch.getVector("id");
            VarBinaryVector blob = (VarBinaryVector) batch.getVector("blob");
            int i = 0;
            for (var e : blobs.entrySet()) {
                id.setSafe(i, e.getKey());
                if (e.getValue() == null) {
                    blob.setNull(i);
                } else {
                    blob.setSafe(i, e.getValue());
                }
                i++;
            }
            batch.setRowCount(i);
            long v = ds.append(batch);
            rows.putAll(blobs);
            return v;
        }
    }

    /** Appends blobs streamed from sources; {@code expected} is what each source yields. */
    long appendSources(Dataset ds, long[] ids, List<BlobSource> sources, List<byte[]> expected) throws IOException {
        try (VectorSchemaRoot batch = idBatch(ds, ids)) {
            long v = ds.append(batch, Map.of("blob", sources));
            for (int i = 0; i < ids.length; i++) {
                rows.put(ids[i], expected.get(i));
            }
            return v;
        }
    }

    /** A batch of the id column alone, for appends whose blobs come from sources. */
    static VectorSchemaRoot idBatch(Dataset ds, long... ids) {
        VectorSchemaRoot batch = VectorSchemaRoot.create(IDS_ONLY, ds.allocator());
        BigIntVector id = (BigIntVector) batch.getVector("id");
        for (int i = 0; i < ids.length; i++) {
            id.setSafe(i, ids[i]);
        }
        batch.setRowCount(ids.length);
        return batch;
    }

    /** Every row, by scan with blob handles, by scan with bytes, and by take, equals the model. */
    void check(Dataset ds, Random random, String context) throws IOException {
        List<Long> addresses = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        try (ArrowReader reader = ds.scan().withRowAddress().toArrowReader()) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    long id = ((BigIntVector) root.getVector("id")).get(i);
                    ids.add(id);
                    addresses.add(((BigIntVector) root.getVector("_rowaddr")).get(i));
                    checkBlob(ds.blob(root.getVector("blob"), i), rows.get(id), random, context + ", id " + id);
                }
            }
        }
        assertEquals(List.copyOf(rows.keySet()), ids.stream().sorted().toList(), context + ": ids");
        try (ArrowReader reader = ds.scan().withBlobBytes().toArrowReader()) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    long id = ((BigIntVector) root.getVector("id")).get(i);
                    assertArrayEquals(
                            rows.get(id),
                            ((VarBinaryVector) root.getVector("blob")).get(i),
                            context + ", bytes of id " + id);
                }
            }
        }
        long[] wanted = random.ints(Math.min(20, addresses.size()), 0, Math.max(1, addresses.size()))
                .mapToLong(addresses::get)
                .toArray();
        try (VectorSchemaRoot taken = ds.take(wanted, "blob", "id")) {
            for (int i = 0; i < wanted.length; i++) {
                long id = ((BigIntVector) taken.getVector("id")).get(i);
                checkBlob(ds.blob(taken.getVector("blob"), i), rows.get(id), random, context + ", take of id " + id);
            }
        }
    }

    /** A handle against the bytes: length, full read, stream, and ranged reads at random positions. */
    static void checkBlob(Blob blob, byte[] expected, Random random, String context) throws IOException {
        if (expected == null) {
            assertNull(blob, context);
            return;
        }
        assertEquals(expected.length, blob.length(), context + ": length");
        assertArrayEquals(expected, blob.readAllBytes(), context + ": readAllBytes");
        assertArrayEquals(expected, blob.openStream().readAllBytes(), context + ": openStream");
        try (SeekableByteChannel channel = blob.channel()) {
            for (int k = 0; k < 3; k++) {
                int from = random.nextInt(expected.length + 1);
                int length = random.nextInt(expected.length - from + 1);
                ByteBuffer dst = random.nextBoolean() ? ByteBuffer.allocate(length) : ByteBuffer.allocateDirect(length);
                channel.position(from);
                while (dst.hasRemaining() && channel.read(dst) > 0) {
                    // a read may return fewer bytes than asked, never more
                }
                byte[] got = new byte[length];
                dst.flip().get(got);
                assertArrayEquals(
                        Arrays.copyOfRange(expected, from, from + length),
                        got,
                        context + ": range [" + from + ", " + (from + length) + ")");
            }
            channel.position(expected.length);
            assertEquals(-1, channel.read(ByteBuffer.allocate(1)), context + ": read at the end");
        }
    }

    /** Bytes of every file in the table's blobs folder. */
    static long blobFolderBytes(Path table) throws IOException {
        try (var files = java.nio.file.Files.list(table.resolve("blobs"))) {
            long total = 0;
            for (Path p : files.toList()) {
                total += java.nio.file.Files.size(p);
            }
            return total;
        }
    }
}

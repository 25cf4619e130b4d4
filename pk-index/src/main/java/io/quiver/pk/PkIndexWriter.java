package io.quiver.pk;

import io.quiver.format.BufferedChannel;
import io.quiver.format.Crc32c;
import io.quiver.format.EnvelopeWriter;
import io.quiver.format.FileEnvelope;
import io.quiver.format.FileKind;
import io.quiver.format.proto.PkIndexMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes the primary-key index of one fragment: for each row, the hash of its key and its row
 * offset, grouped by bucket and sorted by hash within each (SPEC.md section 14.3). The file is
 * forced to disk before this returns.
 */
public final class PkIndexWriter {
    /** The most buckets an index may have: keeps the metadata block small. */
    public static final int MAX_BUCKETS = 1 << 16;

    static final int ENTRY_BYTES = 12;

    private PkIndexWriter() {}

    /** A written index file. */
    public record Written(Path path, byte[] fileId, long sizeBytes) {}

    /**
     * Writes the index of rows {@code 0..hashes.length - 1}, whose key hashes are {@code hashes},
     * to a new file at {@code path}.
     */
    public static Written write(Path path, long[] hashes, int buckets) throws IOException {
        if (buckets < 1 || buckets > MAX_BUCKETS || Integer.bitCount(buckets) != 1) {
            throw new IllegalArgumentException(
                    "buckets must be a power of two in [1, " + MAX_BUCKETS + "], got " + buckets);
        }
        int n = hashes.length;
        long[] sorted = hashes.clone();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        PairSort.sortUnsigned(sorted, rows);
        byte[] fileId = FileEnvelope.newFileId();
        PkIndexMetadata.Builder meta =
                PkIndexMetadata.newBuilder().setBuckets(buckets).setEntries(n);
        boolean done = false;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            BufferedChannel buffered = new BufferedChannel(channel);
            EnvelopeWriter out = new EnvelopeWriter(buffered, FileKind.PK_INDEX, fileId);
            int at = 0;
            for (int b = 0; b < buckets; b++) {
                meta.addBucketStart(at);
                int end = at;
                while (end < n && KeyHash.bucket(sorted[end], buckets) == b) {
                    end++;
                }
                ByteBuffer entries =
                        ByteBuffer.allocate((end - at) * ENTRY_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = at; i < end; i++) {
                    entries.putLong(sorted[i]).putInt(rows[i]);
                }
                meta.addBucketCrc32C(Crc32c.of(entries.array()));
                out.write(entries.flip());
                at = end;
            }
            meta.addBucketStart(at);
            long size = out.finish(meta.build().toByteArray());
            buffered.flush();
            channel.force(true);
            done = true;
            return new Written(path, fileId, size);
        } finally {
            if (!done) {
                Files.deleteIfExists(path);
            }
        }
    }
}

package io.quiver.pk;

import com.google.protobuf.InvalidProtocolBufferException;
import io.quiver.format.CorruptFileException;
import io.quiver.format.Crc32c;
import io.quiver.format.FileEnvelope;
import io.quiver.format.FileKind;
import io.quiver.format.MappedFile;
import io.quiver.format.OpenEnvelope;
import io.quiver.format.proto.PkIndexMetadata;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An open primary-key index file, memory-mapped. Header, footer and metadata are checked on
 * open; each bucket's entries are checked against their CRC32C the first time a probe reads them.
 */
public final class PkIndex implements AutoCloseable {
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int[] NONE = new int[0];

    private final String name;
    private final MappedFile mapped;
    private final MemorySegment file;
    private final OpenEnvelope envelope;
    private final long bodyStart;
    private final int buckets;
    private final long[] bucketStart;
    private final int[] bucketCrc;
    /** Buckets whose checksum has passed; a race only means a bucket is checked twice. */
    private final boolean[] checked;

    private PkIndex(String name, MappedFile mapped, OpenEnvelope envelope, PkIndexMetadata meta)
            throws CorruptFileException {
        this.name = name;
        this.mapped = mapped;
        this.file = mapped.segment();
        this.envelope = envelope;
        this.bodyStart = envelope.bodyStart();
        this.buckets = meta.getBuckets();
        if (buckets < 1 || buckets > PkIndexWriter.MAX_BUCKETS || Integer.bitCount(buckets) != 1) {
            throw new CorruptFileException(
                    name,
                    "bucket count " + Integer.toUnsignedString(buckets) + " is not a power of two up to "
                            + PkIndexWriter.MAX_BUCKETS);
        }
        long entries = meta.getEntries();
        if (entries < 0 || entries * PkIndexWriter.ENTRY_BYTES != envelope.bodyEnd() - bodyStart) {
            throw new CorruptFileException(
                    name,
                    Long.toUnsignedString(entries) + " entries do not fill a body of "
                            + (envelope.bodyEnd() - bodyStart) + " bytes");
        }
        if (meta.getBucketStartCount() != buckets + 1 || meta.getBucketCrc32CCount() != buckets) {
            throw new CorruptFileException(name, "bucket table does not match " + buckets + " buckets");
        }
        this.bucketStart =
                meta.getBucketStartList().stream().mapToLong(Long::longValue).toArray();
        for (int b = 0; b < buckets; b++) {
            if (bucketStart[b] < 0 || bucketStart[b] > bucketStart[b + 1]) {
                throw new CorruptFileException(name, "bucket " + b + " has a negative size or start");
            }
        }
        if (bucketStart[0] != 0 || bucketStart[buckets] != entries) {
            throw new CorruptFileException(name, "buckets do not cover the entries");
        }
        this.bucketCrc =
                meta.getBucketCrc32CList().stream().mapToInt(Integer::intValue).toArray();
        this.checked = new boolean[buckets];
    }

    /** Opens the index at {@code path}; {@code name} names it in errors (e.g. "indexes/x.qpk"). */
    public static PkIndex open(Path path, String name, byte[] expectedFileId) throws IOException {
        MappedFile mapped = MappedFile.open(path);
        try {
            OpenEnvelope envelope = FileEnvelope.open(name, mapped.segment(), FileKind.PK_INDEX);
            if (!Arrays.equals(envelope.header().fileId(), expectedFileId)) {
                throw new CorruptFileException(name, "header id differs from the one the manifest records");
            }
            PkIndexMetadata meta;
            try {
                meta = PkIndexMetadata.parseFrom(envelope.metadata());
            } catch (InvalidProtocolBufferException e) {
                throw new CorruptFileException(name, "unreadable index metadata: " + e.getMessage());
            }
            return new PkIndex(name, mapped, envelope, meta);
        } catch (IOException | RuntimeException e) {
            mapped.close();
            throw e;
        }
    }

    /** The row offsets whose key hash is {@code hash} (usually none or one). */
    public int[] rows(long hash) throws CorruptFileException {
        int b = KeyHash.bucket(hash, buckets);
        long lo = bucketStart[b];
        long hi = bucketStart[b + 1];
        if (lo == hi) {
            return NONE;
        }
        check(b);
        // The first entry whose hash is not below the target.
        long first = lo;
        long last = hi;
        while (first < last) {
            long mid = (first + last) >>> 1;
            if (Long.compareUnsigned(hashAt(mid), hash) < 0) {
                first = mid + 1;
            } else {
                last = mid;
            }
        }
        long end = first;
        while (end < hi && hashAt(end) == hash) {
            end++;
        }
        if (end == first) {
            return NONE;
        }
        int[] rows = new int[(int) (end - first)];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = file.get(U32, entry(first + i) + 8);
        }
        return rows;
    }

    private long hashAt(long index) {
        return file.get(U64, entry(index));
    }

    private long entry(long index) {
        return bodyStart + index * PkIndexWriter.ENTRY_BYTES;
    }

    private void check(int b) throws CorruptFileException {
        if (checked[b]) {
            return;
        }
        long from = entry(bucketStart[b]);
        long length = (bucketStart[b + 1] - bucketStart[b]) * PkIndexWriter.ENTRY_BYTES;
        int actual = Crc32c.of(file, from, length);
        if (actual != bucketCrc[b]) {
            throw new CorruptFileException(
                    name,
                    String.format("bucket %d checksum mismatch (stored %08x, computed %08x)", b, bucketCrc[b], actual));
        }
        for (long i = bucketStart[b]; i < bucketStart[b + 1]; i++) {
            if (KeyHash.bucket(hashAt(i), buckets) != b
                    || (i > bucketStart[b] && Long.compareUnsigned(hashAt(i - 1), hashAt(i)) > 0)) {
                throw new CorruptFileException(name, "bucket " + b + " is not sorted by hash");
            }
        }
        checked[b] = true;
    }

    /** Every entry: whole-file checksum, every bucket's checksum and order; rows below {@code rowCount}. */
    public void verify(long rowCount) throws CorruptFileException {
        envelope.verifyFileChecksum();
        for (int b = 0; b < buckets; b++) {
            check(b);
        }
        for (long i = 0; i < bucketStart[buckets]; i++) {
            int row = file.get(U32, entry(i) + 8);
            if (row < 0 || row >= rowCount) {
                throw new CorruptFileException(name, "entry " + i + " names row " + row + " of " + rowCount);
            }
        }
    }

    public long entries() {
        return bucketStart[buckets];
    }

    @Override
    public void close() {
        mapped.close();
    }
}

package io.quiver.blob;

import com.google.protobuf.InvalidProtocolBufferException;
import io.quiver.format.CorruptFileException;
import io.quiver.format.FileEnvelope;
import io.quiver.format.FileKind;
import io.quiver.format.MappedFile;
import io.quiver.format.OpenEnvelope;
import io.quiver.format.proto.BlobEntry;
import io.quiver.format.proto.BlobPackIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * An open, memory-mapped blob pack whose header and footer have been checked. Handles on its
 * blobs are made from descriptors, after checking that the blob lies inside the pack's body.
 */
final class BlobPack implements AutoCloseable {
    private final String name;
    private final MappedFile mapped;
    private final OpenEnvelope envelope;

    private BlobPack(String name, MappedFile mapped, OpenEnvelope envelope) {
        this.name = name;
        this.mapped = mapped;
        this.envelope = envelope;
    }

    /**
     * Opens the pack at {@code path}, which must carry {@code expectedId} in its header. Errors
     * name it by its folder and file name ("blobs/<id>.qvb"), as manifests do.
     */
    static BlobPack open(Path path, byte[] expectedId) throws IOException {
        String name = path.getParent().getFileName() + "/" + path.getFileName();
        MappedFile mapped = MappedFile.open(path);
        try {
            OpenEnvelope envelope = FileEnvelope.open(name, mapped.segment(), FileKind.BLOB_PACK);
            if (!Arrays.equals(envelope.header().fileId(), expectedId)) {
                throw new CorruptFileException(name, "header carries another pack's id");
            }
            return new BlobPack(name, mapped, envelope);
        } catch (IOException | RuntimeException e) {
            mapped.close();
            throw e;
        }
    }

    PackedBlob blob(BlobDescriptor.Packed d) throws CorruptFileException {
        envelope.checkBodyRange("blob", d.offset(), PackedBlob.storedLength(d.length()));
        return new PackedBlob(name, mapped.segment(), d);
    }

    /** Checks the whole file's checksum, then every blob of the index against its own checksums. */
    Set<BlobDescriptor.Packed> verify() throws CorruptFileException {
        envelope.verifyFileChecksum();
        BlobPackIndex index;
        try {
            index = BlobPackIndex.parseFrom(envelope.metadata());
        } catch (InvalidProtocolBufferException e) {
            throw new CorruptFileException(name, "unreadable blob index: " + e.getMessage());
        }
        if (index.getChunkBytes() != BlobPackWriter.CHUNK_BYTES) {
            throw new CorruptFileException(name, "unsupported chunk size " + index.getChunkBytes());
        }
        byte[] id = envelope.header().fileId();
        long expectedOffset = envelope.bodyStart();
        Set<BlobDescriptor.Packed> held = new HashSet<>();
        for (BlobEntry e : index.getBlobsList()) {
            if (e.getOffset() != expectedOffset) {
                throw new CorruptFileException(
                        name, "blob index entry at offset " + e.getOffset() + ", expected " + expectedOffset);
            }
            BlobDescriptor.Packed d = new BlobDescriptor.Packed(id, e.getOffset(), e.getLength(), e.getCrc32C());
            blob(d).verify();
            held.add(d);
            expectedOffset += PackedBlob.storedLength(e.getLength());
        }
        if (expectedOffset != envelope.bodyEnd()) {
            throw new CorruptFileException(name, "blob index does not cover the body");
        }
        return held;
    }

    @Override
    public void close() {
        mapped.close();
    }
}

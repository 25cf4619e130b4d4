package io.quiver.engine.commit;

import com.google.protobuf.ByteString;
import io.quiver.engine.io.DurableFiles;
import io.quiver.format.CorruptFileException;
import io.quiver.format.EnvelopeWriter;
import io.quiver.format.FileEnvelope;
import io.quiver.format.FileKind;
import io.quiver.format.OpenEnvelope;
import io.quiver.format.proto.DeletionFileRef;
import io.quiver.format.proto.DeletionVector;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.roaringbitmap.RoaringBitmap;

/**
 * Deletion files (SPEC.md, "Deletion files"): the deleted row offsets of one fragment as a
 * RoaringBitmap. A deletion file is never changed; a later delete writes a new one holding the
 * union, and the manifest points at the newest.
 */
public final class DeletionFiles {
    private DeletionFiles() {}

    public static DeletionFileRef write(TableLayout layout, long fragmentId, RoaringBitmap deleted) throws IOException {
        deleted.runOptimize();
        ByteArrayOutputStream bitmap = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bitmap)) {
            deleted.serialize(out);
        }
        byte[] meta = DeletionVector.newBuilder()
                .setFragmentId(fragmentId)
                .setDeletedCount(deleted.getLongCardinality())
                .setRoaringBitmap(ByteString.copyFrom(bitmap.toByteArray()))
                .build()
                .toByteArray();
        String relative = layout.newDeletionFile(fragmentId);
        byte[] fileId = FileEnvelope.newFileId();
        Path path = layout.root().resolve(relative);
        DurableFiles.writeNew(path, channel -> new EnvelopeWriter(channel, FileKind.DELETION, fileId).finish(meta));
        return DeletionFileRef.newBuilder()
                .setPath(relative)
                .setDeletedRows(deleted.getLongCardinality())
                .setFileId(ByteString.copyFrom(fileId))
                .setSizeBytes(Files.size(path))
                .build();
    }

    /** Reads and checks a deletion file against what the manifest says about it. */
    public static RoaringBitmap read(TableLayout layout, DeletionFileRef ref, long fragmentId, long physicalRows)
            throws IOException {
        Path path = layout.resolve(ref.getPath(), "manifest");
        String name = ref.getPath();
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new CorruptFileException(name, "is missing from the table directory");
        }
        if (size != ref.getSizeBytes()) {
            throw new CorruptFileException(
                    name, "file has " + size + " bytes but the manifest recorded " + ref.getSizeBytes());
        }
        byte[] bytes = Files.readAllBytes(path);
        if (bytes.length != size) {
            throw new CorruptFileException(name, "changed size while being read");
        }
        OpenEnvelope envelope = FileEnvelope.open(name, MemorySegment.ofArray(bytes), FileKind.DELETION);
        envelope.verifyFileChecksum();
        if (!envelope.header().hasFileId(ref.getFileId().toByteArray())) {
            throw new CorruptFileException(name, "file id does not match the manifest");
        }
        DeletionVector dv;
        RoaringBitmap decoded = new RoaringBitmap();
        byte[] serialized;
        try {
            dv = DeletionVector.parseFrom(envelope.metadata());
            serialized = dv.getRoaringBitmap().toByteArray();
            decoded.deserialize(ByteBuffer.wrap(serialized));
        } catch (IOException | RuntimeException e) {
            throw new CorruptFileException(name, "deletion vector does not decode", e);
        }
        if (decoded.serializedSizeInBytes() != serialized.length) {
            throw new CorruptFileException(name, "deletion vector has trailing bytes");
        }
        if (dv.getFragmentId() != fragmentId
                || dv.getDeletedCount() != ref.getDeletedRows()
                || ref.getDeletedRows() > physicalRows) {
            throw new CorruptFileException(
                    name, "deletion vector does not belong to fragment " + fragmentId + " as the manifest records it");
        }
        return rebuilt(name, decoded, physicalRows, ref.getDeletedRows());
    }

    /**
     * Rebuilds the bitmap from its values, checking each: the library trusts the container
     * structure it decoded, so a crafted file could otherwise smuggle in unsorted or out-of-range
     * offsets.
     */
    private static RoaringBitmap rebuilt(String name, RoaringBitmap decoded, long physicalRows, long expectedCount)
            throws CorruptFileException {
        RoaringBitmap checked = new RoaringBitmap();
        long count = 0;
        long previous = -1;
        var it = decoded.getIntIterator();
        while (it.hasNext()) {
            long offset = Integer.toUnsignedLong(it.next());
            if (offset <= previous || offset >= physicalRows || ++count > expectedCount) {
                throw new CorruptFileException(
                        name,
                        "deletion vector holds an offset out of order or outside the fragment's " + physicalRows
                                + " rows");
            }
            checked.add((int) offset);
            previous = offset;
        }
        if (count != expectedCount) {
            throw new CorruptFileException(
                    name, "deletion vector holds " + count + " offsets, the manifest records " + expectedCount);
        }
        return checked;
    }
}

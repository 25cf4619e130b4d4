package io.quiver.engine.commit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
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
  public static RoaringBitmap read(TableLayout layout, DeletionFileRef ref, long fragmentId, long physicalRows) throws IOException {
    Path path = layout.resolve(ref.getPath(), "manifest");
    String name = ref.getPath();
    byte[] bytes = Files.readAllBytes(path);
    if (bytes.length != ref.getSizeBytes()) {
      throw new CorruptFileException(name, "file has " + bytes.length + " bytes but the manifest recorded " + ref.getSizeBytes());
    }
    OpenEnvelope envelope = FileEnvelope.open(name, MemorySegment.ofArray(bytes), FileKind.DELETION);
    envelope.verifyFileChecksum();
    if (!envelope.header().hasFileId(ref.getFileId().toByteArray())) {
      throw new CorruptFileException(name, "file id does not match the manifest");
    }
    DeletionVector dv;
    RoaringBitmap bitmap = new RoaringBitmap();
    try {
      dv = DeletionVector.parseFrom(envelope.metadata());
      bitmap.deserialize(ByteBuffer.wrap(dv.getRoaringBitmap().toByteArray()));
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new CorruptFileException(name, "deletion vector does not decode", e);
    } catch (IOException e) {
      throw new CorruptFileException(name, "deletion vector does not decode", e);
    }
    long cardinality = bitmap.getLongCardinality();
    if (dv.getFragmentId() != fragmentId
        || cardinality != dv.getDeletedCount()
        || cardinality != ref.getDeletedRows()
        || (cardinality > 0 && Integer.toUnsignedLong(bitmap.last()) >= physicalRows)) {
      throw new CorruptFileException(name, "deletion vector does not fit fragment " + fragmentId + " of " + physicalRows + " rows");
    }
    return bitmap;
  }
}

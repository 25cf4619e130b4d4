package io.quiver.engine;

import io.quiver.blob.BlobDescriptor;
import io.quiver.blob.BlobStore;
import io.quiver.engine.commit.Snapshot;
import io.quiver.engine.commit.TableLayout;
import io.quiver.engine.scan.ScanSpec;
import io.quiver.engine.scan.TableScanner;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.format.CorruptFileException;
import io.quiver.format.proto.BlobPackRef;
import io.quiver.format.proto.Fragment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarBinaryVector;

/**
 * Walks the blob descriptors of a version: to verify that every pack is intact and every row
 * points to a blob its pack holds, and to measure how much of each pack live rows still use.
 */
final class BlobAudit {
    private BlobAudit() {}

    /** What a descriptor visitor sees: the fragment, its row's stored descriptor. */
    private interface Visitor {
        void visit(Fragment fragment, byte[] stored) throws IOException;
    }

    /** Bytes of blobs that live rows point to, by pack hex id. */
    static Map<String, Long> liveBytes(Dataset dataset, Snapshot s) throws IOException {
        Map<String, Long> live = new HashMap<>();
        forEachDescriptor(dataset, s, false, (f, stored) -> {
            if (BlobDescriptor.decode(stored, "a data file of fragment " + f.getId())
                    instanceof BlobDescriptor.Packed p) {
                live.merge(HexFormat.of().formatHex(p.packId()), p.length(), Long::sum);
            }
        });
        return live;
    }

    /** Every pack a fragment lists, by hex id. */
    static Map<String, BlobPackRef> packsOf(List<Fragment> fragments) {
        Map<String, BlobPackRef> packs = new HashMap<>();
        for (Fragment f : fragments) {
            for (BlobPackRef ref : f.getBlobPacksList()) {
                packs.put(HexFormat.of().formatHex(ref.getFileId().toByteArray()), ref);
            }
        }
        return packs;
    }

    static void verify(Dataset dataset, Snapshot s) throws IOException {
        if (!s.schema().hasBlobs()) {
            return;
        }
        TableLayout layout = dataset.layout();
        String manifest = TableLayout.manifestName(s.version());
        Map<String, Set<BlobDescriptor.Packed>> blobsByPack = new HashMap<>();
        for (var e : packsOf(s.fragments()).entrySet()) {
            BlobPackRef ref = e.getValue();
            byte[] id = ref.getFileId().toByteArray();
            if (id.length != 16 || !ref.getPath().equals(TableLayout.blobPackPath(BlobStore.packFileName(id)))) {
                throw new CorruptFileException(
                        manifest, "blob pack reference " + ref.getPath() + " does not match its id");
            }
            long size = Files.size(layout.resolve(ref.getPath(), manifest));
            if (size != ref.getSizeBytes()) {
                throw new CorruptFileException(
                        ref.getPath(), "has " + size + " bytes, the manifest says " + ref.getSizeBytes());
            }
            blobsByPack.put(e.getKey(), dataset.blobStore().verifyPack(id));
        }
        forEachDescriptor(dataset, s, true, (f, stored) -> {
            String where = "a data file of fragment " + f.getId();
            if (BlobDescriptor.decode(stored, where) instanceof BlobDescriptor.Packed p) {
                String pack = HexFormat.of().formatHex(p.packId());
                boolean listed = f.getBlobPacksList().stream()
                        .anyMatch(r -> HexFormat.of()
                                .formatHex(r.getFileId().toByteArray())
                                .equals(pack));
                if (!listed || !blobsByPack.get(pack).contains(p)) {
                    throw new CorruptFileException(
                            where,
                            "a row points to " + p + ", which "
                                    + (listed ? "its pack does not hold" : "is in a pack its fragment does not list"));
                }
            }
        });
    }

    private static void forEachDescriptor(Dataset dataset, Snapshot s, boolean includeDeleted, Visitor visitor)
            throws IOException {
        List<Column> blobColumns =
                s.schema().columns().stream().filter(c -> c.type().isBlob()).toList();
        if (blobColumns.isEmpty()) {
            return;
        }
        TableSchema projection = new TableSchema(blobColumns);
        ScanSpec spec =
                new ScanSpec(projection, null, -1, ScanSpec.defaultBatchSize(blobColumns), false, includeDeleted);
        for (Fragment f : s.fragments()) {
            try (TableScanner scanner = new TableScanner(dataset.allocator(), dataset.files(), List.of(f), spec)) {
                while (scanner.loadNextBatch()) {
                    for (FieldVector v : scanner.getVectorSchemaRoot().getFieldVectors()) {
                        VarBinaryVector descriptors = (VarBinaryVector) v;
                        for (int i = 0; i < descriptors.getValueCount(); i++) {
                            if (!descriptors.isNull(i)) {
                                visitor.visit(f, descriptors.get(i));
                            }
                        }
                    }
                }
            }
        }
    }
}

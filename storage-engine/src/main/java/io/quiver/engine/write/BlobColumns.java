package io.quiver.engine.write;

import io.quiver.blob.Blob;
import io.quiver.blob.BlobPacker;
import io.quiver.blob.BlobSource;
import io.quiver.blob.BlobStore;
import io.quiver.blob.WrittenPack;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarBinaryVector;

/**
 * Turns the BLOB values of a write into stored descriptors: blob bytes from an append, streams
 * from {@link BlobSource}s, or, in compaction, descriptors of blobs in packs being reclaimed,
 * whose bytes are copied into new packs. Every new vector belongs to the caller.
 */
final class BlobColumns implements AutoCloseable {
    private final BlobPacker packer;
    private final BlobStore store;
    private final Set<String> relocatedPacks;

    /**
     * @param store where existing blobs are read from when relocating
     * @param relocatedPacks hex ids of the packs whose blobs move to new packs
     */
    BlobColumns(BlobPacker packer, BlobStore store, Set<String> relocatedPacks) {
        this.packer = packer;
        this.store = store;
        this.relocatedPacks = Set.copyOf(relocatedPacks);
    }

    boolean relocates() {
        return !relocatedPacks.isEmpty();
    }

    /** Stores each value of a binary vector as a blob. */
    VarBinaryVector storeBytes(VarBinaryVector bytes, int rows) throws IOException {
        VarBinaryVector out = newVector(bytes.getName(), bytes.getAllocator(), rows);
        for (int i = 0; i < rows; i++) {
            if (!bytes.isNull(i)) {
                byte[] value = bytes.get(i);
                out.setSafe(i, packer.add(value, 0, value.length));
            }
        }
        out.setValueCount(rows);
        return out;
    }

    /** Stores one blob per source; a null source is a null value. */
    VarBinaryVector storeSources(String name, BufferAllocator allocator, List<BlobSource> sources) throws IOException {
        VarBinaryVector out = newVector(name, allocator, sources.size());
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i) != null) {
                out.setSafe(i, packer.add(sources.get(i)));
            }
        }
        out.setValueCount(sources.size());
        return out;
    }

    /** Copies the blobs that live in relocated packs; other descriptors are kept as they are. */
    VarBinaryVector relocate(VarBinaryVector descriptors, int rows, String where) throws IOException {
        VarBinaryVector out = newVector(descriptors.getName(), descriptors.getAllocator(), rows);
        for (int i = 0; i < rows; i++) {
            if (descriptors.isNull(i)) {
                continue;
            }
            byte[] stored = descriptors.get(i);
            byte[] pack = BlobStore.packIdOf(stored);
            if (pack != null && relocatedPacks.contains(HexFormat.of().formatHex(pack))) {
                Blob source = store.blob(stored, where);
                stored = packer.add(source::openStream);
            }
            out.setSafe(i, stored);
        }
        out.setValueCount(rows);
        return out;
    }

    private static VarBinaryVector newVector(String name, BufferAllocator allocator, int rows) {
        VarBinaryVector v = new VarBinaryVector(name, allocator);
        v.allocateNew(rows);
        return v;
    }

    List<WrittenPack> finish() throws IOException {
        return packer.finish();
    }

    @Override
    public void close() throws IOException {
        packer.close();
    }
}

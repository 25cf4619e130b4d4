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
    /** More than a descriptor adds to a value: a tag byte inline, 37 bytes in all when packed. */
    private static final long DESCRIPTOR_HEADER_BOUND = 64;

    private final BlobPacker packer;
    private final BlobStore store;
    private final Set<String> relocatedPacks;
    /**
     * Carries each appended value to the packer (which keeps none of it), grown to the largest:
     * a fresh array per 2 KiB value was another copy and allocation per row.
     */
    private byte[] scratch = new byte[0];

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
        // Inline descriptors hold their value, so the input's size (plus a header per row) bounds
        // the output's: sized once, the vector is not regrown by doubling, each regrowth a fresh
        // zeroed allocation (a third of an append's CPU with 2 KiB blobs).
        long bound =
                rows == 0 ? 0 : bytes.getStartOffset(rows) - bytes.getStartOffset(0) + rows * DESCRIPTOR_HEADER_BOUND;
        return build(bytes.getName(), bytes.getAllocator(), rows, bound, i -> {
            if (bytes.isNull(i)) {
                return null;
            }
            int start = bytes.getStartOffset(i);
            int length = bytes.getEndOffset(i) - start;
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, 2 * scratch.length)];
            }
            bytes.getDataBuffer().getBytes(start, scratch, 0, length);
            return packer.add(scratch, 0, length);
        });
    }

    /** Stores one blob per source; a null source is a null value. */
    VarBinaryVector storeSources(String name, BufferAllocator allocator, List<BlobSource> sources) throws IOException {
        return build(name, allocator, sources.size(), 0, i -> {
            BlobSource source = sources.get(i);
            return source == null ? null : packer.add(source);
        });
    }

    /** Copies the blobs that live in relocated packs; other descriptors are kept as they are. */
    VarBinaryVector relocate(VarBinaryVector descriptors, int rows, String where) throws IOException {
        return build(descriptors.getName(), descriptors.getAllocator(), rows, 0, i -> {
            byte[] stored = descriptors.isNull(i) ? null : descriptors.get(i);
            byte[] pack = stored == null ? null : BlobStore.packIdOf(stored);
            if (pack != null && relocatedPacks.contains(HexFormat.of().formatHex(pack))) {
                Blob source = store.blob(stored, where);
                return packer.add(source::openStream);
            }
            return stored;
        });
    }

    /** The stored value of row {@code i}, or null for a null value. */
    @FunctionalInterface
    private interface RowValue {
        byte[] of(int i) throws IOException;
    }

    /**
     * A new vector of {@code rows} values, its data buffer first sized for {@code dataBytes} (0:
     * Arrow's default guess); nothing leaks when a value fails to store.
     */
    private static VarBinaryVector build(
            String name, BufferAllocator allocator, int rows, long dataBytes, RowValue value) throws IOException {
        VarBinaryVector out = new VarBinaryVector(name, allocator);
        try {
            if (dataBytes > 0) {
                out.allocateNew(dataBytes, rows);
            } else {
                out.allocateNew(rows);
            }
            for (int i = 0; i < rows; i++) {
                byte[] v = value.of(i);
                if (v != null) {
                    out.setSafe(i, v);
                }
            }
            out.setValueCount(rows);
            return out;
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    List<WrittenPack> finish() throws IOException {
        return packer.finish();
    }

    @Override
    public void close() throws IOException {
        packer.close();
    }
}

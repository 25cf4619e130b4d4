package io.quiver.blob;

import io.quiver.format.CorruptFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blob packs of one table directory: turns stored descriptors into {@link Blob} handles,
 * opening (mapping and checking) each pack once. Pack names are derived from the id in the
 * descriptor, never read as text, so a damaged descriptor cannot name a file outside the folder.
 * Handles stay valid until the store is closed.
 */
public final class BlobStore implements AutoCloseable {
    private final Path directory;
    private final ConcurrentHashMap<String, BlobPack> packs = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public BlobStore(Path directory) {
        this.directory = directory;
    }

    /** The blob a stored descriptor stands for; {@code where} names the data file in errors. */
    public Blob blob(byte[] storedDescriptor, String where) throws IOException {
        return switch (BlobDescriptor.decode(storedDescriptor, where)) {
            case BlobDescriptor.Inline inline -> new InlineBlob(inline.bytes());
            case BlobDescriptor.Packed packed -> pack(packed.packId()).blob(packed);
        };
    }

    /** The pack a stored descriptor points into, or null when the value is inline. */
    public static byte[] packIdOf(byte[] storedDescriptor) {
        return BlobDescriptor.packIdOf(storedDescriptor);
    }

    /** The length of the blob a stored descriptor stands for, without opening its pack. */
    public static long lengthOf(byte[] storedDescriptor, String where) throws CorruptFileException {
        return BlobDescriptor.decode(storedDescriptor, where).length();
    }

    /** Reads every byte of a pack and checks all its checksums; returns the blobs it holds. */
    public Set<BlobDescriptor.Packed> verifyPack(byte[] packId) throws IOException {
        return pack(packId).verify();
    }

    public static String packFileName(byte[] packId) {
        return BlobDescriptor.Packed.packFileName(packId);
    }

    private BlobPack pack(byte[] id) throws IOException {
        if (closed) {
            throw new IllegalStateException("the blob store of " + directory + " is closed");
        }
        try {
            return packs.computeIfAbsent(HexFormat.of().formatHex(id), name -> {
                try {
                    return BlobPack.open(directory.resolve(BlobDescriptor.Packed.packFileName(id)), id);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() {
        closed = true;
        packs.values().forEach(BlobPack::close);
        packs.clear();
    }
}

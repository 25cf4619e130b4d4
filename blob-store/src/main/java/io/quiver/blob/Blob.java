package io.quiver.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;

/**
 * A handle on one stored blob. No byte of the blob is read until asked (making the handle of a
 * packed blob opens its pack, once per store, and checks the pack's envelope and index, so a
 * missing or damaged pack is reported then); every read checks checksums: a full read the
 * blob's own CRC32C, a range read the checksums of the chunks it touches.
 * A mismatch raises {@link io.quiver.format.CorruptFileException}.
 */
public interface Blob {
    long length();

    /** The bytes from start to end, read chunk by chunk. */
    InputStream openStream() throws IOException;

    /** Read-only random access, e.g. a video frame at an offset; writes fail. */
    SeekableByteChannel channel() throws IOException;

    /** All bytes on the heap; fails for blobs longer than a Java array can hold. */
    byte[] readAllBytes() throws IOException;
}

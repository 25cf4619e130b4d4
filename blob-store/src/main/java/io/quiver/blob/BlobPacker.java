package io.quiver.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Stores the blobs of one write: values shorter than the inline threshold become inline
 * descriptors, the rest go into packs of about {@code targetPackBytes} each (a single larger
 * blob gets a pack of its own size). Returns stored descriptors; {@link #finish} makes the packs
 * durable, {@link #close} without it deletes them.
 */
public final class BlobPacker implements AutoCloseable {
    private final Path directory;
    private final int inlineThreshold;
    private final long targetPackBytes;
    private final List<WrittenPack> finished = new ArrayList<>();
    private final List<Path> created = new ArrayList<>();
    private BlobPackWriter current;
    private boolean done;

    public BlobPacker(Path directory, int inlineThreshold, long targetPackBytes) {
        if (inlineThreshold < 0 || targetPackBytes < 1) {
            throw new IllegalArgumentException("need inlineThreshold >= 0 and targetPackBytes > 0, got "
                    + inlineThreshold + ", " + targetPackBytes);
        }
        this.directory = directory;
        this.inlineThreshold = inlineThreshold;
        this.targetPackBytes = targetPackBytes;
    }

    /** Stores a value held in memory; {@code bytes} is not kept, so callers may reuse it. */
    public byte[] add(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        checkNotFinished();
        if (length < inlineThreshold) {
            return BlobDescriptor.Inline.encode(bytes, offset, length);
        }
        return writer().add(new ByteArrayInputStream(bytes, offset, length)).encode();
    }

    /** Streams a value of any size; only its first {@code inlineThreshold} bytes are buffered. */
    public byte[] add(BlobSource source) throws IOException {
        checkNotFinished();
        try (InputStream in = source.open()) {
            byte[] head = in.readNBytes(inlineThreshold);
            if (head.length < inlineThreshold) {
                return new BlobDescriptor.Inline(head).encode();
            }
            return writer().add(new SequenceInputStream(new ByteArrayInputStream(head), in))
                    .encode();
        }
    }

    private void checkNotFinished() {
        if (done) {
            throw new IllegalStateException("the packer is finished; start a new one for more blobs");
        }
    }

    private BlobPackWriter writer() throws IOException {
        if (current != null && current.size() >= targetPackBytes) {
            finishCurrent();
        }
        if (current == null) {
            current = new BlobPackWriter(directory);
            created.add(current.path());
        }
        return current;
    }

    private void finishCurrent() throws IOException {
        long size = current.finish();
        finished.add(new WrittenPack(current.path().getFileName().toString(), current.packId(), size));
        current = null;
    }

    /** Makes every pack durable and returns them; the caller syncs the folder and commits. */
    public List<WrittenPack> finish() throws IOException {
        if (current != null) {
            finishCurrent();
        }
        done = true;
        return List.copyOf(finished);
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
        if (!done) {
            for (Path p : created) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package io.quiver.blob;

import io.quiver.format.BufferedChannel;
import io.quiver.format.EnvelopeWriter;
import io.quiver.format.FileEnvelope;
import io.quiver.format.FileKind;
import io.quiver.format.proto.BlobEntry;
import io.quiver.format.proto.BlobPackIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes one blob pack: blobs one after another, each followed by the CRC32C of every 64 KiB
 * chunk, then an index of all blobs in the metadata block (SPEC.md section 13). Blobs are
 * streamed through one chunk-sized buffer, so memory stays bounded whatever their size. The
 * file is forced to disk by {@link #finish}; {@link #close} without it deletes the file.
 */
public final class BlobPackWriter implements AutoCloseable {
    public static final String SUFFIX = ".qvb";
    /** Bytes covered by one chunk checksum: a range read checks whole chunks. */
    public static final int CHUNK_BYTES = 1 << 16;

    private final Path path;
    private final byte[] packId = FileEnvelope.newFileId();
    private final FileChannel channel;
    private final BufferedChannel buffered;
    private final EnvelopeWriter out;
    private final BlobPackIndex.Builder index = BlobPackIndex.newBuilder().setChunkBytes(CHUNK_BYTES);
    private final byte[] chunk = new byte[CHUNK_BYTES];
    private boolean finished;
    /** Set when a blob failed part-way: its bytes are in the body but not in the index. */
    private boolean broken;

    /** Creates a new pack, named after its id, in {@code directory}. */
    public BlobPackWriter(Path directory) throws IOException {
        this.path = directory.resolve(BlobDescriptor.Packed.packFileName(packId));
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            this.buffered = new BufferedChannel(channel);
            this.out = new EnvelopeWriter(buffered, FileKind.BLOB_PACK, packId);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(path);
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    public byte[] packId() {
        return packId.clone();
    }

    /** Bytes written so far, for rolling over to a new pack. */
    public long size() {
        return out.position();
    }

    /** Streams {@code in} to its end into the pack; does not close it. */
    public BlobDescriptor.Packed add(InputStream in) throws IOException {
        checkNotBroken();
        boolean added = false;
        try {
            BlobDescriptor.Packed d = write(in);
            added = true;
            return d;
        } finally {
            broken = !added;
        }
    }

    private void checkNotBroken() {
        if (broken) {
            throw new IllegalStateException(
                    path.getFileName() + ": a blob failed part-way, the pack cannot be finished");
        }
    }

    private BlobDescriptor.Packed write(InputStream in) throws IOException {
        long offset = out.position();
        CRC32C whole = new CRC32C();
        IntList chunkCrcs = new IntList();
        long length = 0;
        int n;
        while ((n = in.readNBytes(chunk, 0, CHUNK_BYTES)) > 0) {
            whole.update(chunk, 0, n);
            CRC32C c = new CRC32C();
            c.update(chunk, 0, n);
            chunkCrcs.add((int) c.getValue());
            out.write(ByteBuffer.wrap(chunk, 0, n));
            length += n;
            if (n < CHUNK_BYTES) {
                break;
            }
        }
        writeChunkChecksums(chunkCrcs);
        int crc = (int) whole.getValue();
        index.addBlobs(
                BlobEntry.newBuilder().setOffset(offset).setLength(length).setCrc32C(crc));
        return new BlobDescriptor.Packed(packId, offset, length, crc);
    }

    private void writeChunkChecksums(IntList crcs) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * crcs.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < crcs.size(); i++) {
            b.putInt(crcs.get(i));
        }
        out.write(b.flip());
    }

    /** Writes the index and footer and forces the file to disk; returns the pack's size. */
    public long finish() throws IOException {
        checkNotBroken();
        long size = out.finish(index.build().toByteArray());
        buffered.flush();
        channel.force(true);
        channel.close();
        finished = true;
        return size;
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            channel.close();
            Files.deleteIfExists(path);
        }
    }

    /** A growable int array: a 2 GiB blob has 32,768 chunk checksums. */
    private static final class IntList {
        private int[] values = new int[16];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int get(int i) {
            return values[i];
        }

        int size() {
            return size;
        }
    }
}

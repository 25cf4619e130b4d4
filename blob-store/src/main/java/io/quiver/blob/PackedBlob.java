package io.quiver.blob;

import io.quiver.format.CorruptFileException;
import io.quiver.format.Crc32c;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.util.BitSet;
import java.util.zip.CRC32C;

/**
 * A blob in a mapped pack. Its bounds were checked against the pack when the handle was made;
 * reads copy from the mapping, checking each 64 KiB chunk against its stored CRC32C before
 * handing out any of its bytes, and full reads also the whole blob's CRC32C from the descriptor.
 */
final class PackedBlob implements Blob {
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int CHUNK = BlobPackWriter.CHUNK_BYTES;

    private final String packName;
    private final MemorySegment pack;
    private final long offset;
    private final long length;
    private final int crc32c;

    PackedBlob(String packName, MemorySegment pack, BlobDescriptor.Packed d) {
        this.packName = packName;
        this.pack = pack;
        this.offset = d.offset();
        this.length = d.length();
        this.crc32c = d.crc32c();
    }

    /** Bytes a blob of this length takes in a pack: its data and one checksum per chunk. */
    static long storedLength(long length) {
        return length + 4 * chunkCount(length);
    }

    static long chunkCount(long length) {
        return (length + CHUNK - 1) / CHUNK;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public byte[] readAllBytes() throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(
                    "blob of " + length + " bytes does not fit in a byte array; use openStream() or channel()");
        }
        byte[] bytes = pack.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
        checkWhole(Crc32c.of(bytes));
        return bytes;
    }

    /** Checks every chunk and the whole blob, as verify() does. */
    void verify() throws CorruptFileException {
        for (long i = 0; i < chunkCount(length); i++) {
            checkChunk(i);
        }
        checkWhole(Crc32c.of(pack, offset, length));
    }

    private void checkWhole(int actual) throws CorruptFileException {
        if (actual != crc32c) {
            throw new CorruptFileException(
                    packName,
                    String.format(
                            "blob at offset %d (%d bytes): checksum mismatch (stored %08x, computed %08x)",
                            offset, length, crc32c, actual));
        }
    }

    private void checkChunk(long chunk) throws CorruptFileException {
        long start = chunk * CHUNK;
        int stored = pack.get(U32, offset + length + 4 * chunk);
        int actual = Crc32c.of(pack, offset + start, Math.min(CHUNK, length - start));
        if (stored != actual) {
            throw new CorruptFileException(
                    packName,
                    String.format(
                            "blob at offset %d, chunk %d: checksum mismatch (stored %08x, computed %08x)",
                            offset, chunk, stored, actual));
        }
    }

    @Override
    public InputStream openStream() {
        return new ChunkedStream();
    }

    @Override
    public SeekableByteChannel channel() {
        return new RangeChannel();
    }

    /** Sequential reads: every chunk is checked on entry, the whole blob at the end. */
    private final class ChunkedStream extends InputStream {
        private final CRC32C whole = new CRC32C();
        private long position;
        private long checkedUpTo;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (position >= length) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            if (position == checkedUpTo) {
                checkChunk(position / CHUNK);
                checkedUpTo = Math.min(length, position + CHUNK);
            }
            int n = (int) Math.min(len, checkedUpTo - position);
            MemorySegment.copy(pack, ValueLayout.JAVA_BYTE, offset + position, b, off, n);
            whole.update(b, off, n);
            position += n;
            if (position == length) {
                checkWhole((int) whole.getValue());
            }
            return n;
        }

        @Override
        public long skip(long n) {
            // Skipping would leave the whole-blob checksum uncomputed: read through instead.
            return 0;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, checkedUpTo - position);
        }
    }

    /** Random access: each chunk touched is checked once per channel. */
    private final class RangeChannel extends ReadOnlyChannel {
        private final BitSet checked = new BitSet();

        RangeChannel() {
            super(length);
        }

        @Override
        long runEnd(long position) {
            return Math.min(length, (position / CHUNK + 1) * CHUNK);
        }

        @Override
        void copy(long position, ByteBuffer dst, int n) throws IOException {
            int chunk = (int) (position / CHUNK);
            if (!checked.get(chunk)) {
                checkChunk(chunk);
                checked.set(chunk);
            }
            MemorySegment.copy(pack, offset + position, MemorySegment.ofBuffer(dst), 0, n);
            dst.position(dst.position() + n);
        }
    }
}

package io.quiver.blob;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/** A small blob stored in the data file itself; the data page's checksum already covered it. */
final class InlineBlob implements Blob {
    private final byte[] bytes;

    InlineBlob(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long length() {
        return bytes.length;
    }

    @Override
    public InputStream openStream() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public SeekableByteChannel channel() {
        return new ReadOnlyChannel(bytes.length) {
            @Override
            void copy(long position, ByteBuffer dst, int n) {
                dst.put(bytes, (int) position, n);
            }
        };
    }

    @Override
    public byte[] readAllBytes() {
        return bytes.clone();
    }
}

package io.quiver.sql.schema;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;

/** The next {@code remaining} bytes of a channel: a ranged read of a blob ends where the range does. */
final class BoundedChannel implements ReadableByteChannel {
    private final SeekableByteChannel channel;
    private long remaining;

    BoundedChannel(SeekableByteChannel channel, long remaining) {
        this.channel = channel;
        this.remaining = remaining;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int limit = dst.limit();
        if (dst.remaining() > remaining) {
            dst.limit(dst.position() + (int) remaining);
        }
        try {
            int n = channel.read(dst);
            if (n > 0) {
                remaining -= n;
            }
            return n;
        } finally {
            dst.limit(limit);
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

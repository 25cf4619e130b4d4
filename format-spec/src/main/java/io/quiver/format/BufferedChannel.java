package io.quiver.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Gathers small writes (a data file is written page by page, a few KiB each) into large ones:
 * one system call per megabyte instead of one per page, from a direct buffer the kernel can
 * read without the JDK's extra copy of heap buffers.
 */
public final class BufferedChannel implements WritableByteChannel {
    private static final int CAPACITY = 1 << 20;

    private final WritableByteChannel target;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CAPACITY);

    public BufferedChannel(WritableByteChannel target) {
        this.target = target;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        if (n >= CAPACITY) {
            flush();
            while (src.hasRemaining()) {
                target.write(src);
            }
            return n;
        }
        if (n > buffer.remaining()) {
            flush();
        }
        buffer.put(src);
        return n;
    }

    /** Writes out everything buffered. */
    public void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            target.write(buffer);
        }
        buffer.clear();
    }

    @Override
    public boolean isOpen() {
        return target.isOpen();
    }

    /** Flushes; the target channel stays open (its owner closes it). */
    @Override
    public void close() throws IOException {
        flush();
    }
}

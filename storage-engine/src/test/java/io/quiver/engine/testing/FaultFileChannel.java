package io.quiver.engine.testing;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * A channel of a {@link FaultInjectingFileSystem}: every read, write, force and map counts as one
 * operation that may fail, and forces are reported to the power-loss model.
 */
final class FaultFileChannel extends FileChannel {
    private final FaultInjectingFileSystem fs;
    private final Path path;
    private final FileChannel channel;
    private final boolean directory;

    FaultFileChannel(FaultInjectingFileSystem fs, Path path, FileChannel channel, boolean directory) {
        this.fs = fs;
        this.path = path;
        this.channel = channel;
        this.directory = directory;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        fs.before("read", path);
        return channel.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        fs.before("read", path);
        return channel.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        fs.before("read", path);
        return channel.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (fs.beforeWrite(path)) {
            writeHalfAndFail(src, -1);
        }
        return channel.write(src);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        if (fs.beforeWrite(path)) {
            writeHalfAndFail(src, position);
        }
        return channel.write(src, position);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long written = 0;
        for (int i = offset; i < offset + length; i++) {
            written += write(srcs[i]);
        }
        return written;
    }

    /** A full disk: part of the bytes land, then the write fails. */
    private void writeHalfAndFail(ByteBuffer src, long position) throws IOException {
        ByteBuffer half = src.slice(src.position(), src.remaining() / 2);
        int written = position < 0 ? channel.write(half) : channel.write(half, position);
        src.position(src.position() + written);
        throw new IOException("No space left on device (injected, " + path + ")");
    }

    @Override
    public long position() throws IOException {
        return channel.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        channel.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        fs.before("truncate", path);
        channel.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        fs.before("force", path);
        channel.force(metaData);
        fs.powerLoss().forced(FaultPath.unwrap(path), directory);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        fs.before("read", path);
        return channel.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        if (fs.beforeWrite(path)) {
            throw new IOException("No space left on device (injected, " + path + ")");
        }
        return channel.transferFrom(src, position, count);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        fs.before("map", path);
        return channel.map(mode, position, size);
    }

    @Override
    public MemorySegment map(MapMode mode, long offset, long size, Arena arena) throws IOException {
        fs.before("map", path);
        return channel.map(mode, offset, size, arena);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return channel.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return channel.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        channel.close();
    }
}

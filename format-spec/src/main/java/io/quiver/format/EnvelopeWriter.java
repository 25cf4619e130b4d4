package io.quiver.format;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.zip.CRC32C;

/**
 * Writes one Quiver file: the header on creation, body bytes as they come, then the metadata
 * block and footer in {@link #finish}. It keeps the running whole-file CRC32C, so the footer
 * costs no second pass. The caller owns the channel and makes it durable.
 */
public final class EnvelopeWriter {
    private final WritableByteChannel channel;
    private final CRC32C fileCrc = new CRC32C();
    private long position;
    private boolean finished;

    public EnvelopeWriter(WritableByteChannel channel, FileKind kind, byte[] fileId) throws IOException {
        this.channel = channel;
        write(ByteBuffer.wrap(FileEnvelope.header(kind, fileId)));
    }

    /** The offset at which the next body byte lands. */
    public long position() {
        return position;
    }

    public void write(ByteBuffer bytes) throws IOException {
        if (finished) {
            throw new IllegalStateException("file already finished");
        }
        fileCrc.update(bytes.duplicate());
        while (bytes.hasRemaining()) {
            position += channel.write(bytes);
        }
    }

    public void write(MemorySegment bytes) throws IOException {
        write(bytes.asByteBuffer());
    }

    /** Writes the metadata block and the footer; returns the file's total length. */
    public long finish(byte[] metadata) throws IOException {
        long metaOffset = position;
        write(ByteBuffer.wrap(metadata));
        ByteBuffer footer = ByteBuffer.allocate(FileEnvelope.FOOTER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        footer.putLong(metaOffset).putInt(metadata.length).putInt(Crc32c.of(metadata));
        footer.flip();
        write(footer);
        ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        tail.putInt((int) fileCrc.getValue()).putInt(FileEnvelope.END_MAGIC).flip();
        while (tail.hasRemaining()) {
            position += channel.write(tail);
        }
        finished = true;
        return position;
    }
}

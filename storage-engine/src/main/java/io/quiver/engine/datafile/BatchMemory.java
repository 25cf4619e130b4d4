package io.quiver.engine.datafile;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;

/**
 * One Arrow allocation that the vectors of a batch are loaded from, slice by slice at 8-byte
 * boundaries. An Arrow allocation and its release (ledger, accounting, pooled chunk) cost more
 * than copying a take's few values, so a take of several columns, or a nearest-neighbour
 * result with its distances, pays for one. A vector loaded from a slice holds its own reference,
 * as the vectors of an IPC body do; closing this drops only the allocation's own. So the memory
 * lives until the last of the batch's vectors is released: a consumer that keeps one column
 * keeps all of them. Takes and nearest results share one; a scan's batch gives each column its
 * own, as scans run long and consumers keep columns of them.
 */
public final class BatchMemory implements AutoCloseable {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final ArrowBuf whole;
    private final long size; // as asked for: the allocator may round the capacity up
    private long next;

    private BatchMemory(ArrowBuf whole, long size) {
        this.whole = whole;
        this.size = size;
    }

    /** Memory for slices of these sizes (each rounded up by {@link #aligned}); the sum is the caller's. */
    public static BatchMemory allocate(BufferAllocator allocator, long bytes) {
        return new BatchMemory(allocator.buffer(bytes), bytes);
    }

    /** What a slice of {@code bytes} takes of the allocation. */
    public static long aligned(long bytes) {
        return (bytes + 7) & ~7L;
    }

    /** The next {@code bytes} of the allocation, unzeroed. */
    ArrowBuf slice(long bytes) {
        if (next + bytes > size) {
            throw new IllegalStateException("batch memory of " + size + " bytes is used up");
        }
        ArrowBuf slice = whole.slice(next, bytes);
        next += aligned(bytes);
        return slice;
    }

    /** What {@link #loadFloats} takes for {@code count} values. */
    public static long floatBytes(int count) {
        return aligned(Bits.bytesFor(count)) + aligned(4L * count);
    }

    /** Loads {@code values}, none of them null, into {@code out} (empty). */
    public void loadFloats(float[] values, Float4Vector out) {
        int count = values.length;
        ArrowBuf validity = slice(Bits.bytesFor(count));
        ArrowBuf data = slice(4L * count);
        Bits.fillOnes(ArrowMemory.segment(validity), 0, count);
        MemorySegment.copy(values, 0, ArrowMemory.segment(data), F32, 0, count);
        out.loadFieldBuffers(new ArrowFieldNode(count, 0), List.of(validity, data));
    }

    @Override
    public void close() {
        whole.close();
    }
}

package io.quiver.engine.datafile;

import java.lang.foreign.MemorySegment;
import org.apache.arrow.memory.ArrowBuf;

/** Views of Arrow buffers as memory segments, so one copy routine serves files and vectors. */
public final class ArrowMemory {
    private ArrowMemory() {}

    /** Arrow owns the memory and its lifetime; the segment is used only while the buffer is live. */
    @SuppressWarnings("restricted")
    public static MemorySegment segment(ArrowBuf buf) {
        if (buf.capacity() == 0) {
            return MemorySegment.NULL;
        }
        return MemorySegment.ofAddress(buf.memoryAddress()).reinterpret(buf.capacity());
    }
}

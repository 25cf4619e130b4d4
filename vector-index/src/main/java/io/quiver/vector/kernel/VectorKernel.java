package io.quiver.vector.kernel;

import java.lang.foreign.MemorySegment;

/**
 * The arithmetic of nearest-neighbour search: a query held on the heap against one stored vector
 * of the same dimension, read in place from a segment (an index file or an Arrow buffer) as
 * little-endian float32 values starting at {@code offset} bytes.
 */
public interface VectorKernel {
    /** The sum of squared differences. */
    float squaredL2(float[] query, MemorySegment data, long offset);

    float dot(float[] query, MemorySegment data, long offset);

    /** The dot product with the query and the stored vector's squared norm, as {dot, norm²}. */
    void dotAndSquaredNorm(float[] query, MemorySegment data, long offset, float[] out);

    /** The kernel for this JVM: SIMD through the Vector API when the module is present, else scalar. */
    static VectorKernel best() {
        return Kernels.BEST;
    }
}

package io.quiver.vector.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Plain loops: the reference the SIMD kernel is tested against, and the fallback without it. */
public final class ScalarKernel implements VectorKernel {
    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @Override
    public float squaredL2(float[] query, MemorySegment data, long offset) {
        float sum = 0;
        for (int i = 0; i < query.length; i++) {
            float d = query[i] - data.get(F32, offset + 4L * i);
            sum += d * d;
        }
        return sum;
    }

    @Override
    public float dot(float[] query, MemorySegment data, long offset) {
        float sum = 0;
        for (int i = 0; i < query.length; i++) {
            sum += query[i] * data.get(F32, offset + 4L * i);
        }
        return sum;
    }

    @Override
    public void dotAndSquaredNorm(float[] query, MemorySegment data, long offset, float[] out) {
        float dot = 0;
        float norm = 0;
        for (int i = 0; i < query.length; i++) {
            float v = data.get(F32, offset + 4L * i);
            dot += query[i] * v;
            norm += v * v;
        }
        out[0] = dot;
        out[1] = norm;
    }
}

package io.quiver.vector.kernel;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels with the JDK Vector API, at the widest lanes the CPU has. Stored values are loaded
 * straight from the segment, so neither an index file nor an Arrow buffer is copied to the heap;
 * a tail shorter than one vector of lanes falls back to scalar steps.
 *
 * <p>A result depends on the inputs only, never on how far the JIT has compiled the code: every
 * step is a lane-wise operation (exact per lane) or a scalar one, and the lanes are summed in lane
 * order ({@link #sumLanes}). {@code reduceLanes(ADD)} leaves its order unspecified, and it does
 * change: the interpreter adds the lanes in order, C2's intrinsic (where it inlines it) in
 * another order, so a distance changed in its last bits as the code warmed up. A graph built with
 * one thread then depended on when C2 compiled the kernel, and a search reported other ranks
 * before and after.
 */
final class SimdKernel implements VectorKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    // The loops are written out rather than calling helpers that take and return vectors: a
    // helper the JIT declines to inline makes every vector a heap object.

    @Override
    public float squaredL2(float[] query, MemorySegment data, long offset) {
        int n = query.length;
        int lanes = SPECIES.length();
        // Four accumulators: one fused multiply-add chain would wait on its own latency.
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        FloatVector acc2 = FloatVector.zero(SPECIES);
        FloatVector acc3 = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound4 = n - 4 * lanes; i <= bound4; i += 4 * lanes) {
            long at = offset + 4L * i;
            FloatVector d0 =
                    FloatVector.fromArray(SPECIES, query, i).sub(FloatVector.fromMemorySegment(SPECIES, data, at, LE));
            FloatVector d1 = FloatVector.fromArray(SPECIES, query, i + lanes)
                    .sub(FloatVector.fromMemorySegment(SPECIES, data, at + 4L * lanes, LE));
            FloatVector d2 = FloatVector.fromArray(SPECIES, query, i + 2 * lanes)
                    .sub(FloatVector.fromMemorySegment(SPECIES, data, at + 8L * lanes, LE));
            FloatVector d3 = FloatVector.fromArray(SPECIES, query, i + 3 * lanes)
                    .sub(FloatVector.fromMemorySegment(SPECIES, data, at + 12L * lanes, LE));
            acc0 = d0.fma(d0, acc0);
            acc1 = d1.fma(d1, acc1);
            acc2 = d2.fma(d2, acc2);
            acc3 = d3.fma(d3, acc3);
        }
        for (int bound = SPECIES.loopBound(n); i < bound; i += lanes) {
            FloatVector d = FloatVector.fromArray(SPECIES, query, i)
                    .sub(FloatVector.fromMemorySegment(SPECIES, data, offset + 4L * i, LE));
            acc0 = d.fma(d, acc0);
        }
        float sum = sumLanes(acc0.add(acc1).add(acc2.add(acc3)));
        for (; i < n; i++) {
            float d = query[i] - data.get(ScalarKernel.F32, offset + 4L * i);
            sum += d * d;
        }
        return sum;
    }

    @Override
    public float dot(float[] query, MemorySegment data, long offset) {
        int n = query.length;
        int lanes = SPECIES.length();
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        FloatVector acc2 = FloatVector.zero(SPECIES);
        FloatVector acc3 = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound4 = n - 4 * lanes; i <= bound4; i += 4 * lanes) {
            long at = offset + 4L * i;
            acc0 = FloatVector.fromArray(SPECIES, query, i)
                    .fma(FloatVector.fromMemorySegment(SPECIES, data, at, LE), acc0);
            acc1 = FloatVector.fromArray(SPECIES, query, i + lanes)
                    .fma(FloatVector.fromMemorySegment(SPECIES, data, at + 4L * lanes, LE), acc1);
            acc2 = FloatVector.fromArray(SPECIES, query, i + 2 * lanes)
                    .fma(FloatVector.fromMemorySegment(SPECIES, data, at + 8L * lanes, LE), acc2);
            acc3 = FloatVector.fromArray(SPECIES, query, i + 3 * lanes)
                    .fma(FloatVector.fromMemorySegment(SPECIES, data, at + 12L * lanes, LE), acc3);
        }
        for (int bound = SPECIES.loopBound(n); i < bound; i += lanes) {
            acc0 = FloatVector.fromArray(SPECIES, query, i)
                    .fma(FloatVector.fromMemorySegment(SPECIES, data, offset + 4L * i, LE), acc0);
        }
        float sum = sumLanes(acc0.add(acc1).add(acc2.add(acc3)));
        for (; i < n; i++) {
            sum += query[i] * data.get(ScalarKernel.F32, offset + 4L * i);
        }
        return sum;
    }

    @Override
    public void dotAndSquaredNorm(float[] query, MemorySegment data, long offset, float[] out) {
        int n = query.length;
        int bound = SPECIES.loopBound(n);
        FloatVector dots = FloatVector.zero(SPECIES);
        FloatVector norms = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector q = FloatVector.fromArray(SPECIES, query, i);
            FloatVector v = FloatVector.fromMemorySegment(SPECIES, data, offset + 4L * i, LE);
            dots = q.fma(v, dots);
            norms = v.fma(v, norms);
        }
        float dot = sumLanes(dots);
        float norm = sumLanes(norms);
        for (; i < n; i++) {
            float v = data.get(ScalarKernel.F32, offset + 4L * i);
            dot += query[i] * v;
            norm += v * v;
        }
        out[0] = dot;
        out[1] = norm;
    }

    /** The sum of the lanes, each added in turn from lane 0: the same in every mode. */
    private static float sumLanes(FloatVector v) {
        float sum = v.lane(0);
        for (int i = 1; i < SPECIES.length(); i++) {
            sum += v.lane(i);
        }
        return sum;
    }
}

package io.quiver.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.quiver.vector.kernel.ScalarKernel;
import io.quiver.vector.kernel.VectorKernel;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SIMD kernel agrees with the scalar loops, whole lanes and tails alike, at any offset; and it
 * is one function of its inputs, the same bits interpreted and compiled.
 */
class KernelTest {
    private static final long SEED = 7;

    @ParameterizedTest(name = "dimension {0}")
    @ValueSource(ints = {1, 3, 7, 8, 15, 16, 17, 31, 100, 128, 129, 768})
    void simdMatchesScalar(int dimension) {
        VectorKernel simd = VectorKernel.best();
        VectorKernel scalar = new ScalarKernel();
        assertNotSame(ScalarKernel.class, simd.getClass(), "tests run with the Vector API module");
        Random random = new Random(SEED + dimension);
        for (int trial = 0; trial < 20; trial++) {
            float[] query = randomVector(random, dimension);
            float[] stored = randomVector(random, dimension);
            // A stored vector at an odd byte offset, as in a packed Arrow buffer.
            int pad = random.nextInt(7);
            MemorySegment data = MemorySegment.ofArray(new byte[pad + dimension * 4]);
            MemorySegment.copy(SiftSmall.segment(stored), 0, data, pad, dimension * 4L);
            double tolerance = 1e-4 * dimension;
            assertEquals(scalar.squaredL2(query, data, pad), simd.squaredL2(query, data, pad), tolerance);
            assertEquals(scalar.dot(query, data, pad), simd.dot(query, data, pad), tolerance);
            float[] a = new float[2];
            float[] b = new float[2];
            scalar.dotAndSquaredNorm(query, data, pad, a);
            simd.dotAndSquaredNorm(query, data, pad, b);
            assertEquals(a[0], b[0], tolerance);
            assertEquals(a[1], b[1], tolerance);
            assertEquals(naiveSquaredL2(query, stored), scalar.squaredL2(query, data, pad), tolerance);
        }
    }

    /**
     * Bit for bit, cold and after the JIT has compiled it, the SIMD kernel computes what a model of
     * its order of operations does in scalar code: per-lane fused multiply-adds into four
     * accumulators, then one, the accumulators added lane-wise, the lanes summed from lane 0, then
     * the tail. {@code reduceLanes(ADD)} failed this once C2 compiled it: its order is not fixed.
     */
    @ParameterizedTest(name = "dimension {0}")
    @ValueSource(ints = {1, 7, 8, 17, 24, 31, 100, 128, 129, 768})
    void simdGivesTheSameBitsColdAndWarm(int dimension) {
        VectorKernel simd = VectorKernel.best();
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        Random random = new Random(SEED * 31 + dimension);
        float[] query = randomVector(random, dimension);
        float[][] stored = new float[64][];
        MemorySegment[] data = new MemorySegment[stored.length];
        for (int v = 0; v < stored.length; v++) {
            stored[v] = randomVector(random, dimension);
            data[v] = SiftSmall.segment(stored[v]);
        }
        float[] out = new float[2];
        // Enough calls for C2 to compile the kernel (a few thousand make it hot), checked all along.
        for (int call = 0; call < 40_000; call++) {
            int v = call % stored.length;
            float[] model = modelDotAndSquaredNorm(query, stored[v], lanes);
            simd.dotAndSquaredNorm(query, data[v], 0, out);
            assertEquals(Float.floatToIntBits(model[0]), Float.floatToIntBits(out[0]), "dot, call " + call);
            assertEquals(Float.floatToIntBits(model[1]), Float.floatToIntBits(out[1]), "norm, call " + call);
            assertEquals(
                    Float.floatToIntBits(modelFourAccumulators(query, stored[v], lanes, false)),
                    Float.floatToIntBits(simd.squaredL2(query, data[v], 0)),
                    "squared L2, call " + call);
            assertEquals(
                    Float.floatToIntBits(modelFourAccumulators(query, stored[v], lanes, true)),
                    Float.floatToIntBits(simd.dot(query, data[v], 0)),
                    "dot, call " + call);
        }
    }

    /** squaredL2 ({@code dot} false) or dot as SimdKernel orders them, one lane at a time. */
    private static float modelFourAccumulators(float[] q, float[] v, int lanes, boolean dot) {
        int n = q.length;
        float[][] acc = new float[4][lanes];
        int i = 0;
        for (; i <= n - 4 * lanes; i += 4 * lanes) {
            for (int a = 0; a < 4; a++) {
                for (int l = 0; l < lanes; l++) {
                    acc[a][l] = step(q[i + a * lanes + l], v[i + a * lanes + l], acc[a][l], dot);
                }
            }
        }
        for (; i < n - n % lanes; i += lanes) {
            for (int l = 0; l < lanes; l++) {
                acc[0][l] = step(q[i + l], v[i + l], acc[0][l], dot);
            }
        }
        float[] sum = new float[lanes];
        for (int l = 0; l < lanes; l++) {
            sum[l] = (acc[0][l] + acc[1][l]) + (acc[2][l] + acc[3][l]);
        }
        float total = sumLanes(sum);
        for (; i < n; i++) {
            float d = q[i] - v[i];
            total += dot ? q[i] * v[i] : d * d;
        }
        return total;
    }

    private static float step(float q, float v, float acc, boolean dot) {
        float d = q - v;
        return dot ? Math.fma(q, v, acc) : Math.fma(d, d, acc);
    }

    private static float[] modelDotAndSquaredNorm(float[] q, float[] v, int lanes) {
        int n = q.length;
        float[] dots = new float[lanes];
        float[] norms = new float[lanes];
        int i = 0;
        for (; i < n - n % lanes; i += lanes) {
            for (int l = 0; l < lanes; l++) {
                dots[l] = Math.fma(q[i + l], v[i + l], dots[l]);
                norms[l] = Math.fma(v[i + l], v[i + l], norms[l]);
            }
        }
        float dot = sumLanes(dots);
        float norm = sumLanes(norms);
        for (; i < n; i++) {
            dot += q[i] * v[i];
            norm += v[i] * v[i];
        }
        return new float[] {dot, norm};
    }

    private static float sumLanes(float[] lanes) {
        float sum = lanes[0];
        for (int l = 1; l < lanes.length; l++) {
            sum += lanes[l];
        }
        return sum;
    }

    private static double naiveSquaredL2(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) (a[i] - b[i]) * (a[i] - b[i]);
        }
        return sum;
    }

    static float[] randomVector(Random random, int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}

package io.quiver.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.quiver.vector.kernel.ScalarKernel;
import io.quiver.vector.kernel.VectorKernel;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SIMD kernel agrees with the scalar loops, whole lanes and tails alike, at any offset. */
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

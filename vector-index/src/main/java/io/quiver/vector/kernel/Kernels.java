package io.quiver.vector.kernel;

/** Picks the kernel once per JVM. */
final class Kernels {
    static final VectorKernel BEST = choose();

    private Kernels() {}

    /**
     * The Vector API is an incubating module that only loads when the JVM was started with
     * {@code --add-modules=jdk.incubator.vector}; without it the SIMD class fails to link and the
     * scalar loops, a few times slower, take its place.
     */
    private static VectorKernel choose() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return new ScalarKernel();
        }
        return new SimdKernel();
    }
}

package io.quiver.vector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** SIFT-small (datasets/siftsmall at the repository root), loaded once per test JVM. */
final class SiftSmall {
    static final Path DIR = locate();
    static final List<float[]> BASE = read("siftsmall_base.fvecs");
    static final List<float[]> QUERIES = read("siftsmall_query.fvecs");
    static final List<int[]> TRUTH = readInts();

    private SiftSmall() {}

    private static Path locate() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("datasets/siftsmall");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "datasets/siftsmall not found above " + Path.of("").toAbsolutePath());
    }

    private static List<float[]> read(String file) {
        try {
            return Fvecs.readAll(DIR.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<int[]> readInts() {
        try {
            return Fvecs.readAllInts(DIR.resolve("siftsmall_groundtruth.ivecs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A vector as little-endian float32 bytes, the layout the index writer takes. */
    static MemorySegment segment(float[] v) {
        MemorySegment s = MemorySegment.ofArray(new byte[v.length * 4]);
        for (int i = 0; i < v.length; i++) {
            s.set(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 4L * i, v[i]);
        }
        return s;
    }

    /** |found ∩ truth's first k| / k. */
    static double recall(List<Neighbor> found, int[] truth, int k) {
        int hits = 0;
        for (Neighbor n : found) {
            for (int i = 0; i < k; i++) {
                if (truth[i] == n.id()) {
                    hits++;
                    break;
                }
            }
        }
        return hits / (double) k;
    }
}

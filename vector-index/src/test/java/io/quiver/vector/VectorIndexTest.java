package io.quiver.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.format.CorruptFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Index files on small random data, checked against brute force over the same vectors. */
class VectorIndexTest {
    private static final int DIM = 24;

    @TempDir
    Path dir;

    private static List<float[]> vectors(long seed, int n) {
        Random random = new Random(seed);
        List<float[]> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(KernelTest.randomVector(random, DIM));
        }
        return all;
    }

    /** Brute force in doubles: the model every search is compared with. */
    private static List<Long> bruteForce(List<float[]> all, float[] q, int k, VectorMetric metric, BitSet accept) {
        TopK top = new TopK(k);
        for (int i = 0; i < all.size(); i++) {
            if (accept == null || accept.get(i)) {
                top.offer(i, (float) modelDistance(metric, q, all.get(i)));
            }
        }
        return top.sorted().stream().map(Neighbor::id).toList();
    }

    private static double modelDistance(VectorMetric metric, float[] a, float[] b) {
        double dot = 0;
        double l2 = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            l2 += (double) (a[i] - b[i]) * (a[i] - b[i]);
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return switch (metric) {
            case L2 -> l2;
            case DOT -> -dot;
            case COSINE -> 1 - dot / Math.sqrt(na * nb);
        };
    }

    @ParameterizedTest
    @EnumSource(VectorMetric.class)
    void exactSearchIsBruteForceAndGraphSearchFindsMostOfIt(VectorMetric metric) throws IOException {
        List<float[]> all = vectors(1, 2000);
        Path file = VectorIndexSiftTest.build(dir.resolve("i.qvi"), all, metric, new HnswParams(12, 80), 1);
        Random random = new Random(2);
        try (VectorIndex index = VectorIndex.open(file, "i.qvi", null)) {
            int hits = 0;
            for (int q = 0; q < 50; q++) {
                float[] query = KernelTest.randomVector(random, DIM);
                List<Long> truth = bruteForce(all, query, 10, metric, null);
                assertEquals(
                        truth,
                        index.exact(query, 10, null).stream().map(Neighbor::id).toList());
                for (Neighbor n :
                        index.search(query, 10, 100, null, Integer.MAX_VALUE).neighbors()) {
                    hits += truth.contains(n.id()) ? 1 : 0;
                }
            }
            assertTrue(hits >= 0.9 * 500, metric + " recall@10 " + hits / 500.0);
        }
    }

    @Test
    void filteredSearchReturnsKAcceptedRowsAndStopsAtItsVisitLimit() throws IOException {
        List<float[]> all = vectors(3, 3000);
        Path file = VectorIndexSiftTest.build(dir.resolve("f.qvi"), all, VectorMetric.L2, HnswParams.DEFAULTS, 1);
        Random random = new Random(4);
        BitSet accept = new BitSet();
        for (int i = 0; i < all.size(); i++) {
            if (random.nextInt(10) == 0) {
                accept.set(i);
            }
        }
        try (VectorIndex index = VectorIndex.open(file, "f.qvi", null)) {
            float[] query = KernelTest.randomVector(random, DIM);
            VectorIndex.Result r = index.search(query, 10, 50, accept, Integer.MAX_VALUE);
            assertTrue(r.complete());
            assertEquals(10, r.neighbors().size());
            r.neighbors().forEach(n -> assertTrue(accept.get((int) n.id()), "rejected ordinal " + n.id()));
            assertEquals(
                    bruteForce(all, query, 10, VectorMetric.L2, accept),
                    index.exact(query, 10, accept).stream().map(Neighbor::id).toList());
            assertFalse(index.search(query, 10, 50, accept, 5).complete(), "5 visits cannot finish");
        }
    }

    @Test
    void extendingKeepsTheGraphAndFindsTheNewVectors() throws IOException {
        List<float[]> all = vectors(5, 3000);
        Path first = VectorIndexSiftTest.build(
                dir.resolve("a.qvi"), all.subList(0, 2000), VectorMetric.L2, HnswParams.DEFAULTS, 1);
        Path second = dir.resolve("b.qvi");
        try (VectorIndex base = VectorIndex.open(first, "a.qvi", null);
                VectorIndexWriter w = VectorIndexWriter.extending(second, base)) {
            for (float[] v : all.subList(2000, 3000)) {
                w.add(SiftSmall.segment(v), 0);
            }
            w.addAbsent();
            assertEquals(3001, w.finish(2).count());
        }
        Random random = new Random(6);
        try (VectorIndex index = VectorIndex.open(second, "b.qvi", null)) {
            assertEquals(3001, index.count());
            int hits = 0;
            for (int q = 0; q < 50; q++) {
                float[] query = KernelTest.randomVector(random, DIM);
                List<Long> truth = bruteForce(all, query, 10, VectorMetric.L2, null);
                List<Neighbor> found =
                        index.search(query, 10, 100, null, Integer.MAX_VALUE).neighbors();
                found.forEach(n -> assertTrue(n.id() < 3000, "the absent ordinal was returned"));
                hits += (int) found.stream().filter(n -> truth.contains(n.id())).count();
            }
            assertTrue(hits >= 0.9 * 500, "recall@10 after extending " + hits / 500.0);
            // Every new vector is reachable: searching for itself finds it first.
            for (int i = 2000; i < 3000; i += 97) {
                assertEquals(
                        i,
                        index.search(all.get(i), 1, 50, null, Integer.MAX_VALUE)
                                .neighbors()
                                .get(0)
                                .id());
            }
        }
    }

    @ParameterizedTest(name = "{0} build threads")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
    void absentOrdinalsAreNeverNodesSoManyNullsDoNotTrapTheSearch(int threads) throws IOException {
        List<float[]> all = vectors(11, 3000);
        Random random = new Random(12);
        BitSet absent = new BitSet();
        Path file = dir.resolve("n.qvi");
        try (VectorIndexWriter w = VectorIndexWriter.create(file, DIM, VectorMetric.L2, HnswParams.DEFAULTS)) {
            for (int i = 0; i < all.size(); i++) {
                if (random.nextInt(5) == 0) {
                    absent.set(i);
                    w.addAbsent();
                } else {
                    w.add(SiftSmall.segment(all.get(i)), 0);
                }
            }
            w.finish(threads);
        }
        BitSet present = new BitSet();
        present.set(0, all.size());
        present.andNot(absent);
        try (VectorIndex index = VectorIndex.open(file, "n.qvi", null)) {
            int hits = 0;
            for (int q = 0; q < 50; q++) {
                float[] query = KernelTest.randomVector(random, DIM);
                List<Long> truth = bruteForce(all, query, 10, VectorMetric.L2, present);
                assertEquals(
                        truth,
                        index.exact(query, 10, null).stream().map(Neighbor::id).toList());
                List<Neighbor> found =
                        index.search(query, 10, 100, null, Integer.MAX_VALUE).neighbors();
                assertEquals(10, found.size());
                hits += (int) found.stream().filter(n -> truth.contains(n.id())).count();
            }
            assertTrue(hits >= 0.9 * 500, "recall@10 with a fifth of the rows null: " + hits / 500.0);
        }
        Path allNull = dir.resolve("z.qvi");
        try (VectorIndexWriter w = VectorIndexWriter.create(allNull, DIM, VectorMetric.L2, HnswParams.DEFAULTS)) {
            w.addAbsent();
            w.addAbsent();
            w.finish(threads);
        }
        try (VectorIndex index = VectorIndex.open(allNull, "z.qvi", null)) {
            assertEquals(
                    List.of(),
                    index.search(new float[DIM], 3, 10, null, Integer.MAX_VALUE).neighbors());
        }
    }

    /**
     * SPEC.md's promise: one thread gives the same graph for the same vectors every time (the files
     * differ only in their random ids; a concurrent build depends on how its threads interleave).
     * The graph once depended on when the JIT compiled the distance kernel, whose last bits changed
     * as it did; a search, too, reported other ranks cold and warm.
     */
    @Test
    void reopeningGivesTheSameResultsAndOneThreadBuildsTheSameGraph() throws IOException {
        List<float[]> all = vectors(7, 1500);
        Path a = VectorIndexSiftTest.build(dir.resolve("a.qvi"), all, VectorMetric.COSINE, HnswParams.DEFAULTS, 1);
        Path b = VectorIndexSiftTest.build(dir.resolve("b.qvi"), all, VectorMetric.COSINE, HnswParams.DEFAULTS, 1);
        float[] query = KernelTest.randomVector(new Random(8), DIM);
        List<Neighbor> first;
        try (VectorIndex index = VectorIndex.open(a, "a.qvi", null)) {
            first = index.search(query, 10, 40, null, Integer.MAX_VALUE).neighbors();
        }
        try (VectorIndex again = VectorIndex.open(a, "a.qvi", null);
                VectorIndex twin = VectorIndex.open(b, "b.qvi", null)) {
            assertEquals(
                    first, again.search(query, 10, 40, null, Integer.MAX_VALUE).neighbors());
            assertEquals(
                    first, twin.search(query, 10, 40, null, Integer.MAX_VALUE).neighbors());
            assertEquals(links(again.graph()), links(twin.graph()));
        }
    }

    /** Every level's nodes and their neighbour lists, in order, and the entry node. */
    private static List<List<Integer>> links(HnswGraph graph) throws IOException {
        List<List<Integer>> all = new ArrayList<>();
        all.add(List.of(graph.entryNode()));
        for (int level = 0; level < graph.numLevels(); level++) {
            HnswGraph.NodesIterator nodes = graph.getNodesOnLevel(level);
            while (nodes.hasNext()) {
                int node = nodes.nextInt();
                List<Integer> record = new ArrayList<>(List.of(level, node));
                graph.seek(level, node);
                for (int n = graph.nextNeighbor(); n != DocIdSetIterator.NO_MORE_DOCS; n = graph.nextNeighbor()) {
                    record.add(n);
                }
                all.add(record);
            }
        }
        return all;
    }

    @Test
    void everyDamagedByteIsATypedErrorAndAForeignFileIdToo() throws IOException {
        Path file = VectorIndexSiftTest.build(
                dir.resolve("c.qvi"), vectors(9, 300), VectorMetric.L2, HnswParams.DEFAULTS, 1);
        byte[] good = Files.readAllBytes(file);
        Path bad = dir.resolve("bad.qvi");
        for (int i = 0; i < good.length; i += Math.max(1, good.length / 400)) {
            byte[] copy = good.clone();
            copy[i] ^= 0x5A;
            Files.write(bad, copy);
            assertThrows(
                    CorruptFileException.class,
                    () -> VectorIndex.open(bad, "bad.qvi", null).close(),
                    "byte " + i);
        }
        Files.write(bad, java.util.Arrays.copyOf(good, good.length - 3));
        assertThrows(
                CorruptFileException.class,
                () -> VectorIndex.open(bad, "bad.qvi", null).close());
        assertThrows(
                CorruptFileException.class,
                () -> VectorIndex.open(file, "c.qvi", new byte[16]).close());
    }

    @Test
    void anEmptyIndexFindsNothingAndABadQueryIsRefused() throws IOException {
        Path file = VectorIndexSiftTest.build(
                dir.resolve("e.qvi"), List.of(new float[DIM]), VectorMetric.L2, HnswParams.DEFAULTS, 1);
        Path empty = dir.resolve("empty.qvi");
        try (VectorIndexWriter w = VectorIndexWriter.create(empty, DIM, VectorMetric.L2, HnswParams.DEFAULTS)) {
            w.finish(1);
        }
        try (VectorIndex index = VectorIndex.open(empty, "empty.qvi", null);
                VectorIndex one = VectorIndex.open(file, "e.qvi", null)) {
            assertEquals(
                    List.of(),
                    index.search(new float[DIM], 5, 10, null, Integer.MAX_VALUE).neighbors());
            assertEquals(List.of(), index.exact(new float[DIM], 5, null));
            assertEquals(
                    1,
                    one.search(new float[DIM], 5, 10, null, Integer.MAX_VALUE)
                            .neighbors()
                            .size());
            assertThrows(IllegalArgumentException.class, () -> one.exact(new float[DIM + 1], 5, null));
        }
        assertThrows(IllegalArgumentException.class, () -> new HnswParams(1, 10));
        assertThrows(IllegalArgumentException.class, () -> VectorMetric.parse("manhattan"));
    }
}

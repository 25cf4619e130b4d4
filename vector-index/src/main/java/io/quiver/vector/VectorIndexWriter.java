package io.quiver.vector;

import io.quiver.format.BufferedChannel;
import io.quiver.format.EnvelopeWriter;
import io.quiver.format.FileEnvelope;
import io.quiver.format.FileKind;
import io.quiver.format.proto.VectorIndexMetadata;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.InitializedHnswGraphBuilder;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Writes a vector index file: vectors are streamed into the file's vectors block as they come,
 * then {@link #finish} maps that block back and builds the graph over it, so the vectors are
 * never held on the heap. Extending an index ({@link #extending}) copies its vectors, adds the
 * new ones and inserts only those into a copy of its graph.
 */
public final class VectorIndexWriter implements AutoCloseable {
    /** Graphs are built with a fixed seed: the same vectors give the same single-threaded graph. */
    private static final long SEED = 42;

    private final Path path;
    private final int dimension;
    private final VectorMetric metric;
    private final HnswParams params;
    private final VectorIndex base;
    private final FileChannel channel;
    private final BufferedChannel buffered;
    private final EnvelopeWriter out;
    private final byte[] fileId = FileEnvelope.newFileId();
    private final VectorIndexMetadata.Builder meta = VectorIndexMetadata.newBuilder();
    private final ByteBuffer zeros;
    private int count;
    private boolean finished;

    private VectorIndexWriter(Path path, int dimension, VectorMetric metric, HnswParams params, VectorIndex base)
            throws IOException {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        this.path = path;
        this.dimension = dimension;
        this.metric = metric;
        this.params = params;
        this.base = base;
        this.zeros = ByteBuffer.allocate(dimension * Float.BYTES);
        this.channel = FileChannel.open(
                path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            this.buffered = new BufferedChannel(channel);
            this.out = new EnvelopeWriter(buffered, FileKind.VECTOR_INDEX, fileId);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(path);
            throw e;
        }
        meta.setVectorsOffset(out.position());
    }

    /** A writer of a new index at {@code path} (which must not exist). */
    public static VectorIndexWriter create(Path path, int dimension, VectorMetric metric, HnswParams params)
            throws IOException {
        return new VectorIndexWriter(path, dimension, metric, params, null);
    }

    /**
     * A writer of a new index that starts with every vector of {@code base}, at the same ordinals,
     * and keeps its graph: {@link #finish} only inserts the vectors added after.
     */
    public static VectorIndexWriter extending(Path path, VectorIndex base) throws IOException {
        VectorIndexWriter w = new VectorIndexWriter(path, base.dimension(), base.metric(), base.params(), base);
        try {
            w.out.write(base.vectors().segment());
            w.count = base.count();
            for (int ordinal : base.absentOrdinals()) {
                w.meta.addAbsent(ordinal);
            }
            return w;
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /** Appends the vector at {@code offset} bytes into {@code data} (little-endian float32). */
    public void add(MemorySegment data, long offset) throws IOException {
        checkRoom();
        out.write(data.asSlice(offset, (long) dimension * Float.BYTES));
        count++;
    }

    /** Appends an ordinal with no vector (a null): it is never returned by a search. */
    public void addAbsent() throws IOException {
        checkRoom();
        meta.addAbsent(count);
        out.write(zeros.clear());
        count++;
    }

    public int count() {
        return count;
    }

    private void checkRoom() {
        if (finished) {
            throw new IllegalStateException("index already finished");
        }
        if (count == Integer.MAX_VALUE - 1) {
            throw new IllegalStateException("an index holds at most " + (Integer.MAX_VALUE - 1) + " vectors");
        }
    }

    private int[] presentOrdinals() {
        int[] present = new int[count - meta.getAbsentCount()];
        int at = 0;
        int next = 0;
        for (int absent : meta.getAbsentList()) {
            while (next < absent) {
                present[at++] = next++;
            }
            next = absent + 1;
        }
        while (next < count) {
            present[at++] = next++;
        }
        return present;
    }

    /** A written index file. */
    public record Written(Path path, byte[] fileId, long sizeBytes, int count) {}

    /**
     * Builds the graph with {@code threads} threads (1 gives the same graph for the same vectors
     * every time), writes it and the metadata, and forces the file to disk.
     */
    public Written finish(int threads) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        checkRoom();
        int[] nodeOrdinals = null;
        if (meta.getAbsentCount() > 0) {
            nodeOrdinals = presentOrdinals();
            meta.setNodeOrdinalsOffset(out.position());
            ByteBuffer block =
                    ByteBuffer.allocate(nodeOrdinals.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            block.asIntBuffer().put(nodeOrdinals);
            out.write(block);
        }
        buffered.flush();
        long vectorBytes = (long) count * dimension * Float.BYTES;
        try (Arena arena = Arena.ofShared()) { // shared: the build threads read it
            MemorySegment vectors = channel.map(
                    FileChannel.MapMode.READ_ONLY, meta.getVectorsOffset(), Math.max(vectorBytes, 1), arena);
            MappedVectors mapped =
                    new MappedVectors(vectors.asSlice(0, vectorBytes), dimension, count, metric, nodeOrdinals);
            if (mapped.nodes() > 0) {
                OnHeapHnswGraph graph = build(mapped, threads);
                meta.addAllLevels(GraphWriter.write(graph, out));
                meta.setEntryNode(graph.entryNode());
            }
        }
        meta.setDimension(dimension)
                .setMetric(VectorIndex.toProto(metric))
                .setM(params.m())
                .setEfConstruction(params.efConstruction())
                .setCount(count);
        long size = out.finish(meta.build().toByteArray());
        buffered.flush();
        channel.force(true);
        finished = true;
        channel.close();
        return new Written(path, fileId, size, count);
    }

    /**
     * Builds the graph over the nodes of {@code vectors} (the ordinals that hold a vector: many
     * identical zero vectors for nulls would form a clique that traps searches). An extended
     * index's nodes keep their numbers, as its present ordinals come before the new ones.
     */
    private OnHeapHnswGraph build(MappedVectors vectors, int threads) throws IOException {
        RandomVectorScorerSupplier scorers = vectors.supplier();
        int m = params.m();
        int beam = params.efConstruction();
        int nodes = vectors.nodes();
        FixedBitSet kept = null;
        OnHeapHnswGraph graph;
        if (base == null) {
            HnswGraphBuilder single = HnswGraphBuilder.create(scorers, m, beam, SEED, nodes);
            if (threads == 1) {
                return single.build(nodes);
            }
            graph = single.getGraph(); // empty, sized for every node: the concurrent builder fills it
        } else {
            int baseNodes = base.vectors().nodes();
            int[] identity = new int[baseNodes];
            for (int i = 0; i < baseNodes; i++) {
                identity[i] = i;
            }
            kept = new FixedBitSet(nodes);
            kept.set(0, baseNodes);
            if (threads == 1) {
                return InitializedHnswGraphBuilder.fromGraph(scorers, beam, SEED, base.graph(), identity, kept, nodes)
                        .build(nodes);
            }
            graph = InitializedHnswGraphBuilder.initGraph(base.graph(), identity, nodes, beam, scorers);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "quiver-hnsw-build");
            t.setDaemon(true);
            return t;
        });
        try {
            return new HnswConcurrentMergeBuilder(new TaskExecutor(pool), threads, scorers, m, beam, graph, kept)
                    .build(nodes);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Closes the file; an unfinished index is deleted. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            finished = true;
            channel.close();
            Files.deleteIfExists(path);
        }
    }
}

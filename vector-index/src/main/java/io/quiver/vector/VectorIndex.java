package io.quiver.vector;

import com.google.protobuf.InvalidProtocolBufferException;
import io.quiver.format.Bounds;
import io.quiver.format.CorruptFileException;
import io.quiver.format.FileEnvelope;
import io.quiver.format.FileKind;
import io.quiver.format.MappedFile;
import io.quiver.format.OpenEnvelope;
import io.quiver.format.proto.GraphLevel;
import io.quiver.format.proto.VectorIndexMetadata;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;

/**
 * An open vector index file, memory-mapped. Every byte is checked against the file's CRC32C, and
 * every graph link against the node count, before anything is searched: a damaged or forged file
 * is a {@link CorruptFileException}, never a wrong answer or a crash. Searches may run from many
 * threads at once.
 */
public final class VectorIndex implements AutoCloseable {
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MappedFile mapped;
    private final VectorIndexMetadata meta;
    private final VectorMetric metric;
    private final HnswParams params;
    private final MappedVectors vectors;
    private final MappedGraph graph;
    private final BitSet absent;

    private VectorIndex(MappedFile mapped, VectorIndexMetadata meta, int[] nodeOrdinals, MappedGraph graph) {
        this.mapped = mapped;
        this.meta = meta;
        this.metric = fromProto(meta.getMetric());
        this.params = new HnswParams(meta.getM(), meta.getEfConstruction());
        int count = (int) meta.getCount();
        long bytes = (long) count * meta.getDimension() * Float.BYTES;
        this.vectors = new MappedVectors(
                mapped.segment().asSlice(meta.getVectorsOffset(), bytes),
                meta.getDimension(),
                count,
                metric,
                nodeOrdinals);
        this.graph = graph;
        this.absent = new BitSet(count);
        meta.getAbsentList().forEach(absent::set);
    }

    /** Opens the index at {@code path}; {@code name} names it in errors (e.g. "indexes/x.qvi"). */
    public static VectorIndex open(Path path, String name, byte[] expectedFileId) throws IOException {
        MappedFile mapped = MappedFile.open(path);
        try {
            OpenEnvelope envelope = FileEnvelope.open(name, mapped.segment(), FileKind.VECTOR_INDEX);
            if (expectedFileId != null && !Arrays.equals(envelope.header().fileId(), expectedFileId)) {
                throw new CorruptFileException(name, "header id differs from the one the manifest records");
            }
            envelope.verifyFileChecksum();
            VectorIndexMetadata meta;
            try {
                meta = VectorIndexMetadata.parseFrom(envelope.metadata());
            } catch (InvalidProtocolBufferException e) {
                throw new CorruptFileException(name, "unreadable index metadata: " + e.getMessage());
            }
            int[] nodeOrdinals = IndexChecks.nodeOrdinals(name, envelope, meta);
            int nodes = nodeOrdinals == null ? (int) meta.getCount() : nodeOrdinals.length;
            return new VectorIndex(mapped, meta, nodeOrdinals, IndexChecks.graph(name, envelope, meta, nodes));
        } catch (IOException | RuntimeException e) {
            mapped.close();
            throw e;
        }
    }

    public int dimension() {
        return meta.getDimension();
    }

    public VectorMetric metric() {
        return metric;
    }

    public HnswParams params() {
        return params;
    }

    /** Ordinals, absent ones included: 0..count-1. */
    public int count() {
        return vectors.count();
    }

    List<Integer> absentOrdinals() {
        return meta.getAbsentList();
    }

    MappedVectors vectors() {
        return vectors;
    }

    HnswGraph graph() {
        return graph.copy();
    }

    /**
     * What a graph search found.
     *
     * @param neighbors the nearest accepted ordinals found, nearest first, at most k
     * @param complete false when the search stopped at its visit limit: the caller should then
     *     search exactly, as the filter accepts fewer vectors than the graph walk would visit
     */
    public record Result(List<Neighbor> neighbors, boolean complete, long visited) {}

    /**
     * Searches the graph for the {@code k} nearest ordinals that {@code accept} holds (null: all),
     * keeping {@code ef} candidates (at least k), visiting at most {@code visitLimit} nodes (Lucene counts visits in ints).
     */
    public Result search(float[] query, int k, int ef, BitSet accept, int visitLimit) throws IOException {
        checkQuery(query);
        if (graph.entryNode() < 0) {
            return new Result(List.of(), true, 0); // no vectors, or only absent ones
        }
        TopKnnCollector collector = new TopKnnCollector(Math.max(k, ef), visitLimit);
        HnswGraphSearcher.search(vectors.scorer(query), collector, graph.copy(), acceptBits(accept));
        // Best first, ties to the smaller node: TopK's order, as node ordinals ascend (checked at
        // open), so the first k are TopK's k without a second heap.
        ScoreDoc[] found = collector.topDocs().scoreDocs;
        List<Neighbor> nearest = new ArrayList<>(Math.min(k, found.length));
        for (ScoreDoc d : found) {
            if (nearest.size() == k) {
                break;
            }
            if (!Float.isNaN(d.score)) { // as TopK, which never keeps a NaN
                nearest.add(new Neighbor(vectors.ordinal(d.doc), -d.score));
            }
        }
        return new Result(nearest, !collector.earlyTerminated(), collector.visitedCount());
    }

    /**
     * Whether brute force over {@code accepted} ordinals costs less than a graph search with beam
     * {@code ef} that only collects them. An unfiltered search visits about Lucene's
     * {@code expectedVisitedNodes(ef, nodes)} nodes; when a filter accepts a share s of them, a
     * walk that must collect as many accepted nodes visits about 1/s times more. Exact search
     * costs {@code accepted} distances.
     */
    public boolean exactIsCheaper(long accepted, int ef) {
        long nodes = vectors.nodes();
        double graphVisits = (double) HnswGraphSearcher.expectedVisitedNodes(ef, (int) nodes) * nodes / accepted;
        return accepted <= graphVisits;
    }

    /** The exact k nearest ordinals that {@code accept} holds (null: all), by brute force. */
    public List<Neighbor> exact(float[] query, int k, BitSet accept) {
        checkQuery(query);
        VectorMetric.QueryDistance distance = metric.forQuery(query);
        TopK top = new TopK(k);
        MemorySegment segment = vectors.segment();
        int n = count();
        // A selective filter leaves few ordinals: visit only those.
        for (int o = accept == null ? 0 : accept.nextSetBit(0);
                o >= 0 && o < n;
                o = accept == null ? o + 1 : accept.nextSetBit(o + 1)) {
            if (!absent.get(o)) {
                top.offer(o, distance.rank(segment, vectors.offset(o)));
            }
        }
        return top.sorted();
    }

    /** The graph nodes whose ordinals {@code accept} holds (absent ordinals are never nodes). */
    private Bits acceptBits(BitSet accept) {
        if (accept == null) {
            return null;
        }
        int n = vectors.nodes();
        return new Bits() {
            @Override
            public boolean get(int node) {
                return accept.get(vectors.ordinal(node));
            }

            @Override
            public int length() {
                return n;
            }
        };
    }

    private void checkQuery(float[] query) {
        if (query.length != dimension()) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, the index " + dimension());
        }
    }

    static io.quiver.format.proto.VectorMetric toProto(VectorMetric metric) {
        return switch (metric) {
            case L2 -> io.quiver.format.proto.VectorMetric.METRIC_L2;
            case COSINE -> io.quiver.format.proto.VectorMetric.METRIC_COSINE;
            case DOT -> io.quiver.format.proto.VectorMetric.METRIC_DOT;
        };
    }

    static VectorMetric fromProto(io.quiver.format.proto.VectorMetric metric) {
        return switch (metric) {
            case METRIC_L2 -> VectorMetric.L2;
            case METRIC_COSINE -> VectorMetric.COSINE;
            case METRIC_DOT -> VectorMetric.DOT;
            default -> throw new IllegalStateException("unchecked metric " + metric);
        };
    }

    @Override
    public void close() {
        mapped.close();
    }

    /** The checks {@link #open} makes before trusting the metadata and the graph. */
    static final class IndexChecks {
        private IndexChecks() {}

        /** The ordinal of each graph node, or null when every ordinal holds a vector (node = ordinal). */
        static int[] nodeOrdinals(String name, OpenEnvelope envelope, VectorIndexMetadata meta)
                throws CorruptFileException {
            long count = meta.getCount();
            if (count >= Integer.MAX_VALUE) {
                throw new CorruptFileException(name, "vector count " + count + " out of range");
            }
            BitSet absent = new BitSet();
            int previous = -1;
            for (int a : meta.getAbsentList()) {
                if (a <= previous || a >= count) {
                    throw new CorruptFileException(name, "absent ordinal " + a + " out of order or range");
                }
                absent.set(a);
                previous = a;
            }
            if (absent.isEmpty()) {
                return null;
            }
            int nodes = (int) count - absent.cardinality();
            Bounds.checkRange(name, "node ordinals", meta.getNodeOrdinalsOffset(), 4L * nodes, envelope.bodyEnd());
            int[] ordinals = envelope.file()
                    .asSlice(meta.getNodeOrdinalsOffset(), 4L * nodes)
                    .toArray(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN));
            for (int i = 0; i < nodes; i++) {
                if (ordinals[i] < 0
                        || ordinals[i] >= count
                        || absent.get(ordinals[i])
                        || (i > 0 && ordinals[i] <= ordinals[i - 1])) {
                    throw new CorruptFileException(name, "node ordinals out of order or range, or absent");
                }
            }
            return ordinals;
        }

        static MappedGraph graph(String name, OpenEnvelope envelope, VectorIndexMetadata meta, int nodes)
                throws CorruptFileException {
            MemorySegment file = envelope.file();
            long limit = envelope.bodyEnd();
            if (meta.getDimension() < 1 || meta.getDimension() > 1 << 16) {
                throw new CorruptFileException(name, "dimension " + meta.getDimension() + " out of range");
            }
            switch (meta.getMetric()) {
                case METRIC_L2, METRIC_COSINE, METRIC_DOT -> {}
                default -> throw new CorruptFileException(name, "unknown metric " + meta.getMetricValue());
            }
            if (meta.getM() < 2
                    || meta.getM() > HnswParams.MAX_M
                    || meta.getEfConstruction() < 1
                    || meta.getEfConstruction() > HnswParams.MAX_EF_CONSTRUCTION) {
                throw new CorruptFileException(name, "graph parameters out of range");
            }
            Bounds.checkRange(
                    name, "vectors block", meta.getVectorsOffset(), meta.getCount() * meta.getDimension() * 4, limit);
            List<GraphLevel> levels = meta.getLevelsList();
            if (nodes == 0) {
                if (!levels.isEmpty()) {
                    throw new CorruptFileException(name, "an index without vectors has a graph");
                }
                return new MappedGraph(file, List.of(GraphLevel.newBuilder().build()), new int[1][], 0, -1);
            }
            if (levels.isEmpty() || levels.get(0).getNodes() != nodes) {
                throw new CorruptFileException(name, "level 0 must hold every one of the " + nodes + " nodes");
            }
            int[][] nodeIds = new int[levels.size()][];
            for (int l = 0; l < levels.size(); l++) {
                GraphLevel level = levels.get(l);
                if (l > 0) {
                    nodeIds[l] = nodeList(name, file, limit, level, l, nodes);
                }
                checkNeighbors(name, file, limit, level, l, nodes);
            }
            int entry = meta.getEntryNode();
            int top = levels.size() - 1;
            boolean onTop = top == 0 ? entry < nodes : Arrays.binarySearch(nodeIds[top], entry) >= 0;
            if (entry < 0 || !onTop) {
                throw new CorruptFileException(name, "entry node " + entry + " is not on the top level");
            }
            return new MappedGraph(file, levels, nodeIds, meta.getM(), entry);
        }

        private static int[] nodeList(String name, MemorySegment file, long limit, GraphLevel level, int l, int count)
                throws CorruptFileException {
            long nodes = level.getNodes();
            if (nodes < 1 || nodes > count) {
                throw new CorruptFileException(name, "level " + l + " has " + nodes + " nodes");
            }
            Bounds.checkRange(name, "level " + l + " node list", level.getNodeIdsOffset(), nodes * 4, limit);
            int[] ids = file.asSlice(level.getNodeIdsOffset(), nodes * 4)
                    .toArray(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN));
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] < 0 || ids[i] >= count || (i > 0 && ids[i] <= ids[i - 1])) {
                    throw new CorruptFileException(name, "level " + l + " node list out of order or range");
                }
            }
            return ids;
        }

        private static void checkNeighbors(
                String name, MemorySegment file, long limit, GraphLevel level, int l, int count)
                throws CorruptFileException {
            int maxConn = level.getMaxConn();
            if (maxConn < 1 || maxConn > 2 * HnswParams.MAX_M + 1) {
                throw new CorruptFileException(name, "level " + l + " has max_conn " + maxConn);
            }
            long record = (1L + maxConn) * 4;
            long offset = level.getNeighborsOffset();
            Bounds.checkRange(name, "level " + l + " neighbours", offset, level.getNodes() * record, limit);
            for (long r = 0; r < level.getNodes(); r++) {
                long at = offset + r * record;
                int n = file.get(U32, at);
                if (n < 0 || n > maxConn) {
                    throw new CorruptFileException(name, "level " + l + " record " + r + " has " + n + " neighbours");
                }
                for (int i = 0; i < n; i++) {
                    int neighbor = file.get(U32, at + 4 + 4L * i);
                    if (neighbor < 0 || neighbor >= count) {
                        throw new CorruptFileException(name, "level " + l + " links to node " + neighbor);
                    }
                }
            }
        }
    }
}

package io.quiver.vector;

import io.quiver.format.EnvelopeWriter;
import io.quiver.format.proto.GraphLevel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

/**
 * Writes a built graph as the graph block of an index file (SPEC.md section 15): per level, the
 * ascending ids of its nodes (above level 0), then one fixed-size record per node, so that a
 * reader finds a node's neighbours with one binary search and no decoding.
 */
final class GraphWriter {
    private static final int CHUNK_RECORDS = 4096;

    private GraphWriter() {}

    /** The levels written, level 0 (every node) first. */
    static List<GraphLevel> write(OnHeapHnswGraph graph, EnvelopeWriter out) throws IOException {
        List<GraphLevel> levels = new ArrayList<>();
        for (int level = 0; level < graph.numLevels(); level++) {
            int[] nodes = nodesOn(graph, level);
            int maxConn = 1;
            for (int node : nodes) {
                maxConn = Math.max(maxConn, graph.getNeighbors(level, node).size());
            }
            GraphLevel.Builder meta =
                    GraphLevel.newBuilder().setNodes(nodes.length).setMaxConn(maxConn);
            if (level > 0) {
                meta.setNodeIdsOffset(out.position());
                ByteBuffer ids =
                        ByteBuffer.allocate(nodes.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                ids.asIntBuffer().put(nodes);
                out.write(ids);
            }
            meta.setNeighborsOffset(out.position());
            writeRecords(graph, level, nodes, maxConn, out);
            levels.add(meta.build());
        }
        return levels;
    }

    private static int[] nodesOn(OnHeapHnswGraph graph, int level) {
        HnswGraph.NodesIterator it = graph.getNodesOnLevel(level);
        int[] nodes = new int[it.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = it.nextInt();
        }
        Arrays.sort(nodes);
        return nodes;
    }

    private static void writeRecords(OnHeapHnswGraph graph, int level, int[] nodes, int maxConn, EnvelopeWriter out)
            throws IOException {
        int recordBytes = (1 + maxConn) * Integer.BYTES;
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_RECORDS * recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int node : nodes) {
            NeighborArray neighbors = graph.getNeighbors(level, node);
            int n = neighbors.size();
            int[] ids = neighbors.nodes();
            chunk.putInt(n);
            for (int i = 0; i < maxConn; i++) {
                chunk.putInt(i < n ? ids[i] : 0);
            }
            if (!chunk.hasRemaining()) {
                out.write(chunk.flip());
                chunk.clear();
            }
        }
        out.write(chunk.flip());
    }
}

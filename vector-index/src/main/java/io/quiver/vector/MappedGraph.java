package io.quiver.vector;

import io.quiver.format.proto.GraphLevel;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.hnsw.HnswGraph;

/**
 * An HNSW graph read in place from an index file's graph block, in the layout {@link GraphWriter}
 * writes: Lucene's searcher walks it through {@link HnswGraph}'s cursor methods. A cursor holds
 * state, so every search takes its own {@link #copy()}.
 */
final class MappedGraph extends HnswGraph {
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment file;
    private final List<GraphLevel> levels;
    private final int[][] nodeIds; // per level above 0, its nodes ascending; level 0 has every node
    private final int size;
    private final int maxConn;
    private final int entryNode;

    private long cursor; // the file offset of the next neighbour
    private int remaining;
    private int count;

    MappedGraph(MemorySegment file, List<GraphLevel> levels, int[][] nodeIds, int maxConn, int entryNode) {
        this.file = file;
        this.levels = levels;
        this.nodeIds = nodeIds;
        this.size = (int) levels.get(0).getNodes();
        this.maxConn = maxConn;
        this.entryNode = entryNode;
    }

    MappedGraph copy() {
        return new MappedGraph(file, levels, nodeIds, maxConn, entryNode);
    }

    @Override
    public void seek(int level, int target) {
        int record = level == 0 ? target : Arrays.binarySearch(nodeIds[level], target);
        if (record < 0) {
            throw new IllegalStateException("node " + target + " is not on level " + level);
        }
        GraphLevel l = levels.get(level);
        long at = l.getNeighborsOffset() + (long) record * (1 + l.getMaxConn()) * Integer.BYTES;
        count = file.get(U32, at);
        remaining = count;
        cursor = at + Integer.BYTES;
    }

    @Override
    public int nextNeighbor() {
        if (remaining == 0) {
            return DocIdSetIterator.NO_MORE_DOCS;
        }
        remaining--;
        int neighbor = file.get(U32, cursor);
        cursor += Integer.BYTES;
        return neighbor;
    }

    @Override
    public int neighborCount() {
        return count;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int numLevels() {
        return levels.size();
    }

    @Override
    public int maxConn() {
        return maxConn;
    }

    @Override
    public int entryNode() {
        return entryNode;
    }

    @Override
    public NodesIterator getNodesOnLevel(int level) {
        return level == 0
                ? new DenseNodesIterator(size)
                : new ArrayNodesIterator(nodeIds[level], nodeIds[level].length);
    }
}

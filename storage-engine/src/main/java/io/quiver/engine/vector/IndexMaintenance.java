package io.quiver.engine.vector;

import io.quiver.engine.commit.Snapshot;
import io.quiver.engine.scan.TableFiles;
import io.quiver.engine.schema.Column;
import io.quiver.format.proto.Fragment;
import io.quiver.format.proto.VectorIndexRef;
import io.quiver.vector.HnswParams;
import io.quiver.vector.VectorIndex;
import io.quiver.vector.VectorMetric;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** Keeps an index current: lists what it covers, extends it with new rows, or rebuilds it. */
public final class IndexMaintenance {
    /**
     * Past this share of ordinals that no longer hold a live row (deleted, or their fragment
     * rewritten), the index is rebuilt instead of extended: dead nodes still cost graph hops.
     */
    static final double REBUILD_DEAD_SHARE = 0.2;

    private IndexMaintenance() {}

    public static IndexInfo info(VectorIndexRef ref, Snapshot snapshot) {
        IndexCoverage coverage = new IndexCoverage(ref, snapshot);
        return new IndexInfo(
                ref.getName(),
                ref.getColumn(),
                VectorMetric.parse(ref.getMetric()),
                new HnswParams(ref.getM(), ref.getEfConstruction()),
                ref.getBuiltVersion(),
                coverage.indexedRows(),
                coverage.unindexedRows());
    }

    /** Whether compaction rewrote rows the index holds (they are then searched exactly). */
    public static boolean lostRows(VectorIndexRef ref, Snapshot snapshot) {
        return new IndexCoverage(ref, snapshot).staleOrdinals() > 0;
    }

    /**
     * The index brought up to {@code snapshot}: the rows appended since inserted into a copy of
     * its graph, or, when too many of its ordinals are dead, a fresh index of every row. Null when
     * every live row is indexed already and no ordinal is dead.
     */
    public static VectorIndexRef optimized(
            BufferAllocator allocator, TableFiles files, Snapshot snapshot, VectorIndexRef ref, int buildThreads)
            throws IOException {
        IndexCoverage coverage = new IndexCoverage(ref, snapshot);
        Column column = IndexBuilder.vectorColumn(snapshot.schema(), ref.getColumn());
        VectorIndexOptions options = new VectorIndexOptions(
                ref.getName(),
                VectorMetric.parse(ref.getMetric()),
                new HnswParams(ref.getM(), ref.getEfConstruction()),
                buildThreads);
        VectorIndex index = files.vectorIndex(ref);
        long dead = index.count() - coverage.indexedRows();
        if (coverage.uncovered().isEmpty() && dead == 0) {
            return null;
        }
        if (dead > REBUILD_DEAD_SHARE * Math.max(1, index.count())) {
            return IndexBuilder.buildAll(allocator, files, snapshot, column, ref.getName(), options);
        }
        if (coverage.uncovered().isEmpty()) {
            return null; // a few deleted rows: not worth a new file
        }
        List<Fragment> added = new ArrayList<>(coverage.uncovered());
        return IndexBuilder.build(
                allocator, files, snapshot, column, ref.getName(), options, index, ref.getCoveredList(), added);
    }
}

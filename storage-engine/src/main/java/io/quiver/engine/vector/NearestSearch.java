package io.quiver.engine.vector;

import io.quiver.engine.commit.Snapshot;
import io.quiver.engine.datafile.ArrowMemory;
import io.quiver.engine.datafile.BatchMemory;
import io.quiver.engine.expr.BoundFilter;
import io.quiver.engine.scan.RowTaker;
import io.quiver.engine.scan.ScanSpec;
import io.quiver.engine.scan.TableFiles;
import io.quiver.engine.scan.TableScanner;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.format.proto.Fragment;
import io.quiver.format.proto.VectorIndexRef;
import io.quiver.vector.Neighbor;
import io.quiver.vector.TopK;
import io.quiver.vector.VectorIndex;
import io.quiver.vector.VectorMetric;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.BitSet;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;

/**
 * Runs a nearest-neighbour query on one table version (SPEC.md section 15.4): the rows an index
 * covers through its graph, with deleted rows and rows the filter rejects masked out before the
 * top k is chosen; every other row (appended or rewritten since the build) exactly; then the
 * nearest k of both, fetched by address.
 */
public final class NearestSearch {
    private NearestSearch() {}

    /**
     * Writes the rows, nearest first, into {@code out}, whose vectors are empty: the projection's
     * columns, then a {@value NearestQuery#DISTANCE} column.
     */
    public static void run(
            BufferAllocator allocator,
            TableFiles files,
            NearestCache cache,
            Snapshot snapshot,
            NearestQuery query,
            BoundFilter filter,
            TableSchema projection,
            VectorSchemaRoot out)
            throws IOException {
        Column column = IndexBuilder.vectorColumn(snapshot.schema(), query.column());
        if (column.type().dimension() != query.vector().length) {
            throw new IllegalArgumentException("query has " + query.vector().length + " dimensions, column "
                    + column.name() + " is " + column.type());
        }
        VectorIndexRef ref = chooseIndex(snapshot, column, query.metric());
        VectorMetric metric = query.metric() != null
                ? query.metric()
                : ref != null ? files.vectorIndex(ref).metric() : VectorMetric.L2;
        TopK top = new TopK(query.k());
        List<Fragment> exactly = snapshot.fragments();
        if (ref != null) {
            String path = ref.getPath();
            IndexCoverage coverage = cache.coverage(path, snapshot.version(), () -> new IndexCoverage(ref, snapshot));
            BitSet accept = filter == null && coverage.everyOrdinalLive()
                    ? null
                    : cache.accepted(
                            path,
                            snapshot.version(),
                            filter == null ? null : filter.source(),
                            () -> filter == null
                                    ? coverage.liveOrdinals(files)
                                    : matching(allocator, files, coverage, filter));
            searchIndex(files.vectorIndex(ref), coverage, accept, query, top);
            exactly = coverage.uncovered();
        }
        searchExactly(allocator, files, exactly, column, metric.forQuery(query.vector()), filter, top);
        TopK.Ranked nearest = top.ranked();
        float[] distances = new float[nearest.ids().length];
        for (int i = 0; i < distances.length; i++) {
            distances[i] = metric.reported(nearest.ranks()[i]);
        }
        RowTaker.Rows rows = RowTaker.gather(files.version(snapshot), nearest.ids(), projection);
        try (BatchMemory memory =
                BatchMemory.allocate(allocator, rows.bytes() + BatchMemory.floatBytes(distances.length))) {
            rows.decodeInto(memory, out);
            memory.loadFloats(
                    distances, (Float4Vector) out.getVector(projection.columns().size()));
        }
        out.setRowCount(distances.length);
    }

    /** The first index on the column that ranks by the metric asked for (any metric when none is). */
    private static VectorIndexRef chooseIndex(Snapshot snapshot, Column column, VectorMetric metric) {
        for (VectorIndexRef ref : snapshot.manifest().getVectorIndexesList()) {
            if (ref.getFieldId() == column.fieldId()
                    && (metric == null || metric.sqlName().equals(ref.getMetric()))) {
                return ref;
            }
        }
        return null;
    }

    /**
     * Searches the covered rows. When the filter and deletions leave no more rows than k, or so
     * few that a graph walk collecting them would visit more nodes than there are (estimated from
     * the filter's selectivity, as Lucene does), or when a graph search reaches that many visits,
     * brute force over the accepted rows' vectors (read from the index file) is cheaper and exact.
     */
    private static void searchIndex(
            VectorIndex index, IndexCoverage coverage, BitSet accept, NearestQuery query, TopK top) throws IOException {
        long accepted = accept == null ? coverage.indexedRows() : accept.cardinality();
        if (accepted == 0) {
            return;
        }
        List<Neighbor> found;
        if (accepted <= query.k() || index.exactIsCheaper(accepted, query.effectiveEf())) {
            found = index.exact(query.vector(), query.k(), accept);
        } else {
            int limit = accept == null ? Integer.MAX_VALUE : (int) accepted;
            VectorIndex.Result r = index.search(query.vector(), query.k(), query.effectiveEf(), accept, limit);
            found = r.complete() ? r.neighbors() : index.exact(query.vector(), query.k(), accept);
        }
        for (Neighbor n : found) {
            top.offer(coverage.rowAddress(n.id()), n.rank());
        }
    }

    /** The ordinals of the covered live rows that pass the filter. */
    private static BitSet matching(
            BufferAllocator allocator, TableFiles files, IndexCoverage coverage, BoundFilter filter)
            throws IOException {
        BitSet accept = new BitSet();
        ScanSpec spec =
                new ScanSpec(new TableSchema(List.of()), filter, -1, ScanSpec.MAX_DEFAULT_BATCH_ROWS, true, false);
        try (TableScanner scan = new TableScanner(allocator, files, coverage.live(), spec)) {
            while (scan.loadNextBatch()) {
                BigIntVector addresses =
                        (BigIntVector) scan.getVectorSchemaRoot().getVector(ScanSpec.ROW_ADDRESS);
                for (int i = 0; i < addresses.getValueCount(); i++) {
                    accept.set(coverage.ordinal(addresses.get(i)));
                }
            }
        }
        return accept;
    }

    /** Brute force over the live rows of some fragments that pass the filter, reading the column in place. */
    private static void searchExactly(
            BufferAllocator allocator,
            TableFiles files,
            List<Fragment> fragments,
            Column column,
            VectorMetric.QueryDistance distance,
            BoundFilter filter,
            TopK top)
            throws IOException {
        if (fragments.isEmpty()) {
            return;
        }
        ScanSpec spec = new ScanSpec(
                new TableSchema(List.of(column)), filter, -1, ScanSpec.defaultBatchSize(List.of(column)), true, false);
        long rowBytes = 4L * column.type().dimension();
        try (TableScanner scan = new TableScanner(allocator, files, fragments, spec)) {
            while (scan.loadNextBatch()) {
                VectorSchemaRoot root = scan.getVectorSchemaRoot();
                FixedSizeListVector vectors = (FixedSizeListVector) root.getVector(0);
                BigIntVector addresses = (BigIntVector) root.getVector(ScanSpec.ROW_ADDRESS);
                ArrowBuf data = vectors.getDataVector().getDataBuffer();
                MemorySegment segment = ArrowMemory.segment(data);
                for (int i = 0; i < root.getRowCount(); i++) {
                    if (!vectors.isNull(i)) {
                        top.offer(addresses.get(i), distance.rank(segment, i * rowBytes));
                    }
                }
            }
        }
    }
}

package io.quiver.engine.scan;

import io.quiver.engine.datafile.BatchMemory;
import io.quiver.engine.datafile.ColumnDecoder;
import io.quiver.engine.datafile.ColumnReader;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Random access by row address: visits the requested rows in address order (so each page is
 * read and checked once), then writes the output in the order asked for, every column's buffers
 * from one allocation. Ascending rows of one fragment are copied as runs instead.
 */
public final class RowTaker {
    private RowTaker() {}

    public static VectorSchemaRoot take(
            BufferAllocator allocator, VersionFiles version, long[] addresses, TableSchema projection)
            throws IOException {
        VectorSchemaRoot root = VectorSchemaRoot.create(projection.toArrow(), allocator);
        try {
            if (!takeRuns(version, addresses, projection, root)) {
                Rows rows = gather(version, addresses, projection);
                try (BatchMemory memory = BatchMemory.allocate(allocator, rows.bytes())) {
                    rows.decodeInto(memory, root);
                }
            }
            root.setRowCount(addresses.length);
            return root;
        } catch (IOException | RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /**
     * Takes ascending addresses of one fragment (a data loader's batch in table order) as runs
     * of consecutive rows, page slice by page slice, as a scan decodes them (one allocation per
     * column, as a scan's): no per-row lookups. Returns false, having written nothing, for any other
     * addresses.
     */
    private static boolean takeRuns(
            VersionFiles version, long[] addresses, TableSchema projection, VectorSchemaRoot out) throws IOException {
        int n = addresses.length;
        if (n == 0) {
            return false;
        }
        long fragmentId = addresses[0] >>> 32;
        int runs = 1;
        for (int i = 1; i < n; i++) {
            if (addresses[i] <= addresses[i - 1] || addresses[i] >>> 32 != fragmentId) {
                return false;
            }
            if (addresses[i] != addresses[i - 1] + 1) {
                runs++;
            }
        }
        FragmentData f = version.fragment(fragmentId);
        if (f == null) {
            return false; // the row-by-row path says which address is wrong
        }
        long[] starts = new long[runs];
        int[] lengths = new int[runs];
        int r = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || addresses[i] != addresses[i - 1] + 1) {
                starts[++r] = addresses[i] & 0xFFFF_FFFFL;
            }
            lengths[r]++;
        }
        for (int i = 0; i < runs; i++) {
            long end = starts[i] + lengths[i];
            if (end > f.physicalRows() || (f.deleted() != null && f.deleted().rangeCardinality(starts[i], end) > 0)) {
                return false;
            }
        }
        List<Column> columns = projection.columns();
        for (int c = 0; c < columns.size(); c++) {
            ColumnReader reader = f.column(columns.get(c));
            if (reader == null) {
                ColumnDecoder.decodeNulls(columns.get(c).type(), out.getVector(c), n);
            } else {
                ColumnDecoder.decodeRuns(reader, starts, lengths, out.getVector(c));
            }
        }
        return true;
    }

    /**
     * The values of the rows at {@code addresses}, in that order, located in their pages (read
     * and checked here) but not copied yet.
     */
    public static Rows gather(VersionFiles version, long[] addresses, TableSchema projection) throws IOException {
        int n = addresses.length;
        long[] sorted = addresses.clone();
        Arrays.sort(sorted);
        FragmentData[] data = new FragmentData[n]; // of sorted[j]
        FragmentData open = null;
        for (int j = 0; j < n; j++) {
            long fragmentId = sorted[j] >>> 32;
            long offset = sorted[j] & 0xFFFF_FFFFL;
            if (open == null || open.id() != fragmentId) {
                open = version.fragment(fragmentId);
                if (open == null) {
                    throw new IllegalArgumentException(
                            "row address " + sorted[j] + ": no fragment " + fragmentId + " in this version");
                }
            }
            if (offset >= open.physicalRows() || open.isDeleted(offset)) {
                throw new IllegalArgumentException(
                        "row address " + sorted[j] + ": fragment " + fragmentId + " has no live row " + offset);
            }
            data[j] = open;
        }
        // Where each requested row sits in address order; a repeated address may find any of its
        // copies there, as they all read the same row.
        int[] slot = new int[n];
        for (int i = 0; i < n; i++) {
            slot[i] = Arrays.binarySearch(sorted, addresses[i]);
        }
        List<Column> columns = projection.columns();
        List<List<ColumnDecoder.RowRef>> values = new ArrayList<>(columns.size());
        long bytes = 0;
        ColumnDecoder.RowRef[] inAddressOrder = new ColumnDecoder.RowRef[n];
        for (int c = 0; c < columns.size(); c++) {
            ColumnDecoder.PageCursor cursor = null; // of the fragment's column; null if it lacks it
            FragmentData cursorOf = null;
            for (int j = 0; j < n; j++) {
                if (cursorOf != data[j]) {
                    ColumnReader reader = data[j].column(columns.get(c));
                    cursor = reader == null ? null : new ColumnDecoder.PageCursor(reader);
                    cursorOf = data[j];
                }
                inAddressOrder[j] = cursor == null
                        ? ColumnDecoder.RowRef.ABSENT
                        : ColumnDecoder.row(cursor, sorted[j] & 0xFFFF_FFFFL);
            }
            ColumnDecoder.RowRef[] refs = new ColumnDecoder.RowRef[n];
            for (int i = 0; i < n; i++) {
                refs[i] = inAddressOrder[slot[i]];
            }
            values.add(Arrays.asList(refs));
            bytes += ColumnDecoder.rowsBytes(columns.get(c).type(), values.get(c));
        }
        return new Rows(columns, values, bytes);
    }

    /** Gathered rows: the values of each column in order. */
    public static final class Rows {
        private final List<Column> columns;
        private final List<List<ColumnDecoder.RowRef>> values;
        private final long bytes;

        private Rows(List<Column> columns, List<List<ColumnDecoder.RowRef>> values, long bytes) {
            this.columns = columns;
            this.values = values;
            this.bytes = bytes;
        }

        /** What {@link #decodeInto} takes of a {@link BatchMemory}. */
        public long bytes() {
            return bytes;
        }

        /**
         * Writes the rows into the first vectors of {@code out} (empty), one per projected
         * column; its other vectors and its row count are the caller's.
         */
        public void decodeInto(BatchMemory memory, VectorSchemaRoot out) {
            for (int c = 0; c < columns.size(); c++) {
                ColumnDecoder.decodeRows(columns.get(c).type(), values.get(c), out.getVector(c), memory);
            }
        }
    }
}

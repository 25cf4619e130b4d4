package io.quiver.engine.scan;

import io.quiver.engine.datafile.ColumnDecoder;
import io.quiver.engine.datafile.ColumnReader;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Random access by row address: visits the requested rows in address order (so each page is
 * read and checked once), then writes the output in the order asked for.
 */
public final class RowTaker {
    private RowTaker() {}

    public static VectorSchemaRoot take(
            BufferAllocator allocator, VersionFiles version, long[] addresses, TableSchema projection)
            throws IOException {
        VectorSchemaRoot root = VectorSchemaRoot.create(projection.toArrow(), allocator);
        try {
            fill(version, addresses, projection, root);
            root.setRowCount(addresses.length);
            return root;
        } catch (IOException | RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /**
     * Writes the rows into the first vectors of {@code out}, one per projected column (its other
     * vectors and its row count are the caller's).
     */
    public static void fill(VersionFiles version, long[] addresses, TableSchema projection, VectorSchemaRoot out)
            throws IOException {
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
            ColumnDecoder.decodeRows(columns.get(c).type(), Arrays.asList(refs), out.getVector(c));
        }
    }
}

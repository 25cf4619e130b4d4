package io.quiver.engine.scan;

import io.quiver.engine.datafile.ColumnDecoder;
import io.quiver.engine.datafile.ColumnReader;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.format.proto.Fragment;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Random access by row address: visits the requested rows in address order (so each page is
 * read and checked once), then writes the output in the order asked for.
 */
public final class RowTaker {
    private RowTaker() {}

    public static VectorSchemaRoot take(
            BufferAllocator allocator,
            TableFiles files,
            List<Fragment> fragments,
            long[] addresses,
            TableSchema projection)
            throws IOException {
        Map<Long, Fragment> byId = new HashMap<>();
        for (Fragment f : fragments) {
            byId.put(f.getId(), f);
        }
        int n = addresses.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingLong(i -> addresses[i]));
        FragmentData[] data = new FragmentData[n];
        FragmentData open = null;
        for (int i : order) {
            long fragmentId = addresses[i] >>> 32;
            long offset = addresses[i] & 0xFFFF_FFFFL;
            if (open == null || open.id() != fragmentId) {
                Fragment f = byId.get(fragmentId);
                if (f == null) {
                    throw new IllegalArgumentException(
                            "row address " + addresses[i] + ": no fragment " + fragmentId + " in this version");
                }
                open = files.open(f);
            }
            if (offset >= open.physicalRows() || open.isDeleted(offset)) {
                throw new IllegalArgumentException(
                        "row address " + addresses[i] + ": fragment " + fragmentId + " has no live row " + offset);
            }
            data[i] = open;
        }
        VectorSchemaRoot root = VectorSchemaRoot.create(projection.toArrow(), allocator);
        try {
            List<Column> columns = projection.columns();
            for (int c = 0; c < columns.size(); c++) {
                ColumnDecoder.RowRef[] refs = new ColumnDecoder.RowRef[n];
                ColumnDecoder.PageCursor cursor = null;
                FragmentData cursorOf = null;
                for (int i : order) {
                    ColumnReader reader = data[i].column(columns.get(c));
                    if (reader == null) {
                        refs[i] = ColumnDecoder.RowRef.ABSENT;
                        continue;
                    }
                    if (cursorOf != data[i]) {
                        cursor = new ColumnDecoder.PageCursor(reader);
                        cursorOf = data[i];
                    }
                    refs[i] = ColumnDecoder.row(cursor, addresses[i] & 0xFFFF_FFFFL);
                }
                ColumnDecoder.decodeRows(columns.get(c).type(), Arrays.asList(refs), root.getVector(c));
            }
            root.setRowCount(n);
            return root;
        } catch (IOException | RuntimeException e) {
            root.close();
            throw e;
        }
    }
}

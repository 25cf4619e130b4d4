package io.quiver.engine.scan;

import io.quiver.engine.datafile.ColumnReader;
import io.quiver.engine.datafile.ColumnStats;
import io.quiver.engine.schema.Column;
import io.quiver.format.CorruptFileException;
import io.quiver.format.proto.Fragment;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/** An open fragment: its columns by field id (absent columns read as null) and its deleted rows. */
public record FragmentData(Fragment fragment, Map<Integer, ColumnReader> columns, RoaringBitmap deleted) {
    public long id() {
        return fragment.getId();
    }

    public long physicalRows() {
        return fragment.getPhysicalRows();
    }

    public boolean isDeleted(long offset) {
        return deleted != null && deleted.contains((int) offset);
    }

    /**
     * The column, or null when the fragment predates it (every value null). The file's own type
     * must be the schema's storage type (a text column's maximum length is the schema's alone): a
     * data file is never reinterpreted as another type.
     */
    public ColumnReader column(Column column) throws CorruptFileException {
        ColumnReader reader = columns.get(column.fieldId());
        if (reader != null && !reader.type().storageType().equals(column.type().storageType())) {
            throw new CorruptFileException(
                    reader.fileName(),
                    "holds column " + column.name() + " (field " + column.fieldId() + ") as " + reader.type()
                            + " but the schema says " + column.type());
        }
        return reader;
    }

    /** Whole-fragment statistics of a column. */
    public ColumnStats fileStats(int fieldId) {
        ColumnReader c = columns.get(fieldId);
        return c == null ? new ColumnStats(physicalRows(), physicalRows(), null, null) : c.fileStats();
    }

    /** Statistics of rows [start, end): the merged statistics of the pages covering them. */
    public ColumnStats rangeStats(int fieldId, long start, long end) {
        ColumnReader c = columns.get(fieldId);
        if (c == null) {
            return new ColumnStats(end - start, end - start, null, null);
        }
        int first = (int) (start / c.rowsPerPage());
        int last = (int) ((end - 1) / c.rowsPerPage());
        ColumnStats merged = c.pageStats(first);
        for (int p = first + 1; p <= last; p++) {
            merged = merged.merge(c.pageStats(p), c.type().statsDomain());
        }
        return merged;
    }
}

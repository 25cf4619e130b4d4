package io.quiver.engine.scan;

import io.quiver.engine.datafile.ColumnDecoder;
import io.quiver.engine.datafile.ColumnReader;
import io.quiver.engine.datafile.ColumnSlice;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.ColumnType;
import io.quiver.format.proto.Fragment;
import io.quiver.format.proto.TypeId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Streams a table version as Arrow batches. Per fragment and per batch-sized row range it skips
 * what statistics rule out, evaluates the filter on its columns' pages in place, and decodes the
 * output columns only for ranges where some row passes.
 */
public final class TableScanner extends ArrowReader {
    private final TableFiles files;
    private final List<Fragment> fragments;
    private final ScanSpec spec;
    private final Set<Column> decoded = new LinkedHashSet<>();
    private final BufferAllocator allocator;

    private int nextFragment;
    private FragmentData current;
    private long nextRow;
    private long emitted;
    private long bytesRead;

    public TableScanner(BufferAllocator allocator, TableFiles files, List<Fragment> fragments, ScanSpec spec) {
        super(allocator);
        this.allocator = allocator;
        this.files = files;
        this.fragments = List.copyOf(fragments);
        this.spec = spec;
        if (spec.filter() != null) {
            decoded.addAll(spec.filter().columns());
        }
        decoded.addAll(spec.output().columns());
    }

    @Override
    protected Schema readSchema() {
        List<Field> fields = new ArrayList<>();
        for (Column c : spec.output().columns()) {
            fields.add(
                    c.type().isBlob() && spec.blobBytes() != null
                            ? ColumnType.of(TypeId.BINARY).toArrow(c.name(), c.nullable())
                            : c.type().toArrow(c.name(), c.nullable()));
        }
        if (spec.rowAddress()) {
            fields.add(new Field(ScanSpec.ROW_ADDRESS, FieldType.notNullable(new ArrowType.Int(64, true)), null));
        }
        return new Schema(fields);
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        ensureInitialized();
        while (spec.limit() < 0 || emitted < spec.limit()) {
            if (!advanceFragment()) {
                return false;
            }
            long start = nextRow;
            long end = Math.min(start + spec.batchSize(), current.physicalRows());
            nextRow = end;
            if (emitBatch(start, (int) (end - start))) {
                return true;
            }
        }
        return false;
    }

    /** Moves to the next fragment that may hold matching rows, if the current one is done. */
    private boolean advanceFragment() throws IOException {
        while (current == null || nextRow >= current.physicalRows()) {
            if (nextFragment >= fragments.size()) {
                return false;
            }
            FragmentData f = files.open(fragments.get(nextFragment++));
            for (Column c : decoded) {
                f.column(c); // checks the file's types against the schema before statistics are trusted
            }
            if (spec.filter() == null || spec.filter().mayMatch(f::fileStats)) {
                current = f;
                nextRow = 0;
            }
        }
        return true;
    }

    private boolean emitBatch(long start, int n) throws IOException {
        FragmentData f = current;
        if (spec.filter() != null && !spec.filter().mayMatch(id -> f.rangeStats(id, start, start + n))) {
            return false;
        }
        boolean[] selected = null;
        if (!spec.includeDeleted() && f.deleted() != null && f.deleted().rangeCardinality(start, start + n) > 0) {
            selected = new boolean[n];
            java.util.Arrays.fill(selected, true);
            // Visit the deleted rows of the range only, not every row.
            org.roaringbitmap.PeekableIntIterator deleted = f.deleted().getIntIterator();
            deleted.advanceIfNeeded((int) start);
            while (deleted.hasNext() && deleted.peekNext() < start + n) {
                selected[(int) (deleted.next() - start)] = false;
            }
        }
        if (spec.filter() != null) {
            Map<Integer, List<ColumnSlice>> values = new HashMap<>();
            for (Column c : spec.filter().columns()) {
                ColumnReader reader = f.column(c);
                values.put(
                        c.fieldId(),
                        reader == null ? List.of(ColumnSlice.nulls(n)) : ColumnDecoder.slices(reader, start, n));
            }
            boolean[] pass = spec.filter().evaluate(values::get, n);
            if (selected == null) {
                selected = pass;
            } else {
                for (int i = 0; i < n; i++) {
                    selected[i] &= pass[i];
                }
            }
        }
        int[] rows = selectedRows(selected, n);
        if (rows.length == 0) {
            return false;
        }
        fill(f, start, n, rows);
        return true;
    }

    /** The selected row indexes within the batch, cut to the scan's limit. */
    private int[] selectedRows(boolean[] selected, int n) {
        long room = spec.limit() < 0 ? Long.MAX_VALUE : spec.limit() - emitted;
        int count = 0;
        int[] rows = new int[n];
        for (int i = 0; i < n && count < room; i++) {
            if (selected == null || selected[i]) {
                rows[count++] = i;
            }
        }
        return java.util.Arrays.copyOf(rows, count);
    }

    private static void decodeInto(FragmentData f, Column c, long start, int n, FieldVector out) throws IOException {
        ColumnReader reader = f.column(c);
        if (reader == null) {
            ColumnDecoder.decodeNulls(c.type(), out, n);
        } else {
            ColumnDecoder.decodeRange(reader, start, n, out);
        }
    }

    /** Runs of consecutive rows: run {@code i} is rows [starts[i], starts[i] + lengths[i]) of a fragment. */
    private record Runs(long[] starts, int[] lengths) {
        /** The runs of the selected rows (ascending offsets from {@code start}). */
        static Runs of(long start, int[] rows) {
            long[] starts = new long[rows.length];
            int[] lengths = new int[rows.length];
            int runs = 0;
            for (int i = 0; i < rows.length; i++) {
                if (runs > 0 && starts[runs - 1] + lengths[runs - 1] == start + rows[i]) {
                    lengths[runs - 1]++;
                } else {
                    starts[runs] = start + rows[i];
                    lengths[runs++] = 1;
                }
            }
            return new Runs(java.util.Arrays.copyOf(starts, runs), java.util.Arrays.copyOf(lengths, runs));
        }
    }

    /** Decodes the selected rows, given as runs, of one column. */
    private static void gather(FragmentData f, Column c, Runs runs, int count, FieldVector out) throws IOException {
        ColumnReader reader = f.column(c);
        if (reader == null) {
            ColumnDecoder.decodeNulls(c.type(), out, count);
        } else {
            ColumnDecoder.decodeRuns(reader, runs.starts(), runs.lengths(), out);
        }
    }

    /**
     * Fills the output: a whole batch is decoded straight into the output vectors; a partial one
     * is gathered from its pages as runs of selected rows, so a selective filter never decodes
     * rows it drops (the filter itself read its columns in place).
     */
    private void fill(FragmentData f, long start, int n, int[] rows) throws IOException {
        VectorSchemaRoot root = getVectorSchemaRoot();
        List<Column> out = spec.output().columns();
        Runs runs = rows.length < n ? Runs.of(start, rows) : null; // the same for every column
        for (int i = 0; i < out.size(); i++) {
            Column c = out.get(i);
            FieldVector dst = root.getVector(i);
            if (runs != null) {
                gather(f, c, runs, rows.length, dst);
            } else {
                decodeInto(f, c, start, n, dst);
            }
            if (c.type().isBlob() && spec.blobBytes() != null) {
                BlobBytes.materialize(spec.blobBytes(), (VarBinaryVector) dst, "column " + c.name());
            }
            bytesRead += dst.getBufferSize();
        }
        if (spec.rowAddress()) {
            BigIntVector addr = (BigIntVector) root.getVector(out.size());
            addr.allocateNew(rows.length);
            for (int r = 0; r < rows.length; r++) {
                addr.set(r, (f.id() << 32) | (start + rows[r]));
            }
            addr.setValueCount(rows.length);
        }
        root.setRowCount(rows.length);
        emitted += rows.length;
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    protected void closeReadSource() {
        // Nothing of its own: filters read pages in place, and the output vectors are the root's.
    }
}

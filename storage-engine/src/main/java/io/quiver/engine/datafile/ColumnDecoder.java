package io.quiver.engine.datafile;

import io.quiver.engine.schema.ColumnType;
import io.quiver.format.CorruptFileException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;

/** Decodes pages into Arrow vectors: whole row ranges for scans, single rows for takes. */
public final class ColumnDecoder {
    private ColumnDecoder() {}

    /** Fills {@code out} (empty, of the column's Arrow type) with rows [start, start + count). */
    public static void decodeRange(ColumnReader column, long start, int count, FieldVector out)
            throws CorruptFileException {
        decodeRuns(column, new long[] {start}, new int[] {count}, out);
    }

    /**
     * Fills {@code out} with the rows of consecutive runs, in order: run {@code i} is rows
     * {@code [starts[i], starts[i] + lengths[i])}. Each run is copied page slice by page slice, so a
     * scan that skips a few deleted rows copies almost as fast as one that skips none.
     */
    public static void decodeRuns(ColumnReader column, long[] starts, int[] lengths, FieldVector out)
            throws CorruptFileException {
        List<Slice> slices = new ArrayList<>();
        long varBytes = 0;
        int count = 0;
        PageCursor cursor = new PageCursor(column); // a page read (and checked) once for all its runs
        for (int r = 0; r < starts.length; r++) {
            long row = starts[r];
            long end = row + lengths[r];
            count += lengths[r];
            while (row < end) {
                int pageIndex = (int) (row / column.rowsPerPage());
                Page page = cursor.pageOf(row);
                int from = (int) (row - (long) pageIndex * column.rowsPerPage());
                int n = (int) Math.min(page.rows - from, end - row);
                slices.add(new Slice(page, from, n));
                if (page.type.isVariableWidth()) {
                    varBytes += page.varStart(from + n) - page.varStart(from);
                }
                row += n;
            }
        }
        try (BatchMemory memory =
                BatchMemory.allocate(out.getAllocator(), Buffers.bytes(column.type(), count, varBytes))) {
            Buffers buffers = new Buffers(memory, column.type(), count, varBytes);
            int at = 0;
            long dataAt = 0;
            for (Slice s : slices) {
                dataAt = copy(s.page, s.from, s.count, buffers, at, dataAt);
                at += s.count;
            }
            buffers.loadInto(out, count);
        }
    }

    private record Slice(Page page, int from, int count) {}

    /** Rows [start, start + count) read in place, one slice per page they span (for filters). */
    public static List<ColumnSlice> slices(ColumnReader column, long start, int count) throws CorruptFileException {
        List<ColumnSlice> slices = new ArrayList<>();
        PageCursor cursor = new PageCursor(column);
        long row = start;
        long end = start + count;
        while (row < end) {
            Page page = cursor.pageOf(row);
            int from = cursor.rowInPage(row);
            int n = (int) Math.min(page.rows - from, end - row);
            slices.add(new ColumnSlice(page, from, n));
            row += n;
        }
        return slices;
    }

    /** Fills {@code out} with {@code count} nulls (a column the fragment was written without). */
    public static void decodeNulls(ColumnType type, FieldVector out, int count) {
        try (BatchMemory memory = BatchMemory.allocate(out.getAllocator(), Buffers.bytes(type, count, 0))) {
            Buffers buffers = new Buffers(memory, type, count, 0);
            for (int i = 0; i < count; i++) {
                writeNull(type, buffers, i, 0);
            }
            buffers.loadInto(out, count);
        }
    }

    /** Decoded pages of one column, kept while a take visits rows in page order. */
    public static final class PageCursor {
        private final ColumnReader column;
        private int pageIndex = -1;
        private Page page;

        public PageCursor(ColumnReader column) {
            this.column = column;
        }

        Page pageOf(long row) throws CorruptFileException {
            int index = (int) (row / column.rowsPerPage());
            if (index != pageIndex) {
                page = column.page(index);
                pageIndex = index;
            }
            return page;
        }

        int rowInPage(long row) {
            return (int) (row - (long) pageIndex * column.rowsPerPage());
        }
    }

    /**
     * Reads single values: {@code value(i)} returns a one-row page slice so that takes can gather
     * rows in any order and then write the output vector in order.
     */
    public static RowRef row(PageCursor cursor, long row) throws CorruptFileException {
        Page page = cursor.pageOf(row);
        return new RowRef(page, cursor.rowInPage(row));
    }

    /** One value of a page; a null page stands for a null value of a column the fragment lacks. */
    public record RowRef(Page page, int row) {
        public static final RowRef ABSENT = new RowRef(null, 0);

        long varBytes() {
            return page != null && page.type.isVariableWidth() ? page.varStart(row + 1) - page.varStart(row) : 0;
        }
    }

    /** What {@link #decodeRows} takes of a {@link BatchMemory} for these values. */
    public static long rowsBytes(ColumnType type, List<RowRef> rows) {
        return Buffers.bytes(type, rows.size(), varBytes(rows));
    }

    private static long varBytes(List<RowRef> rows) {
        long bytes = 0;
        for (RowRef r : rows) {
            bytes += r.varBytes();
        }
        return bytes;
    }

    /** Fills {@code out} with the given values in order, in buffers sliced from {@code memory}. */
    public static void decodeRows(ColumnType type, List<RowRef> rows, FieldVector out, BatchMemory memory) {
        Buffers buffers = new Buffers(memory, type, rows.size(), varBytes(rows));
        long dataAt = 0;
        int n = rows.size();
        for (int i = 0; i < n; ) {
            RowRef r = rows.get(i);
            if (r.page == null) {
                writeNull(type, buffers, i, dataAt);
                i++;
                continue;
            }
            // Consecutive rows of one page (a scan's rows around a few deleted ones) copy as one run.
            int run = 1;
            while (i + run < n && rows.get(i + run).page == r.page && rows.get(i + run).row == r.row + run) {
                run++;
            }
            dataAt = copy(r.page, r.row, run, buffers, i, dataAt);
            i += run;
        }
        buffers.loadInto(out, n);
    }

    /**
     * Fresh buffers for {@code count} values, unzeroed but for the validity bitmap, which starts
     * all ones: every other byte a reader may look at is written by the decoder, so zeroing it
     * first would only cost time. Starting the validity at all ones lets page slices without nulls
     * (nearly all of them) skip it: a scan around deleted rows copies hundreds of slices per batch,
     * and setting their unaligned first and last bits one by one cost more than copying their values.
     * Each batch gets new buffers, so a consumer that kept an earlier batch's buffers alive still
     * sees that batch's values.
     */
    private static final class Buffers {
        final ArrowBuf validity;
        final ArrowBuf data;
        final ArrowBuf offsets;
        final ArrowBuf childValidity;
        /** Views of the buffers, made once: a batch may copy hundreds of slices into them. */
        final MemorySegment validitySegment;

        final MemorySegment dataSegment;
        final MemorySegment offsetsSegment;

        /** Slices them from {@code memory}, which must have {@link #bytes} left. */
        Buffers(BatchMemory memory, ColumnType type, int count, long varBytes) {
            int width = type.fixedWidth();
            validity = memory.slice(Bits.bytesFor(count));
            offsets = width == 0 ? memory.slice(4L * (count + 1)) : null;
            childValidity = type.dimension() > 0 ? memory.slice(Bits.bytesFor((long) count * type.dimension())) : null;
            data = memory.slice(dataBytes(type, count, varBytes));
            validitySegment = ArrowMemory.segment(validity);
            validitySegment.fill((byte) 0xFF);
            if (childValidity != null) {
                Bits.fillOnes(ArrowMemory.segment(childValidity), 0, (long) count * type.dimension());
            }
            dataSegment = ArrowMemory.segment(data);
            offsetsSegment = offsets == null ? null : ArrowMemory.segment(offsets);
            if (offsets != null) {
                offsets.setInt(0, 0);
            }
        }

        /** What the buffers of {@code count} values take of a {@link BatchMemory}. */
        static long bytes(ColumnType type, int count, long varBytes) {
            int width = type.fixedWidth();
            return BatchMemory.aligned(Bits.bytesFor(count))
                    + (width == 0 ? BatchMemory.aligned(4L * (count + 1)) : 0)
                    + (type.dimension() > 0 ? BatchMemory.aligned(Bits.bytesFor((long) count * type.dimension())) : 0)
                    + BatchMemory.aligned(dataBytes(type, count, varBytes));
        }

        private static long dataBytes(ColumnType type, int count, long varBytes) {
            int width = type.fixedWidth();
            return width < 0 ? Bits.bytesFor(count) : width > 0 ? (long) count * width : varBytes;
        }

        /** Hands the buffers to {@code out}, which takes its own references. */
        void loadInto(FieldVector out, int count) {
            ArrowFieldNode node = new ArrowFieldNode(count, 0);
            if (out instanceof FixedSizeListVector list) {
                list.loadFieldBuffers(node, List.of(validity));
                long values = (long) count * list.getListSize();
                list.getDataVector().loadFieldBuffers(new ArrowFieldNode(values, 0), List.of(childValidity, data));
            } else if (offsets != null) {
                out.loadFieldBuffers(node, List.of(validity, offsets, data));
            } else {
                out.loadFieldBuffers(node, List.of(validity, data));
            }
        }
    }

    /**
     * Copies {@code n} rows of a page to rows [at, at + n) of the buffers; returns the new data end.
     * Validity is copied only from pages with nulls: the buffers start all valid.
     */
    private static long copy(Page page, int from, int n, Buffers out, int at, long dataAt) {
        if (page.nullCount > 0) {
            Bits.copy(page.raw, from, out.validitySegment, at, n);
        }
        int width = page.type.fixedWidth();
        if (width < 0) {
            Bits.copy(page.raw.asSlice(page.valuesOffset), from, out.dataSegment, at, n);
            return dataAt;
        }
        if (width > 0) {
            MemorySegment.copy(
                    page.raw,
                    page.valuesOffset + (long) from * width,
                    out.dataSegment,
                    (long) at * width,
                    (long) n * width);
            return dataAt;
        }
        MemorySegment offsets = out.offsetsSegment;
        int base = page.varStart(from);
        for (int i = 0; i <= n; i++) {
            offsets.set(Page.I32, 4L * (at + i), (int) (dataAt + page.varStart(from + i) - base));
        }
        long bytes = page.varStart(from + n) - base;
        MemorySegment.copy(page.raw, page.dataOffset + base, out.dataSegment, dataAt, bytes);
        return dataAt + bytes;
    }

    /** Writes a null at row {@code at}: validity off, zero value bytes, an empty value. */
    private static void writeNull(ColumnType type, Buffers out, int at, long dataAt) {
        Bits.set(out.validitySegment, at, false);
        int width = type.fixedWidth();
        if (width < 0) {
            Bits.set(out.dataSegment, at, false);
        } else if (width > 0) {
            out.dataSegment.asSlice((long) at * width, width).fill((byte) 0);
        } else {
            out.offsetsSegment.set(Page.I32, 4L * (at + 1), (int) dataAt);
        }
    }
}

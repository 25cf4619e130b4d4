package io.quiver.engine.datafile;

import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.ColumnType;
import io.quiver.engine.schema.StatsDomain;
import io.quiver.format.Crc32c;
import io.quiver.format.proto.ColumnChunk;
import io.quiver.format.proto.PageCompression;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;

/**
 * Cuts one column of a data file into pages of {@code rowsPerPage} rows, assembles each page's
 * raw bytes (SPEC.md, "Pages"), compresses it when that pays, and hands it to the file.
 */
final class ColumnChunkWriter implements AutoCloseable {
    /** Where finished pages go: returns the file offset the page was written at. */
    interface PageSink {
        long writePage(byte[] bytes, int length) throws IOException;
    }

    private final Column column;
    private final ColumnType type;
    private final DataFileOptions options;
    private final PageCompressor compressor;
    private final ColumnChunk.Builder chunk = ColumnChunk.newBuilder();
    private int rowsPerPage;

    private final GrowableBytes validity = new GrowableBytes(1024);
    private final GrowableBytes values = new GrowableBytes(1024);
    private final GrowableBytes page = new GrowableBytes(1024);
    private int[] offsets;
    private int rowsInPage;
    private ColumnStats fileStats;

    ColumnChunkWriter(Column column, DataFileOptions options) {
        this.column = column;
        this.type = column.type().storageType();
        this.options = options;
        this.compressor = new PageCompressor(options);
        chunk.setFieldId(column.fieldId()).setType(type.toProto());
    }

    /** Appends rows [from, from + count) of {@code vector}. */
    void append(FieldVector vector, int from, int count, PageSink sink) throws IOException {
        if (rowsPerPage == 0) {
            rowsPerPage = chooseRowsPerPage(vector, from, count);
            chunk.setRowsPerPage(rowsPerPage);
            offsets = type.isVariableWidth() ? new int[rowsPerPage + 1] : null;
        }
        checkVectorElements(vector, from, count);
        boolean noNulls = vector.getNullCount() == 0;
        while (count > 0) {
            if (rowsInPage == 0) {
                startPage();
            }
            int n = Math.min(count, rowsPerPage - rowsInPage);
            appendValidity(vector, noNulls, from, n);
            appendValues(vector, from, n);
            rowsInPage += n;
            from += n;
            count -= n;
            if (rowsInPage == rowsPerPage) {
                flushPage(sink);
            }
        }
    }

    private int chooseRowsPerPage(FieldVector vector, int from, int count) {
        int target = options.targetPageBytes();
        long rows;
        if (type.fixedWidth() < 0) {
            rows = (long) target * 8;
        } else if (type.fixedWidth() > 0) {
            rows = target / type.fixedWidth();
        } else {
            BaseVariableWidthVector v = (BaseVariableWidthVector) vector;
            long bytes = count == 0 ? 0 : v.getEndOffset(from + count - 1) - v.getStartOffset(from);
            rows = target / (4 + Math.max(1, bytes / Math.max(1, count)));
        }
        rows = Math.max(1, Math.min(rows, 1 << 20));
        // Multiples of 8 keep bitmaps byte-aligned at page boundaries, so scans copy them whole.
        return (int) (rows >= 8 ? rows & ~7L : rows);
    }

    /** Vector elements must not be null: a vector is either null as a whole or all floats. */
    private void checkVectorElements(FieldVector vector, int from, int count) {
        if (vector instanceof FixedSizeListVector list && list.getDataVector().getNullCount() > 0) {
            int dim = type.dimension();
            for (int i = from; i < from + count; i++) {
                for (int j = 0; j < dim && !list.isNull(i); j++) {
                    if (list.getDataVector().isNull(i * dim + j)) {
                        throw new IllegalArgumentException(
                                "column " + column.name() + ": vector at row " + i + " has a null element " + j);
                    }
                }
            }
        }
    }

    private void startPage() {
        validity.clear();
        validity.reserveZeroed(Bits.bytesFor(rowsPerPage));
        values.clear();
        if (type.fixedWidth() < 0) {
            values.reserveZeroed(Bits.bytesFor(rowsPerPage));
        }
    }

    private void appendValidity(FieldVector vector, boolean noNulls, int from, int n) {
        MemorySegment dst = MemorySegment.ofArray(validity.array());
        if (noNulls) {
            Bits.fillOnes(dst, rowsInPage, n);
        } else {
            Bits.copy(ArrowMemory.segment(vector.getValidityBuffer()), from, dst, rowsInPage, n);
        }
    }

    private void appendValues(FieldVector vector, int from, int n) {
        int width = type.fixedWidth();
        if (width < 0) {
            Bits.copy(
                    ArrowMemory.segment(vector.getDataBuffer()),
                    from,
                    MemorySegment.ofArray(values.array()),
                    rowsInPage,
                    n);
        } else if (width > 0) {
            FieldVector data = vector instanceof FixedSizeListVector list ? list.getDataVector() : vector;
            values.append(ArrowMemory.segment(data.getDataBuffer()), (long) from * width, (long) n * width);
        } else {
            BaseVariableWidthVector v = (BaseVariableWidthVector) vector;
            int srcStart = v.getStartOffset(from);
            int base = values.length();
            for (int i = 0; i < n; i++) {
                offsets[rowsInPage + i + 1] = base + v.getEndOffset(from + i) - srcStart;
            }
            int srcEnd = v.getEndOffset(from + n - 1);
            values.append(ArrowMemory.segment(v.getDataBuffer()), srcStart, srcEnd - srcStart);
        }
    }

    private void flushPage(PageSink sink) throws IOException {
        int rows = rowsInPage;
        int nulls = (int) Bits.countZeros(MemorySegment.ofArray(validity.array()), rows);
        page.clear();
        if (nulls > 0) {
            page.append(MemorySegment.ofArray(validity.array()), 0, Bits.bytesFor(rows));
        }
        if (type.isVariableWidth()) {
            for (int i = 0; i <= rows; i++) {
                page.appendIntLE(offsets[i]);
            }
            page.append(MemorySegment.ofArray(values.array()), 0, values.length());
        } else {
            long valueBytes = type.fixedWidth() < 0 ? Bits.bytesFor(rows) : (long) rows * type.fixedWidth();
            page.append(MemorySegment.ofArray(values.array()), 0, valueBytes);
        }
        ColumnStats stats = pageStats(rows, nulls);
        int compressed = compressor.compress(page.array(), page.length());
        long offset;
        if (compressed >= 0) {
            offset = sink.writePage(compressor.output(), compressed);
            chunk.addPageStoredLength(compressed).addPageCompression(PageCompression.ZSTD);
            chunk.addPageCrc32C(Crc32c.of(compressor.output(), compressed));
        } else {
            offset = sink.writePage(page.array(), page.length());
            chunk.addPageStoredLength(page.length()).addPageCompression(PageCompression.PLAIN);
            chunk.addPageCrc32C(Crc32c.of(page.array(), page.length()));
        }
        chunk.addPageOffset(offset).addPageRawLength(page.length()).addPageNullCount(nulls);
        if (type.statsDomain() != StatsDomain.NONE) {
            chunk.addPageStats(stats.toProto(type));
        }
        fileStats = fileStats == null ? stats : fileStats.merge(stats, type.statsDomain());
        rowsInPage = 0;
    }

    private ColumnStats pageStats(int rows, int nulls) {
        if (type.statsDomain() == StatsDomain.NONE) {
            return new ColumnStats(rows, nulls, null, null);
        }
        try {
            return ColumnStats.of(Page.parse("(page being written)", type, rows, nulls, page.segment()));
        } catch (io.quiver.format.CorruptFileException e) {
            throw new IllegalStateException("writer assembled an invalid page", e);
        }
    }

    /** Flushes the last page and returns the column's metadata. */
    ColumnChunk finish(PageSink sink) throws IOException {
        if (rowsInPage > 0) {
            flushPage(sink);
        }
        if (rowsPerPage == 0) {
            chunk.setRowsPerPage(1);
        }
        if (fileStats != null) {
            chunk.setStats(fileStats.toProto(type));
        }
        return chunk.build();
    }

    @Override
    public void close() {
        compressor.close();
    }
}

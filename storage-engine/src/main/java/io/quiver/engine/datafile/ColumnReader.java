package io.quiver.engine.datafile;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.quiver.engine.schema.ColumnType;
import io.quiver.format.CorruptFileException;
import io.quiver.format.Crc32c;
import io.quiver.format.OpenEnvelope;
import io.quiver.format.proto.ColumnChunk;
import io.quiver.format.proto.PageCompression;
import java.lang.foreign.MemorySegment;

/**
 * One column of an open data file: its page table, checked at open, and page reads that check
 * each page's CRC32C before a byte of it is used.
 */
public final class ColumnReader {
    /** Decompression never inflates a page beyond this many times its stored size. */
    private static final long MAX_EXPANSION = 1L << 16;

    private static final ThreadLocal<ZstdDecompressCtx> ZSTD = ThreadLocal.withInitial(ZstdDecompressCtx::new);

    private final OpenEnvelope file;
    private final PageCache cache;
    private final ColumnChunk chunk;
    private final ColumnType type;
    private final long rowCount;
    private final int rowsPerPage;
    private final int pageCount;
    private final String label;

    ColumnReader(OpenEnvelope file, PageCache cache, ColumnChunk chunk, ColumnType type, long rowCount)
            throws CorruptFileException {
        this.file = file;
        this.cache = cache;
        this.chunk = chunk;
        this.type = type;
        this.rowCount = rowCount;
        this.rowsPerPage = chunk.getRowsPerPage();
        this.label = "field " + chunk.getFieldId();
        String name = file.fileName();
        if (rowsPerPage < 1) {
            throw new CorruptFileException(name, label + ": rows per page " + rowsPerPage + " must be at least 1");
        }
        long pages = (rowCount + rowsPerPage - 1) / rowsPerPage;
        int n = chunk.getPageOffsetCount();
        if (pages != n
                || chunk.getPageStoredLengthCount() != n
                || chunk.getPageRawLengthCount() != n
                || chunk.getPageCrc32CCount() != n
                || chunk.getPageNullCountCount() != n
                || chunk.getPageCompressionCount() != n
                || (chunk.getPageStatsCount() != 0 && chunk.getPageStatsCount() != n)) {
            throw new CorruptFileException(
                    name, label + ": page table does not describe " + pages + " pages of " + rowsPerPage + " rows");
        }
        this.pageCount = n;
        for (int p = 0; p < n; p++) {
            long stored = Integer.toUnsignedLong(chunk.getPageStoredLength(p));
            long raw = Integer.toUnsignedLong(chunk.getPageRawLength(p));
            file.checkBodyRange(label + " page " + p, chunk.getPageOffset(p), stored);
            PageCompression c = chunk.getPageCompression(p);
            boolean plainOk = c == PageCompression.PLAIN && raw == stored;
            boolean zstdOk =
                    c == PageCompression.ZSTD && raw <= Math.min(stored * MAX_EXPANSION, GrowableBytes.MAX_LENGTH);
            if (!plainOk && !zstdOk) {
                throw new CorruptFileException(
                        name,
                        label + " page " + p + ": compression " + c + " with stored " + stored + " and raw " + raw
                                + " bytes");
            }
            long nulls = Integer.toUnsignedLong(chunk.getPageNullCount(p));
            if (nulls > rowsIn(p)) {
                throw new CorruptFileException(name, label + " page " + p + ": null count exceeds its rows");
            }
            if (chunk.getPageStatsCount() != 0 && chunk.getPageStats(p).getNullCount() != nulls) {
                throw new CorruptFileException(
                        name, label + " page " + p + ": statistics and page table disagree on the null count");
            }
            // Fixed-width pages have an exact size: check it before decompressing allocates it.
            long exact = Page.fixedRawLength(type, rowsIn(p), nulls);
            if (exact >= 0 && raw != exact) {
                throw new CorruptFileException(
                        name, label + " page " + p + ": " + raw + " raw bytes, the layout needs " + exact);
            }
        }
    }

    /** The file this column is read from, as errors name it. */
    public String fileName() {
        return file.fileName();
    }

    public ColumnType type() {
        return type;
    }

    public int fieldId() {
        return chunk.getFieldId();
    }

    public int rowsPerPage() {
        return rowsPerPage;
    }

    public int pageCount() {
        return pageCount;
    }

    public int rowsIn(int page) {
        return (int) Math.min(rowsPerPage, rowCount - (long) page * rowsPerPage);
    }

    /** Statistics of one page, or of unknown bounds when the type keeps none. */
    public ColumnStats pageStats(int page) {
        if (chunk.getPageStatsCount() == 0) {
            return new ColumnStats(rowsIn(page), chunk.getPageNullCount(page), null, null);
        }
        return ColumnStats.fromProto(chunk.getPageStats(page), type, rowsIn(page));
    }

    /** Statistics of the whole column in this file. */
    public ColumnStats fileStats() {
        return chunk.hasStats()
                ? ColumnStats.fromProto(chunk.getStats(), type, rowCount)
                : ColumnStats.unknown(rowCount);
    }

    /** Reads one page: checks its CRC32C, decompresses it, checks its layout. */
    public Page page(int index) throws CorruptFileException {
        if (chunk.getPageCompression(index) == PageCompression.PLAIN) {
            return readPage(index);
        }
        Page cached = cache.get(file, chunk.getFieldId(), index);
        if (cached == null) {
            cached = readPage(index);
            cache.put(file, chunk.getFieldId(), index, cached);
        }
        return cached;
    }

    /** Reads and checks every page from the file, bypassing the cache. */
    void verifyPages() throws CorruptFileException {
        for (int p = 0; p < pageCount; p++) {
            readPage(p);
        }
    }

    private Page readPage(int index) throws CorruptFileException {
        String name = file.fileName();
        long offset = chunk.getPageOffset(index);
        int stored = chunk.getPageStoredLength(index);
        MemorySegment bytes = file.file().asSlice(offset, Integer.toUnsignedLong(stored));
        int crc = Crc32c.of(bytes, 0, bytes.byteSize());
        if (crc != chunk.getPageCrc32C(index)) {
            throw new CorruptFileException(
                    name,
                    String.format(
                            "%s page %d: checksum mismatch (stored %08x, computed %08x)",
                            label, index, chunk.getPageCrc32C(index), crc));
        }
        MemorySegment raw = bytes;
        if (chunk.getPageCompression(index) == PageCompression.ZSTD) {
            int rawLength = chunk.getPageRawLength(index);
            byte[] out = new byte[rawLength];
            int n;
            try {
                n = ZSTD.get()
                        .decompressDirectByteBufferToByteArray(out, 0, rawLength, bytes.asByteBuffer(), 0, stored);
            } catch (ZstdException e) {
                throw new CorruptFileException(name, label + " page " + index + ": zstd could not decompress it", e);
            }
            if (n != rawLength) {
                throw new CorruptFileException(
                        name, label + " page " + index + ": decompressed to " + n + " bytes, expected " + rawLength);
            }
            raw = MemorySegment.ofArray(out);
        }
        return Page.parse(name, type, rowsIn(index), chunk.getPageNullCount(index), raw);
    }
}

package io.quiver.engine.datafile;

import io.quiver.engine.schema.ColumnType;
import io.quiver.format.CorruptFileException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;

/** Decodes pages into Arrow vectors: whole row ranges for scans, single rows for takes. */
public final class ColumnDecoder {
  private ColumnDecoder() {}

  /** Fills {@code out} (empty, of the column's Arrow type) with rows [start, start + count). */
  public static void decodeRange(ColumnReader column, long start, int count, FieldVector out) throws CorruptFileException {
    List<Slice> slices = new ArrayList<>();
    long varBytes = 0;
    long row = start;
    long end = start + count;
    while (row < end) {
      int pageIndex = (int) (row / column.rowsPerPage());
      Page page = column.page(pageIndex);
      int from = (int) (row - (long) pageIndex * column.rowsPerPage());
      int n = (int) Math.min(page.rows - from, end - row);
      slices.add(new Slice(page, from, n));
      if (page.type.isVariableWidth()) {
        varBytes += page.varStart(from + n) - page.varStart(from);
      }
      row += n;
    }
    allocate(out, column.type(), count, varBytes);
    int at = 0;
    long dataAt = 0;
    for (Slice s : slices) {
      dataAt = copy(s.page, s.from, s.count, out, at, dataAt);
      at += s.count;
    }
    finish(out, count);
  }

  private record Slice(Page page, int from, int count) {}

  /** Fills {@code out} with {@code count} nulls (a column the fragment was written without). */
  public static void decodeNulls(FieldVector out, int count) {
    out.clear();
    out.setInitialCapacity(count);
    out.allocateNew();
    out.setValueCount(count);
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

  /** Fills {@code out} with the given values in order. */
  public static void decodeRows(ColumnType type, List<RowRef> rows, FieldVector out) {
    long varBytes = 0;
    for (RowRef r : rows) {
      varBytes += r.varBytes();
    }
    allocate(out, type, rows.size(), varBytes);
    long dataAt = 0;
    for (int i = 0; i < rows.size(); i++) {
      RowRef r = rows.get(i);
      if (r.page == null) {
        writeNull(out, i, dataAt);
      } else {
        dataAt = copy(r.page, r.row, 1, out, i, dataAt);
      }
    }
    finish(out, rows.size());
  }

  private static void allocate(FieldVector out, ColumnType type, int count, long varBytes) {
    out.clear();
    switch (out) {
      case BaseVariableWidthVector v -> v.allocateNew(Math.max(1, varBytes), count);
      case FixedSizeListVector v -> {
        v.setInitialCapacity(count);
        v.allocateNew();
      }
      case BitVector v -> v.allocateNew(count);
      case BaseFixedWidthVector v -> v.allocateNew(count);
      default -> throw new IllegalStateException("no decoder for " + out.getClass().getSimpleName() + " of " + type);
    }
  }

  /** Copies {@code n} rows of a page to rows [at, at + n) of {@code out}; returns the new data end. */
  private static long copy(Page page, int from, int n, FieldVector out, int at, long dataAt) {
    MemorySegment validity = ArrowMemory.segment(out.getValidityBuffer());
    if (page.nullCount > 0) {
      Bits.copy(page.raw, from, validity, at, n);
    } else {
      Bits.fillOnes(validity, at, n);
    }
    ColumnType type = page.type;
    int width = type.fixedWidth();
    if (width < 0) {
      Bits.copy(page.raw.asSlice(page.valuesOffset), from, ArrowMemory.segment(out.getDataBuffer()), at, n);
      return dataAt;
    }
    if (width > 0) {
      FieldVector data = out instanceof FixedSizeListVector list ? (FieldVector) list.getDataVector() : out;
      MemorySegment.copy(page.raw, page.valuesOffset + (long) from * width, ArrowMemory.segment(data.getDataBuffer()), (long) at * width, (long) n * width);
      return dataAt;
    }
    BaseVariableWidthVector v = (BaseVariableWidthVector) out;
    MemorySegment offsets = ArrowMemory.segment(v.getOffsetBuffer());
    int base = page.varStart(from);
    for (int i = 0; i <= n; i++) {
      offsets.set(Page.I32, 4L * (at + i), (int) (dataAt + page.varStart(from + i) - base));
    }
    long bytes = page.varStart(from + n) - base;
    MemorySegment.copy(page.raw, page.dataOffset + base, ArrowMemory.segment(v.getDataBuffer()), dataAt, bytes);
    return dataAt + bytes;
  }

  private static void writeNull(FieldVector out, int at, long dataAt) {
    Bits.set(ArrowMemory.segment(out.getValidityBuffer()), at, false);
    if (out instanceof BaseVariableWidthVector v) {
      ArrowMemory.segment(v.getOffsetBuffer()).set(Page.I32, 4L * (at + 1), (int) dataAt);
      if (at == 0) {
        ArrowMemory.segment(v.getOffsetBuffer()).set(Page.I32, 0, 0);
      }
    }
  }

  private static void finish(FieldVector out, int count) {
    if (out instanceof BaseVariableWidthVector v) {
      v.setLastSet(count - 1);
    }
    if (out instanceof FixedSizeListVector list) {
      FieldVector data = (FieldVector) list.getDataVector();
      Bits.fillOnes(ArrowMemory.segment(data.getValidityBuffer()), 0, (long) count * list.getListSize());
    }
    out.setValueCount(count);
  }

}

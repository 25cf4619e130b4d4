package io.quiver.trino.read;

import io.quiver.engine.datafile.ArrowMemory;
import io.trino.spi.block.ArrayBlock;
import io.trino.spi.block.Block;
import io.trino.spi.block.ByteArrayBlock;
import io.trino.spi.block.IntArrayBlock;
import io.trino.spi.block.LongArrayBlock;
import io.trino.spi.block.ShortArrayBlock;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Array;
import java.nio.ByteOrder;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;

/**
 * Fixed-width Arrow vectors copied into Trino's array blocks in bulk, one memory copy per buffer
 * instead of a call per value (a 128-d vector column: 128 calls a row). Arrow and Trino agree on
 * the bits: little-endian values (a float as its raw bits), and a validity bitmap with bit
 * {@code i % 64} of word {@code i / 64} set when row {@code i} has a value, which is how Trino
 * 483's blocks take their null masks.
 */
final class FixedWidthBlocks {
    private static final ValueLayout.OfLong LONGS = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INTS = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORTS =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private FixedWidthBlocks() {}

    static Block longs(FieldVector v, int rows) {
        return new LongArrayBlock(rows, validity(v, rows), copied(v, LONGS, new long[rows]));
    }

    static Block ints(FieldVector v, int rows) {
        return new IntArrayBlock(rows, validity(v, rows), copied(v, INTS, new int[rows]));
    }

    static Block shorts(FieldVector v, int rows) {
        return new ShortArrayBlock(rows, validity(v, rows), copied(v, SHORTS, new short[rows]));
    }

    static Block bytes(FieldVector v, int rows) {
        return new ByteArrayBlock(rows, validity(v, rows), copied(v, ValueLayout.JAVA_BYTE, new byte[rows]));
    }

    /** The vector's first values, as many as {@code array} holds, copied into it. */
    private static <A> A copied(FieldVector v, ValueLayout layout, A array) {
        MemorySegment.copy(data(v), layout, 0, array, 0, Array.getLength(array));
        return array;
    }

    /** VECTOR(n) as array(real): the floats of the rows with a value, end to end (a NULL array has no elements). */
    static Block vectors(FieldVector v, int rows) {
        FixedSizeListVector list = (FixedSizeListVector) v;
        int n = list.getListSize();
        MemorySegment floats = data(list.getDataVector());
        Optional<long[]> validity = validity(v, rows);
        int[] offsets = new int[rows + 1];
        int[] elements;
        if (validity.isEmpty()) {
            elements = new int[rows * n];
            MemorySegment.copy(floats, INTS, 0, elements, 0, rows * n);
            for (int i = 0; i <= rows; i++) {
                offsets[i] = i * n;
            }
        } else {
            int present = 0;
            for (int i = 0; i < rows; i++) {
                present += v.isNull(i) ? 0 : 1;
            }
            elements = new int[present * n];
            int at = 0;
            for (int i = 0; i < rows; i++) {
                if (!v.isNull(i)) {
                    MemorySegment.copy(floats, INTS, (long) i * n * Float.BYTES, elements, at, n);
                    at += n;
                }
                offsets[i + 1] = at;
            }
        }
        return ArrayBlock.fromElementBlock(
                rows, validity, offsets, new IntArrayBlock(elements.length, Optional.empty(), elements));
    }

    private static MemorySegment data(FieldVector v) {
        return ArrowMemory.segment(v.getDataBuffer());
    }

    /** Arrow's validity bitmap as Trino's null mask; empty when no row is NULL. */
    private static Optional<long[]> validity(FieldVector v, int rows) {
        if (v.getNullCount() == 0) {
            return Optional.empty();
        }
        long[] words = new long[(rows + 63) / 64];
        MemorySegment bits = ArrowMemory.segment(v.getValidityBuffer());
        int whole = rows / 64;
        MemorySegment.copy(bits, LONGS, 0, words, 0, whole);
        for (int i = whole * 64; i < rows; i++) { // the last, partial word: bit by bit
            if (!v.isNull(i)) {
                words[whole] |= 1L << (i - whole * 64);
            }
        }
        return Optional.of(words);
    }
}

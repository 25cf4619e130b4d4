package io.quiver.trino.read;

import io.quiver.engine.datafile.ArrowMemory;
import io.quiver.trino.pushdown.DistanceCall;
import io.quiver.vector.VectorMetric;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.DoubleType;
import java.lang.foreign.MemorySegment;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.complex.FixedSizeListVector;

/**
 * The values of a pushed distance projection, as Trino's function would give them. A plain scan
 * computes them from the vector column with the engine's SIMD kernels; a nearest-neighbour
 * search reports them itself. NULL where the vector is NULL.
 */
final class DistanceBlocks {
    private final DistanceCall call;
    private final VectorMetric.QueryDistance distance; // not thread-safe: one per page source

    DistanceBlocks(DistanceCall call) {
        this.call = call;
        this.distance = call.function().metric().forQuery(call.query());
    }

    /** Measures every row of a vector column against the query. */
    Block compute(FixedSizeListVector vectors, int rows) {
        MemorySegment data = ArrowMemory.segment(vectors.getDataVector().getDataBuffer());
        long rowBytes = (long) vectors.getListSize() * Float.BYTES;
        VectorMetric metric = call.function().metric();
        BlockBuilder out = DoubleType.DOUBLE.createBlockBuilder(null, rows);
        for (int i = 0; i < rows; i++) {
            if (vectors.isNull(i)) {
                out.appendNull();
            } else {
                float reported = metric.reported(distance.rank(data, i * rowBytes));
                DoubleType.DOUBLE.writeDouble(out, call.function().fromEngine(reported));
            }
        }
        return out.build();
    }

    /** Converts the distances a nearest-neighbour search reported; rows without one are NULL. */
    Block fromReported(Float4Vector reported, int rows) {
        BlockBuilder out = DoubleType.DOUBLE.createBlockBuilder(null, rows);
        for (int i = 0; i < rows; i++) {
            if (reported == null || reported.isNull(i)) {
                out.appendNull();
            } else {
                DoubleType.DOUBLE.writeDouble(out, call.function().fromEngine(reported.get(i)));
            }
        }
        return out.build();
    }
}

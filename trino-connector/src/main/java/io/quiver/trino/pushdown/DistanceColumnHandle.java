package io.quiver.trino.pushdown;

import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.Type;

/**
 * The synthetic column a distance projection becomes ({@code DOUBLE}, NULL where the vector is
 * NULL): the scan computes it, and a top-k on it becomes a nearest-neighbour search.
 */
public record DistanceColumnHandle(DistanceCall call) implements ColumnHandle {
    public Type type() {
        return DoubleType.DOUBLE;
    }
}

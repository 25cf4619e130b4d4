package io.quiver.trino.read;

import io.trino.spi.connector.ConnectorSplit;
import java.util.OptionalLong;

/**
 * The rows one task reads: one fragment of the handle's version, or (for a nearest-neighbour
 * top-k, which searches the version as a whole) no fragment at all. Any node can read any
 * split: the table's files are on storage every node sees.
 */
public record QuiverSplit(OptionalLong fragment) implements ConnectorSplit {
    @Override
    public long getRetainedSizeInBytes() {
        return 64;
    }
}

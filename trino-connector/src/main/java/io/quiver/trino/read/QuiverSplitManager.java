package io.quiver.trino.read;

import io.quiver.engine.FragmentInfo;
import io.quiver.trino.QuiverErrors;
import io.quiver.trino.QuiverTables;
import io.quiver.trino.metadata.QuiverTableHandle;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplit;
import io.trino.spi.connector.ConnectorSplitManager;
import io.trino.spi.connector.ConnectorSplitSource;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.FixedSplitSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** One split per fragment that holds live rows; one split in all for a nearest-neighbour top-k. */
public final class QuiverSplitManager implements ConnectorSplitManager {
    private final QuiverTables tables;

    public QuiverSplitManager(QuiverTables tables) {
        this.tables = tables;
    }

    @Override
    public ConnectorSplitSource getSplits(
            ConnectorTransactionHandle transaction,
            ConnectorSession session,
            ConnectorTableHandle tableHandle,
            Set<ColumnHandle> columns,
            Constraint constraint) {
        QuiverTableHandle table = (QuiverTableHandle) tableHandle;
        if (table.constraint().isNone()) {
            return new FixedSplitSource(List.of());
        }
        if (table.nearestK().isPresent()) {
            return new FixedSplitSource(new QuiverSplit(OptionalLong.empty()));
        }
        List<ConnectorSplit> splits = new ArrayList<>();
        try (QuiverTables.Lease lease = tables.lease(table.table(), table.version())) {
            for (FragmentInfo f : lease.dataset().fragments()) {
                if (f.liveRows() > 0) {
                    splits.add(new QuiverSplit(OptionalLong.of(f.id())));
                }
            }
        } catch (IOException e) {
            throw QuiverErrors.read(table.table(), e);
        }
        return new FixedSplitSource(splits);
    }
}

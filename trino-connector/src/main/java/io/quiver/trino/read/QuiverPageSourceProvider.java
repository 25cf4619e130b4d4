package io.quiver.trino.read;

import io.quiver.trino.QuiverErrors;
import io.quiver.trino.QuiverTables;
import io.quiver.trino.metadata.QuiverTableHandle;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorPageSource;
import io.trino.spi.connector.ConnectorPageSourceProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplit;
import io.trino.spi.connector.ConnectorTableCredentials;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.DynamicFilter;
import io.trino.spi.connector.MemoryContext;
import io.trino.spi.connector.MemoryUsageReportingPageSource;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

public final class QuiverPageSourceProvider implements ConnectorPageSourceProvider {
    private final QuiverTables tables;

    public QuiverPageSourceProvider(QuiverTables tables) {
        this.tables = tables;
    }

    @Override
    public ConnectorPageSource createPageSource(
            ConnectorTransactionHandle transaction,
            ConnectorSession session,
            ConnectorSplit split,
            ConnectorTableHandle table,
            Optional<ConnectorTableCredentials> credentials,
            List<ColumnHandle> columns,
            DynamicFilter dynamicFilter,
            MemoryContext memory) {
        QuiverTableHandle handle = (QuiverTableHandle) table;
        QuiverTables.Lease lease;
        try {
            lease = tables.lease(handle.table(), handle.version());
        } catch (IOException e) {
            throw QuiverErrors.read(handle.table(), e);
        }
        try {
            return new MemoryUsageReportingPageSource(
                    new QuiverPageSource(lease, handle, ((QuiverSplit) split).fragment(), columns), memory);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }
}

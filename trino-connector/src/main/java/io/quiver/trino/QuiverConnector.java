package io.quiver.trino;

import io.quiver.trino.metadata.QuiverMetadata;
import io.quiver.trino.read.QuiverPageSourceProvider;
import io.quiver.trino.read.QuiverSplitManager;
import io.trino.spi.connector.Connector;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorPageSourceProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplitManager;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.session.PropertyMetadata;
import io.trino.spi.transaction.IsolationLevel;
import java.util.List;

/** A read-only catalog over one warehouse folder. */
public final class QuiverConnector implements Connector {
    private final QuiverTables tables;
    private final QuiverSplitManager splits;
    private final QuiverPageSourceProvider pages;

    public QuiverConnector(QuiverTables tables) {
        this.tables = tables;
        this.splits = new QuiverSplitManager(tables);
        this.pages = new QuiverPageSourceProvider(tables);
    }

    @Override
    public ConnectorTransactionHandle beginTransaction(
            IsolationLevel isolationLevel, boolean readOnly, boolean autoCommit) {
        // Every read sees one committed version, which is serializable for a read-only catalog.
        IsolationLevel.checkConnectorSupports(IsolationLevel.SERIALIZABLE, isolationLevel);
        return QuiverTransactionHandle.INSTANCE;
    }

    @Override
    public ConnectorMetadata getMetadata(ConnectorSession session, ConnectorTransactionHandle transaction) {
        return new QuiverMetadata(tables);
    }

    @Override
    public ConnectorSplitManager getSplitManager() {
        return splits;
    }

    @Override
    public ConnectorPageSourceProvider getPageSourceProvider() {
        return pages;
    }

    @Override
    public List<PropertyMetadata<?>> getSessionProperties() {
        return QuiverSessionProperties.all();
    }

    @Override
    public void shutdown() {
        tables.close();
    }
}

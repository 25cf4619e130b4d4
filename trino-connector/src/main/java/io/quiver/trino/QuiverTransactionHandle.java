package io.quiver.trino;

import io.trino.spi.connector.ConnectorTransactionHandle;

/** Reads need no transaction state: each table handle pins its version. */
public enum QuiverTransactionHandle implements ConnectorTransactionHandle {
    INSTANCE
}

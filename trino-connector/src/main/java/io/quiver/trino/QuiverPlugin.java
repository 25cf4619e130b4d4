package io.quiver.trino;

import io.trino.spi.Plugin;
import io.trino.spi.connector.ConnectorFactory;
import java.util.List;

/** Trino finds this through META-INF/services; see the README's "Trino" section for the setup. */
public final class QuiverPlugin implements Plugin {
    @Override
    public Iterable<ConnectorFactory> getConnectorFactories() {
        return List.of(new QuiverConnectorFactory());
    }
}

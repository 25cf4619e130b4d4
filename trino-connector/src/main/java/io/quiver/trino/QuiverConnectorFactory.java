package io.quiver.trino;

import io.quiver.engine.DatasetOptions;
import io.quiver.engine.Warehouse;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.Connector;
import io.trino.spi.connector.ConnectorContext;
import io.trino.spi.connector.ConnectorFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code connector.name=quiver}. Catalog properties:
 *
 * <ul>
 *   <li>{@value #WAREHOUSE} (required): the warehouse folder, the same path on every node;
 *   <li>{@value #PAGE_CACHE}: decompressed pages kept per open table version (default 128);
 *   <li>{@value #OPEN_VERSIONS}: table versions kept open per node (default 8).
 * </ul>
 */
public final class QuiverConnectorFactory implements ConnectorFactory {
    public static final String NAME = "quiver";
    public static final String WAREHOUSE = "quiver.warehouse";
    public static final String PAGE_CACHE = "quiver.page-cache-mib";
    public static final String OPEN_VERSIONS = "quiver.open-versions";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Connector create(String catalogName, Map<String, String> config, ConnectorContext context) {
        Map<String, String> left = new HashMap<>(config);
        left.keySet().removeAll(Set.of(WAREHOUSE, PAGE_CACHE, OPEN_VERSIONS));
        if (!left.isEmpty()) {
            throw configError(
                    catalogName,
                    "unknown properties " + left.keySet().stream().sorted().toList() + "; known: " + WAREHOUSE + ", "
                            + PAGE_CACHE + ", " + OPEN_VERSIONS);
        }
        String root = config.get(WAREHOUSE);
        if (root == null || root.isBlank()) {
            throw configError(catalogName, WAREHOUSE + " is required: the folder of the Quiver warehouse");
        }
        Path path = Path.of(root);
        if (!Files.isDirectory(path)) {
            throw configError(catalogName, WAREHOUSE + " " + root + " is not a folder");
        }
        long cacheMiB = positive(catalogName, config, PAGE_CACHE, 128);
        int openVersions = (int) Math.min(Integer.MAX_VALUE, positive(catalogName, config, OPEN_VERSIONS, 8));
        try {
            Warehouse warehouse = new Warehouse(path);
            DatasetOptions options = DatasetOptions.DEFAULT.withPageCacheBytes(cacheMiB << 20);
            return new QuiverConnector(new QuiverTables(warehouse, options, openVersions));
        } catch (IOException e) {
            throw configError(catalogName, "cannot open the warehouse " + root + ": " + e.getMessage());
        }
    }

    private static long positive(String catalog, Map<String, String> config, String key, long otherwise) {
        String value = config.get(key);
        if (value == null) {
            return otherwise;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= 1 && n <= (1L << 30)) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw configError(catalog, key + " must be a whole number from 1 to 2^30, got '" + value + "'");
    }

    private static TrinoException configError(String catalog, String message) {
        return new TrinoException(QuiverErrors.QUIVER_CONFIG_ERROR, "catalog " + catalog + ": " + message);
    }
}

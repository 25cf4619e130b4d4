package io.quiver.trino;

import com.google.inject.Key;
import io.trino.Session;
import io.trino.server.PluginInstaller;
import io.trino.server.ServerPluginsProviderConfig;
import io.trino.server.testing.TestingTrinoServer;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryFailedException;
import io.trino.testing.TestingSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An in-process Trino cluster (a coordinator and one worker, which exchange handles and splits
 * as JSON over HTTP, as real nodes do) with a {@code quiver} catalog over one warehouse folder.
 */
final class QuiverTrino implements AutoCloseable {
    private final DistributedQueryRunner runner;

    /** A cluster running the connector from the test class path. */
    QuiverTrino(Path warehouse) throws Exception {
        this(warehouse, runner -> runner.installPlugin(new QuiverPlugin()));
    }

    /**
     * A cluster that loads the connector as a Trino server does: the plugin folder {@code
     * pluginFolder} copied into every node's plugins directory, loaded through Trino's plugin
     * class loader (which shares only the SPI).
     */
    static QuiverTrino fromPluginFolder(Path warehouse, Path pluginFolder) throws Exception {
        return new QuiverTrino(warehouse, runner -> {
            for (TestingTrinoServer server : runner.getServers()) {
                Path plugins = server.getInstance(Key.get(ServerPluginsProviderConfig.class))
                        .getInstalledPluginsDirs()
                        .getFirst();
                copyFolder(pluginFolder, plugins.resolve(pluginFolder.getFileName()));
                server.getInstance(Key.get(PluginInstaller.class)).loadPlugins();
            }
        });
    }

    private static void copyFolder(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private QuiverTrino(Path warehouse, Consumer<DistributedQueryRunner> install) throws Exception {
        Session session = TestingSession.testSessionBuilder()
                .setCatalog("quiver")
                .setSchema("default")
                .build();
        runner = DistributedQueryRunner.builder(session).setWorkerCount(1).build();
        try {
            install.accept(runner);
            runner.createCatalog("quiver", "quiver", Map.of("quiver.warehouse", warehouse.toString()));
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    DistributedQueryRunner runner() {
        return runner;
    }

    List<MaterializedRow> rows(String sql) {
        return runner.execute(sql).getMaterializedRows();
    }

    /** The name of the error code the coordinator recorded for a failed query. */
    String errorCode(QueryFailedException failure) {
        return runner.getCoordinator()
                .getQueryManager()
                .getFullQueryInfo(failure.getQueryId())
                .getErrorCode()
                .getName();
    }

    /** The distributed plan, as EXPLAIN prints it. */
    String explain(String sql) {
        return (String) runner.execute("EXPLAIN " + sql).getOnlyValue();
    }

    @Override
    public void close() {
        runner.close();
    }
}

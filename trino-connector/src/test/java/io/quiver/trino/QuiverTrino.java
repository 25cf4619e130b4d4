package io.quiver.trino;

import io.trino.Session;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryFailedException;
import io.trino.testing.TestingSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An in-process Trino cluster (a coordinator and one worker, which exchange handles and splits
 * as JSON over HTTP, as real nodes do) with a {@code quiver} catalog over one warehouse folder.
 */
final class QuiverTrino implements AutoCloseable {
    private final DistributedQueryRunner runner;

    QuiverTrino(Path warehouse) throws Exception {
        Session session = TestingSession.testSessionBuilder()
                .setCatalog("quiver")
                .setSchema("default")
                .build();
        runner = DistributedQueryRunner.builder(session).setWorkerCount(1).build();
        try {
            runner.installPlugin(new QuiverPlugin());
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

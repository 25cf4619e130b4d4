package io.quiver.sql;

import io.quiver.engine.CommitConflictException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs a statement that reads rows in order to write them (UPDATE, DELETE, INSERT ... ON
 * CONFLICT) again while its commit finds that another writer changed a row it read: the engine
 * committed nothing ({@link io.quiver.engine.RowsChangedException}), so the statement reads the
 * newer version and computes its change again, as PostgreSQL re-evaluates a row updated under
 * it. Gives up after {@value #MAX_ATTEMPTS} attempts with SQLSTATE 40001 (serialization failure),
 * which clients retry.
 */
final class Reruns {
    static final int MAX_ATTEMPTS = 64;

    private Reruns() {}

    interface Attempt {
        SqlResult run() throws SQLException, IOException;
    }

    static SqlResult run(String verb, String table, Attempt attempt) throws SQLException, IOException {
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (SQLException | IOException | RuntimeException e) {
                CommitConflictException conflict = conflict(e);
                if (conflict == null) {
                    throw e;
                }
                if (n == MAX_ATTEMPTS) {
                    throw new SQLTransactionRollbackException(
                            verb + " on table " + table + " gave up after " + n
                                    + " attempts: other writers kept changing the rows it read ("
                                    + conflict.getMessage() + "); nothing was changed, run it again",
                            "40001",
                            e);
                }
                backOff(n);
            }
        }
    }

    /** The engine's conflict that failed the attempt, through the wrappers Calcite puts around it; or null. */
    private static CommitConflictException conflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CommitConflictException c) {
                return c;
            }
        }
        return null;
    }

    /**
     * Random waits that grow with the attempts: writers that collided once would collide again
     * if they retried in step.
     */
    private static void backOff(int attempt) {
        long bound = Math.min(1L << Math.min(attempt, 7), 100);
        try {
            TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

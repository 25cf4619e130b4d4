package io.quiver.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.CommitConflictException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link Reruns}: a statement whose rows changed under it runs again, a bounded number of times. */
class RerunsTest {
    /** How Calcite hands an engine conflict back from a statement's execution. */
    private static SQLException conflict() {
        return new SQLException(
                "Error while executing SQL", new RuntimeException(new CommitConflictException("rows changed")));
    }

    @Test
    void aConflictRunsTheStatementAgain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        SqlResult done = SqlResult.count("UPDATE", 1);
        assertSame(done, Reruns.run("UPDATE", "c", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw conflict();
            }
            return done;
        }));
        assertEquals(3, attempts.get());
    }

    @Test
    void otherFailuresAreNotRunAgain() {
        AtomicInteger attempts = new AtomicInteger();
        SQLDataException bad = new SQLDataException("bad value", "22000");
        assertSame(
                bad,
                assertThrows(
                        SQLDataException.class,
                        () -> Reruns.run("DELETE", "c", () -> {
                            attempts.incrementAndGet();
                            throw bad;
                        })));
        assertEquals(1, attempts.get());
    }

    @Test
    void endlessConflictsGiveUpWithSerializationFailureNamingTheTable() {
        AtomicInteger attempts = new AtomicInteger();
        SQLTransactionRollbackException e = assertThrows(
                SQLTransactionRollbackException.class,
                () -> Reruns.run("UPDATE", "counters", () -> {
                    attempts.incrementAndGet();
                    throw conflict();
                }));
        assertEquals("40001", e.getSQLState());
        assertTrue(e.getMessage().contains("UPDATE on table counters"), e.getMessage());
        assertEquals(Reruns.MAX_ATTEMPTS, attempts.get());
    }
}

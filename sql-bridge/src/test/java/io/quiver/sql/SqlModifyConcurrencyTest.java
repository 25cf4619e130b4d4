package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read-modify-writes racing on one table from separate connections and processes lose no update
 * (issue 17, item 2): each statement's commit is guarded by the rows it read, and runs again when
 * another writer changed them, so N writers x K increments add exactly N x K.
 */
class SqlModifyConcurrencyTest {
    private static final int THREADS = 4;
    private static final int STATEMENTS = 25;

    @TempDir
    Path dir;

    private interface Work {
        void run(Connection connection, int thread) throws Exception;
    }

    /** Runs {@code work} on {@value #THREADS} threads, each on its own JDBC connection, started together. */
    private void race(Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    try (Connection connection = DriverManager.getConnection("jdbc:quiver:" + dir)) {
                        start.await();
                        work.run(connection, thread);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void increment(PreparedStatement update, long id) throws Exception {
        update.setLong(1, id);
        assertEquals(1, update.executeUpdate(), "one row per statement");
    }

    @Test
    void racingIncrementsOfOneKeyedRowLoseNothing() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE c (id BIGINT PRIMARY KEY, n INTEGER)");
            sql.execute("INSERT INTO c VALUES (1, 0), (2, 0)");
        }
        race((connection, thread) -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE c SET n = n + 1 WHERE id = ?")) {
                for (int i = 0; i < STATEMENTS; i++) {
                    increment(update, 1);
                }
            }
        });
        try (QuiverSql sql = QuiverSql.open(dir)) {
            assertEquals(List.of((long) THREADS * STATEMENTS, 0L), column(sql, "SELECT n FROM c ORDER BY id"));
        }
    }

    @Test
    void racingIncrementsOfAKeylessTableLoseNothing() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE bag (a INTEGER, n INTEGER)");
            sql.execute("INSERT INTO bag VALUES (1, 0), (2, 0), (3, 0)");
        }
        race((connection, thread) -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE bag SET n = n + 1 WHERE a = ?")) {
                for (int i = 0; i < STATEMENTS; i++) {
                    increment(update, 1 + (thread + i) % 2);
                }
            }
        });
        try (QuiverSql sql = QuiverSql.open(dir)) {
            assertEquals(
                    List.of((long) THREADS * STATEMENTS / 2, (long) THREADS * STATEMENTS / 2, 0L),
                    column(sql, "SELECT n FROM bag ORDER BY a"));
        }
    }

    /**
     * ON CONFLICT DO UPDATE keeps the stored values of the columns it does not set, read at one
     * version: racing increments of such a column must survive it, and DO NOTHING racing on the
     * same new keys inserts each once, without a duplicate-key error.
     */
    @Test
    void onConflictRacingIncrementsLosesNothing() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE c (id BIGINT PRIMARY KEY, n INTEGER, s VARCHAR)");
            sql.execute("INSERT INTO c VALUES (1, 0, 'a')");
        }
        // Literal rows: INSERT takes them without planning a query, so the race is tight.
        race((connection, thread) -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE c SET n = n + 1 WHERE id = ?");
                    Statement insert = connection.createStatement()) {
                for (int i = 0; i < STATEMENTS; i++) {
                    if (thread % 2 == 0) {
                        increment(update, 1);
                    } else {
                        assertEquals(
                                1,
                                insert.executeUpdate("INSERT INTO c VALUES (1, -1, 't" + thread + "-" + i
                                        + "') ON CONFLICT DO UPDATE SET s = EXCLUDED.s"));
                    }
                    insert.executeUpdate("INSERT INTO c VALUES (" + (100 + i) + ", 0, 'new') ON CONFLICT DO NOTHING");
                }
            }
        });
        try (QuiverSql sql = QuiverSql.open(dir)) {
            assertEquals(List.of((long) (THREADS / 2) * STATEMENTS), column(sql, "SELECT n FROM c WHERE id = 1"));
            assertEquals(List.of((long) STATEMENTS), column(sql, "SELECT count(*) FROM c WHERE id >= 100"));
        }
    }

    /** Issue 17's case: writers in separate processes, through the JDBC driver. */
    @Test
    void racingProcessesLoseNothing() throws Exception {
        int processes = 3;
        int statements = 40;
        Path warehouse = Files.createDirectories(dir.resolve("warehouse"));
        try (QuiverSql sql = QuiverSql.open(warehouse)) {
            sql.execute("CREATE TABLE c (id BIGINT PRIMARY KEY, n INTEGER)");
            sql.execute("INSERT INTO c VALUES (1, 0), (2, 0)");
        }
        Path start = dir.resolve("start");
        List<Process> children = new ArrayList<>();
        List<Path> ready = new ArrayList<>();
        try {
            for (int p = 0; p < processes; p++) {
                ready.add(dir.resolve("ready-" + p));
                children.add(child(warehouse, statements, ready.get(p), start, dir.resolve("out-" + p)));
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!ready.stream().allMatch(Files::exists)) {
                assertTrue(System.nanoTime() < deadline, "the child JVMs did not start: " + outputs(processes));
                assertTrue(children.stream().allMatch(Process::isAlive), () -> "a child died: " + outputs(processes));
                Thread.sleep(20);
            }
            Files.createFile(start);
            for (Process child : children) {
                assertTrue(child.waitFor(5, TimeUnit.MINUTES), "a child did not finish");
                assertEquals(0, child.exitValue(), () -> outputs(processes));
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        try (QuiverSql sql = QuiverSql.open(warehouse)) {
            assertEquals(List.of((long) processes * statements), column(sql, "SELECT sum(n) FROM c"));
            assertEquals(List.of((long) processes * statements / 2), column(sql, "SELECT n FROM c WHERE id = 1"));
        }
    }

    /** A JVM on this test's class path, with the module flags this one runs with (Arrow needs them). */
    private static Process child(Path warehouse, int statements, Path ready, Path start, Path output) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-opens")
                    || flag.startsWith("--enable-native-access")
                    || flag.startsWith("--sun-misc-unsafe-memory-access")
                    || flag.startsWith("--add-modules")) {
                command.add(flag);
            }
        }
        command.addAll(List.of(
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                IncrementingProcess.class.getName(),
                warehouse.toString(),
                Integer.toString(statements),
                ready.toString(),
                start.toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }

    private String outputs(int processes) {
        StringBuilder all = new StringBuilder();
        for (int p = 0; p < processes; p++) {
            Path out = dir.resolve("out-" + p);
            try {
                all.append("\n--- child ")
                        .append(p)
                        .append(":\n")
                        .append(Files.exists(out) ? Files.readString(out) : "");
            } catch (java.io.IOException e) {
                all.append(e);
            }
        }
        return all.toString();
    }
}

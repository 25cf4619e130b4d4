package io.quiver.sql.demo;

import io.quiver.sql.shell.TablePrinter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code ./quiver demo} runs this after the engine demo: SQL over JDBC ({@code jdbc:quiver:<dir>},
 * default {@code demo-data/sql}) on a small table of captions, 4-d embeddings and images. It
 * creates the table, inserts rows (literal VALUES, then a vector bound as {@code float[]}),
 * builds a vector index, runs a hybrid query (a LIKE filter and ORDER BY distance LIMIT 10) and a
 * key lookup with their plans, shows a duplicate key refused and describes the table, printing
 * each statement, its result and its time. The table is dropped first, so every run starts clean.
 */
public final class SqlDemo {
    static final String HYBRID = "SELECT id, caption, l2_distance(embedding, ARRAY[0.1, 0.2, 0.3, 0.5]) AS d"
            + " FROM images WHERE caption LIKE '%cat%' ORDER BY d LIMIT 10";
    static final String LOOKUP = "SELECT id, caption, embedding FROM images WHERE id = ?";

    private final Connection connection;

    private SqlDemo(Connection connection) {
        this.connection = connection;
    }

    public static void main(String[] args) throws SQLException {
        Path dir = Path.of(args.length > 0 ? args[0] : "demo-data/sql").toAbsolutePath();
        String url = "jdbc:quiver:" + dir;
        System.out.printf("%nQuiver SQL demo: JDBC on %s%n%n", url);
        try (Connection c = DriverManager.getConnection(url)) {
            new SqlDemo(c).run();
        }
    }

    private void run() throws SQLException {
        run("DROP TABLE IF EXISTS images");
        run("CREATE TABLE images (id BIGINT PRIMARY KEY, caption VARCHAR, embedding VECTOR(4), image BLOB)");
        run("INSERT INTO images VALUES"
                + " (1, 'a cat on a sofa', ARRAY[0.1, 0.2, 0.3, 0.4], X'89504E47'),"
                + " (2, 'a dog in the park', ARRAY[0.9, 0.1, 0.4, 0.2], X'89504E47'),"
                + " (3, 'two cats asleep', ARRAY[0.1, 0.2, 0.3, 0.6], NULL),"
                + " (4, 'a catamaran at sea', ARRAY[0.7, 0.7, 0.1, 0.1], X'FFD8FFE0'),"
                + " (5, 'a red bicycle', ARRAY[0.2, 0.9, 0.5, 0.3], NULL)");
        run(
                "INSERT INTO images VALUES (?, ?, ?, ?)",
                6L,
                "a cat in a box",
                new float[] {0.12f, 0.2f, 0.31f, 0.5f},
                new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        run(
                "ALTER TABLE images ADD VECTOR INDEX emb_idx ON embedding WITH (metric = 'l2', m = 16, ef_construction = 100)");
        run(HYBRID);
        run("EXPLAIN PLAN FOR " + HYBRID);
        run(LOOKUP, 3L);
        run("EXPLAIN PLAN FOR " + LOOKUP, 3L);
        run("INSERT INTO images (id, caption) VALUES (1, 'a cat again')");
        run("DESCRIBE images");
    }

    /** Runs one statement as a prepared statement, printing it, its result and its time; a failure prints one line. */
    private void run(String sql, Object... params) {
        System.out.println("sql> " + sql + (params.length == 0 ? "" : "   -- " + describe(params)));
        long t0 = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof byte[] bytes) {
                    statement.setBytes(i + 1, bytes);
                } else {
                    statement.setObject(i + 1, params[i]);
                }
            }
            if (!statement.execute()) {
                long count = statement.getLargeUpdateCount();
                String verb = sql.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                System.out.printf("  %s%s%n%n", verb.equals("INSERT") ? "INSERT " + count : "OK", elapsed(t0));
                return;
            }
            try (ResultSet rows = statement.getResultSet()) {
                if (sql.startsWith("EXPLAIN")) {
                    while (rows.next()) {
                        System.out.print(indent(rows.getString(1).strip()));
                    }
                    System.out.printf("  planned in %s%n%n", millis(t0));
                } else {
                    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                    long n = new TablePrinter(new PrintStream(buffer, true, StandardCharsets.UTF_8)).print(rows);
                    System.out.print(indent(buffer.toString(StandardCharsets.UTF_8)));
                    System.out.printf("  %d %s%s%n", n, n == 1 ? "row" : "rows", elapsed(t0));
                    if (sql.startsWith("SELECT")) {
                        System.out.printf("  again: %s", timeAgain(statement));
                    }
                    System.out.println();
                }
            }
        } catch (SQLException e) {
            System.out.printf("  ERROR: %s%s%n%n", e.getMessage(), elapsed(t0));
        }
    }

    /** A query's second run: planned already, so it shows what the statement itself costs. */
    private static String timeAgain(PreparedStatement statement) throws SQLException {
        long t0 = System.nanoTime();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                rows.getObject(1);
            }
        }
        return millis(t0) + ", the plan reused\n";
    }

    private static String describe(Object[] params) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            out.append(i == 0 ? "" : ", ")
                    .append("?")
                    .append(i + 1)
                    .append(" = ")
                    .append(
                            switch (p) {
                                case float[] f -> "float[] " + Arrays.toString(f);
                                case byte[] b -> "byte[" + b.length + "]";
                                case String s -> "'" + s + "'";
                                default -> String.valueOf(p);
                            });
        }
        return out.toString();
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l).collect(Collectors.joining("\n", "", "\n"));
    }

    private static String elapsed(long t0) {
        return " (" + millis(t0) + ")";
    }

    private static String millis(long t0) {
        return String.format(Locale.ROOT, "%.1f ms", (System.nanoTime() - t0) / 1e6);
    }
}

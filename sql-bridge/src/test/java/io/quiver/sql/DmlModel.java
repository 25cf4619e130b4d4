package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.literal;
import static io.quiver.sql.SqlTestSupport.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The table {@code m (id BIGINT PRIMARY KEY, k INTEGER, s VARCHAR, v VECTOR(2))} as an in-memory
 * map from key to row, with random rows and WHERE clauses paired with the Java predicate they mean.
 */
final class DmlModel {
    static final String CREATE = "CREATE TABLE m (id BIGINT PRIMARY KEY, k INTEGER, s VARCHAR, v VECTOR(2))";
    static final int ID = 0;
    static final int K = 1;
    static final int S = 2;

    final TreeMap<Long, List<Object>> rows = new TreeMap<>();
    private final Random random;

    DmlModel(Random random) {
        this.random = random;
    }

    /** A random row; values are NULL now and then, strings sometimes hold quotes. */
    List<Object> randomRow(long id) {
        Long k = random.nextInt(8) == 0 ? null : (long) random.nextInt(-50, 50);
        String s = random.nextInt(8) == 0 ? null : randomString();
        List<Float> v =
                random.nextInt(8) == 0 ? null : List.of(random.nextInt(-64, 64) / 8f, random.nextInt(-64, 64) / 8f);
        return Arrays.asList(id, k, s, v);
    }

    private String randomString() {
        String letters = "abc'xyz é";
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            b.append(letters.charAt(random.nextInt(letters.length())));
        }
        return b.toString();
    }

    /** A key not in the table. */
    long freshId() {
        long id;
        do {
            id = random.nextInt(1, 400);
        } while (rows.containsKey(id));
        return id;
    }

    /** A key in the table (or a fresh one when it is empty). */
    long existingId() {
        if (rows.isEmpty()) {
            return freshId();
        }
        List<Long> ids = new ArrayList<>(rows.keySet());
        return ids.get(random.nextInt(ids.size()));
    }

    static String valuesLiterals(List<List<Object>> batch) {
        StringJoiner values = new StringJoiner(", ");
        for (List<Object> row : batch) {
            StringJoiner cells = new StringJoiner(", ", "(", ")");
            row.forEach(v -> cells.add(literal(v)));
            values.add(cells.toString());
        }
        return values.toString();
    }

    static String valuesParameters(int rows) {
        return String.join(", ", java.util.Collections.nCopies(rows, "(?, ?, ?, ?)"));
    }

    static Object[] parameters(List<List<Object>> batch) {
        return batch.stream()
                .flatMap(List::stream)
                .map(SqlTestSupport::parameter)
                .toArray();
    }

    /** A WHERE clause and the rows it selects; some only Calcite can evaluate, some the engine. */
    record Where(String sql, Predicate<List<Object>> matches) {}

    Where randomWhere() {
        int n = random.nextInt(-40, 40);
        long id = existingId();
        return switch (random.nextInt(9)) {
            case 0 -> new Where("id % 3 = 0", r -> (Long) r.get(ID) % 3 == 0);
            case 1 -> new Where("k < " + n, r -> r.get(K) != null && (Long) r.get(K) < n);
            case 2 -> new Where("id = " + id, r -> r.get(ID).equals(id));
            case 3 ->
                new Where(
                        "id IN (" + id + ", " + (id + 1) + ")",
                        r -> (Long) r.get(ID) == id || (Long) r.get(ID) == id + 1);
            case 4 -> new Where("s LIKE 'a%'", r -> r.get(S) != null && ((String) r.get(S)).startsWith("a"));
            case 5 -> new Where("s IS NULL OR k IS NULL", r -> r.get(S) == null || r.get(K) == null);
            case 6 -> new Where("char_length(s) > 3", r -> r.get(S) != null && ((String) r.get(S)).length() > 3);
            case 7 -> new Where("NOT (k >= " + n + ")", r -> r.get(K) != null && (Long) r.get(K) < n);
            default ->
                new Where(
                        "k + id > " + (n + 200), r -> r.get(K) != null && (Long) r.get(K) + (Long) r.get(ID) > n + 200);
        };
    }

    /** Fails unless the table holds exactly the model's rows. */
    void check(QuiverSql sql, String after) throws SQLException {
        assertEquals(new ArrayList<>(rows.values()), query(sql, "SELECT * FROM m ORDER BY id"), "after " + after);
    }
}

package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.engine.testing.TestRandom;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every column type through INSERT (as literals and as parameters) and SELECT, NULLs included. */
@ExtendWith(TestRandom.class)
class SqlTypesRoundTripTest {
    @TempDir
    Path dir;

    private record Type(String ddl, Function<Random, Object> value) {}

    private static final List<Type> TYPES = List.of(
            new Type("BOOLEAN", Random::nextBoolean),
            new Type("TINYINT", r -> (long) (byte) r.nextInt()),
            new Type("SMALLINT", r -> (long) (short) r.nextInt()),
            new Type("INTEGER", r -> (long) r.nextInt()),
            new Type("BIGINT", Random::nextLong),
            new Type("REAL", r -> (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-5, 6)))),
            new Type("DOUBLE", r -> r.nextGaussian() * Math.pow(10, r.nextInt(-50, 50))),
            new Type(
                    "DECIMAL(12, 3)",
                    r -> normalized(BigDecimal.valueOf(r.nextLong(-999_999_999_999L, 999_999_999_999L), 3))),
            new Type("DATE", r -> LocalDate.ofEpochDay(r.nextInt(-20_000, 40_000))),
            new Type(
                    "TIMESTAMP",
                    r -> LocalDateTime.of(1970, 1, 1, 0, 0).plusNanos(r.nextLong(0, 4_000_000_000_000L) * 1_000_000)),
            new Type("VARCHAR", SqlTypesRoundTripTest::text),
            new Type("VARBINARY", SqlTypesRoundTripTest::bytes),
            new Type("BLOB", SqlTypesRoundTripTest::bytes),
            new Type(
                    "VECTOR(5)",
                    r -> SqlTestSupport.vector(
                            new float[] {r.nextFloat(), -r.nextFloat(), (float) r.nextGaussian(), 0, 1e-3f})));

    private static Object normalized(BigDecimal d) {
        return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }

    private static String text(Random r) {
        String chars = "aZ9 '\"%_\\é漢😀\t";
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(12); i > 0; i--) {
            b.appendCodePoint(chars.codePoints()
                    .toArray()[r.nextInt((int) chars.codePoints().count())]);
        }
        return b.toString();
    }

    private static ByteBuffer bytes(Random r) {
        byte[] b = new byte[r.nextInt(40)];
        r.nextBytes(b);
        return ByteBuffer.wrap(b);
    }

    @Test
    void everyTypeRoundTrips(Random random) throws Exception {
        StringBuilder ddl = new StringBuilder("CREATE TABLE t (id BIGINT PRIMARY KEY");
        for (int i = 0; i < TYPES.size(); i++) {
            ddl.append(", c").append(i).append(' ').append(TYPES.get(i).ddl());
        }
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute(ddl + ")");
            String params = "(?" + ", ?".repeat(TYPES.size()) + ")";
            List<List<Object>> expected = new ArrayList<>();
            for (long id = 0; id < 60; id++) {
                List<Object> row = new ArrayList<>();
                row.add(id);
                for (Type t : TYPES) {
                    row.add(random.nextInt(5) == 0 ? null : t.value().apply(random));
                }
                if (id % 2 == 0) {
                    sql.execute("INSERT INTO t VALUES " + DmlModel.valuesLiterals(List.of(row)));
                } else {
                    sql.execute(
                            "INSERT INTO t VALUES " + params,
                            row.stream().map(SqlTestSupport::parameter).toArray());
                }
                expected.add(row);
            }
            List<List<Object>> actual = query(sql, "SELECT * FROM t ORDER BY id");
            assertEquals(expected.size(), actual.size());
            for (int r = 0; r < expected.size(); r++) {
                for (int c = 0; c < expected.get(r).size(); c++) {
                    String where = "row " + r + " (" + (r % 2 == 0 ? "literals" : "parameters") + "), column "
                            + (c == 0 ? "id" : TYPES.get(c - 1).ddl());
                    assertEquals(expected.get(r).get(c), actual.get(r).get(c), where);
                }
            }
            // And each value found again through a pushed filter on its own column.
            for (int c = 0; c < 5; c++) {
                List<Object> row = expected.get(random.nextInt(expected.size()));
                Object v = row.get(c + 1);
                if (v != null) {
                    String s = "SELECT id FROM t WHERE c" + c + " = ? AND id = ?";
                    assertEquals(
                            List.of(Arrays.asList(row.getFirst())),
                            query(sql, s, SqlTestSupport.parameter(v), row.getFirst()),
                            s);
                }
            }
        }
    }

    @Test
    void javaTimeParameters() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, d DATE, ts TIMESTAMP)");
            LocalDate d = LocalDate.of(2024, 2, 29);
            LocalDateTime ts = LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_000_000);
            sql.execute("INSERT INTO t VALUES (?, ?, ?)", 1L, d, ts);
            assertEquals(List.of(List.of(1L, d, ts)), query(sql, "SELECT * FROM t"));
            assertEquals(List.of(List.of(1L)), query(sql, "SELECT id FROM t WHERE d = ? AND ts = ?", d, ts));
        }
    }
}

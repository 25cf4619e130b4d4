package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.column;
import static io.quiver.sql.SqlTestSupport.explain;
import static io.quiver.sql.SqlTestSupport.literal;
import static io.quiver.sql.SqlTestSupport.parameter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Comparisons pushed into the engine on every comparable type give what SQL says, for literals and parameters. */
@ExtendWith(TestRandom.class)
class SqlTypedFiltersTest {
    @TempDir
    Path dir;

    private record Type(String ddl, Function<Random, Object> value) {}

    private static final List<Type> TYPES = List.of(
            new Type("BOOLEAN", Random::nextBoolean),
            new Type("TINYINT", r -> (long) r.nextInt(-5, 5)),
            new Type("INTEGER", r -> (long) r.nextInt(-20, 20)),
            new Type("BIGINT", r -> r.nextLong(-30, 30) * 1_000_000_007L),
            new Type("REAL", r -> r.nextInt(-40, 40) / 8f),
            new Type("DOUBLE", r -> r.nextInt(-40, 40) / 3.0),
            new Type(
                    "DECIMAL(8, 2)",
                    r -> BigDecimal.valueOf(r.nextInt(-3000, 3000), 2).stripTrailingZeros()),
            new Type("DATE", r -> LocalDate.of(2020, 1, 1).plusDays(r.nextInt(-30, 30))),
            new Type(
                    "TIMESTAMP",
                    r -> LocalDateTime.of(2020, 1, 1, 0, 0)
                            .plusSeconds(r.nextInt(-50, 50) * 3601L)
                            .plusNanos(r.nextInt(3) * 1_000_000L)),
            new Type("VARCHAR", r -> "aAbB_%".substring(r.nextInt(3), r.nextInt(3, 7))),
            new Type("VARBINARY", r -> ByteBuffer.wrap(new byte[] {(byte) r.nextInt(-3, 3), (byte) r.nextInt(2)})));

    private static final List<String> OPS = List.of("=", "<>", "<", "<=", ">", ">=");

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        return switch (a) {
            case ByteBuffer x -> Arrays.compareUnsigned(SqlTestSupport.bytes(x), SqlTestSupport.bytes((ByteBuffer) b));
            case BigDecimal x -> x.compareTo((BigDecimal) b);
            default -> ((Comparable) a).compareTo(b);
        };
    }

    private static boolean holds(Object value, String op, Object constant) {
        if (value == null) {
            return false;
        }
        int c = compare(value, constant);
        return switch (op) {
            case "=" -> c == 0;
            case "<>" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    @Test
    void comparisonsOnEveryType(Random random) throws Exception {
        StringBuilder ddl = new StringBuilder("CREATE TABLE t (id BIGINT PRIMARY KEY");
        for (int i = 0; i < TYPES.size(); i++) {
            ddl.append(", c").append(i).append(' ').append(TYPES.get(i).ddl());
        }
        List<List<Object>> rows = new ArrayList<>();
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute(ddl + ")");
            for (long id = 0; id < 120; id++) {
                List<Object> row = new ArrayList<>(List.of(id));
                TYPES.forEach(
                        t -> row.add(random.nextInt(8) == 0 ? null : t.value().apply(random)));
                rows.add(row);
            }
            sql.execute("INSERT INTO t VALUES " + DmlModel.valuesLiterals(rows));
            for (int round = 0; round < 25; round++) {
                int c = random.nextInt(TYPES.size());
                String op = OPS.get(random.nextInt(OPS.size()));
                Object constant = TYPES.get(c).value().apply(random);
                List<Object> expected = rows.stream()
                        .filter(r -> holds(r.get(c + 1), op, constant))
                        .map(List::getFirst)
                        .toList();
                String what = TYPES.get(c).ddl() + " c" + c + " " + op + " " + literal(constant);
                String withLiteral = "SELECT id FROM t WHERE c" + c + " " + op + " " + literal(constant);
                assertTrue(
                        explain(sql, withLiteral).contains("filter=["),
                        what + ": pushed\n" + explain(sql, withLiteral));
                assertEquals(expected, column(sql, withLiteral + " ORDER BY id"), what + " (literal)");
                String withParameter = "SELECT id FROM t WHERE c" + c + " " + op + " ?";
                assertEquals(
                        expected,
                        column(sql, withParameter + " ORDER BY id", parameter(constant)),
                        what + " (parameter)");
            }
        }
    }

    @Test
    void aFractionalParameterAgainstAnIntegerColumn() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, k INTEGER)");
            sql.execute("INSERT INTO t VALUES (1, 1), (2, 2), (3, 3)");
            assertEquals(List.of(3L), column(sql, "SELECT id FROM t WHERE k > 2.5"));
            // The parameter is typed INTEGER (from k): a fraction is a clear error, as in PostgreSQL.
            SqlTestSupport.assertSqlError(
                    java.sql.SQLDataException.class,
                    "cannot be compared with column k",
                    () -> sql.execute("SELECT id FROM t WHERE k > ?", new BigDecimal("2.5")));
            assertEquals(List.of(3L), column(sql, "SELECT id FROM t WHERE k > ?", 2L));
        }
    }
}

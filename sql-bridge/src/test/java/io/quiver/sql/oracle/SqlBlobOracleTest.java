package io.quiver.sql.oracle;

import static org.junit.jupiter.api.Assertions.fail;

import io.quiver.engine.testing.TestRandom;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * BLOB columns against DuckDB, whose BLOB is PostgreSQL's bytea: a seeded table of random binary
 * values (NULL, empty, short ones from a few edge bytes so that equal values and prefixes are
 * common, and long ones on both sides of the engine's 4 KiB inline limit and across 64 KiB
 * chunks), read through every expression that takes a binary string. Each query shape runs with
 * several sets of parameters. DuckDB has no SUBSTRING of a BLOB; its side takes the same bytes
 * through hex text (positions from 1 only: DuckDB counts a start before 1 otherwise, and {@code
 * io.quiver.sql.SqlBlobTest} checks those against PostgreSQL's answers).
 */
@ExtendWith(TestRandom.class)
class SqlBlobOracleTest {
    private static final int ROWS = 160;
    private static final int ROUNDS = 4;

    @TempDir
    Path dir;

    /** A query shape: its SQL in Quiver's dialect and DuckDB's, and a maker of its parameters. */
    private record Shape(
            String kind,
            String quiver,
            String duck,
            List<Integer> sortKeys,
            boolean totalOrder,
            Function<Random, List<Object>> parameters) {
        static Shape unordered(String kind, String sql, Function<Random, List<Object>> parameters) {
            return new Shape(kind, sql, sql, List.of(), false, parameters);
        }
    }

    @Test
    void blobsAnswerAsDuckDbsBlobsDo(Random random) throws Exception {
        List<String> mismatches = new ArrayList<>();
        try (Engines engines = new Engines(dir)) {
            List<byte[]> values = new ArrayList<>();
            Runner run = (sql, parameters) -> {
                Outcome q = engines.quiver(sql, parameters);
                Outcome d = engines.duck(sql, parameters);
                String why = ResultComparator.difference(OracleQuery.unordered("setup", sql), q, d);
                if (why != null) {
                    mismatches.add(report("setup", why, sql, parameters, q, d));
                }
            };
            run.run("CREATE TABLE p (id BIGINT PRIMARY KEY, g INTEGER, pic BLOB, vb VARBINARY)", List.of());
            // Several statements, so several fragments; then changes read through merge-on-read.
            for (int first = 1; first <= ROWS; first += 40) {
                StringJoiner rows = new StringJoiner(", ", "INSERT INTO p VALUES ", "");
                List<Object> parameters = new ArrayList<>();
                for (long id = first; id < first + 40; id++) {
                    byte[] pic = value(random);
                    byte[] vb = random.nextInt(3) == 0 ? pic : random.nextBoolean() ? null : value(random);
                    if (pic != null) {
                        values.add(pic);
                    }
                    rows.add("(?, ?, ?, ?)");
                    parameters.addAll(Arrays.asList(id, random.nextInt(5), pic, vb));
                }
                run.run(rows.toString(), parameters);
            }
            run.run("UPDATE p SET pic = vb WHERE g = 3", List.of());
            run.run("DELETE FROM p WHERE id % 13 = 0", List.of());
            run.run("UPDATE p SET vb = pic WHERE g = 4 AND id % 2 = 0", List.of());

            Function<Random, List<Object>> none = r -> List.of();
            Function<Random, List<Object>> probe = r -> List.of(probe(r, values));
            Function<Random, List<Object>> range = r -> {
                int start = r.nextInt(4) == 0 ? 1 : position(r);
                return List.of(start, r.nextInt(1, 80));
            };
            String hexSlice = "from_hex(substring(hex(%s), 2 * CAST(? AS INTEGER) - 1, 2 * CAST(? AS INTEGER)))";
            List<Shape> shapes = List.of(
                    new Shape("contents", "SELECT id, g, pic, vb FROM p ORDER BY id", null, List.of(0), true, none),
                    Shape.unordered("octet_length", "SELECT id, octet_length(pic), octet_length(vb) FROM p", none),
                    new Shape(
                            "substring",
                            "SELECT id, SUBSTRING(pic FROM CAST(? AS INTEGER) FOR CAST(? AS INTEGER)) FROM p",
                            "SELECT id, " + hexSlice.formatted("pic") + " FROM p",
                            List.of(),
                            false,
                            range),
                    new Shape(
                            "substring to the end",
                            "SELECT id, SUBSTRING(pic FROM CAST(? AS INTEGER)) FROM p WHERE g < 3",
                            "SELECT id, from_hex(substring(hex(pic), 2 * CAST(? AS INTEGER) - 1)) FROM p WHERE g < 3",
                            List.of(),
                            false,
                            r -> List.of(position(r))),
                    new Shape(
                            "substring compared",
                            "SELECT id FROM p WHERE SUBSTRING(pic FROM 1 FOR 2) = ?",
                            "SELECT id FROM p WHERE from_hex(substring(hex(pic), 1, 4)) = ?",
                            List.of(),
                            false,
                            r -> {
                                byte[] v = probe(r, values);
                                return List.of(Arrays.copyOf(v, Math.min(2, v.length)));
                            }),
                    Shape.unordered("=", "SELECT id FROM p WHERE pic = ?", probe),
                    Shape.unordered("<>", "SELECT id FROM p WHERE pic <> ?", probe),
                    Shape.unordered("<", "SELECT id, pic < ? FROM p", probe),
                    Shape.unordered(">=", "SELECT id FROM p WHERE pic >= ? AND g <> 2", probe),
                    Shape.unordered(
                            "between",
                            "SELECT id FROM p WHERE pic BETWEEN ? AND ?",
                            r -> List.of(probe(r, values), probe(r, values))),
                    Shape.unordered("column = column", "SELECT id, pic = vb, pic > vb FROM p", none),
                    new Shape("order by", "SELECT id, pic FROM p ORDER BY pic, id", null, List.of(1, 0), true, none),
                    new Shape(
                            "order by desc",
                            "SELECT pic, id FROM p WHERE g <> ? ORDER BY pic DESC, id",
                            null,
                            List.of(0, 1),
                            true,
                            r -> List.of(r.nextInt(5))),
                    Shape.unordered("group by", "SELECT pic, COUNT(*), MIN(id) FROM p GROUP BY pic", none),
                    Shape.unordered("distinct", "SELECT DISTINCT pic FROM p", none),
                    Shape.unordered(
                            "aggregates",
                            "SELECT g, MIN(pic), MAX(pic), COUNT(pic), COUNT(DISTINCT pic), SUM(octet_length(pic))"
                                    + " FROM p GROUP BY g",
                            none),
                    Shape.unordered(
                            "concatenation",
                            "SELECT id, pic || CAST(? AS VARBINARY), CAST(? AS VARBINARY) || vb FROM p",
                            r -> {
                                byte[] b = small(r);
                                return Arrays.asList(b, b);
                            }),
                    Shape.unordered(
                            "join", "SELECT a.id, b.id FROM p a JOIN p b ON a.pic = b.vb WHERE a.id <> b.id", none),
                    Shape.unordered(
                            "nulls",
                            "SELECT id, pic IS NULL FROM p WHERE pic IS NULL OR g = ?",
                            r -> List.of(r.nextInt(5))),
                    Shape.unordered("coalesce", "SELECT id, COALESCE(pic, vb, ?) FROM p", probe),
                    new Shape(
                            "case",
                            "SELECT id, CASE WHEN octet_length(pic) > 8 THEN SUBSTRING(pic FROM 1 FOR 8) ELSE vb END"
                                    + " FROM p",
                            "SELECT id, CASE WHEN octet_length(pic) > 8 THEN from_hex(substring(hex(pic), 1, 16))"
                                    + " ELSE vb END FROM p",
                            List.of(),
                            false,
                            none),
                    Shape.unordered(
                            "union all", "SELECT pic FROM p WHERE g = 1 UNION ALL SELECT vb FROM p WHERE g = 2", none),
                    Shape.unordered(
                            "subquery",
                            "SELECT id, pic FROM p WHERE pic IN (SELECT vb FROM p WHERE g = ?)",
                            r -> List.of(r.nextInt(5))));
            for (Shape shape : shapes) {
                for (int round = 0; round < ROUNDS; round++) {
                    List<Object> parameters = shape.parameters().apply(random);
                    if (round > 0 && parameters.isEmpty()) {
                        break;
                    }
                    String duckSql = shape.duck() == null ? shape.quiver() : shape.duck();
                    Outcome q = engines.quiver(shape.quiver(), parameters);
                    Outcome d = engines.duck(duckSql, parameters);
                    OracleQuery query = new OracleQuery(
                            shape.quiver(), shape.kind(), shape.sortKeys(), shape.totalOrder(), parameters);
                    String why = ResultComparator.difference(query, q, d);
                    if (why == null && q.failed()) {
                        why = "both engines refused it (a generator bug)";
                    }
                    if (why != null) {
                        mismatches.add(report(shape.kind(), why, shape.quiver(), parameters, q, d));
                    }
                }
            }
        }
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " BLOB queries disagree with DuckDB (replay: -Dquiver.seed=" + TestRandom.BASE_SEED
                    + " -Dtest=SqlBlobOracleTest)\n" + String.join("\n", mismatches));
        }
    }

    private interface Runner {
        void run(String sql, List<Object> parameters);
    }

    private static String report(String kind, String why, String sql, List<Object> parameters, Outcome q, Outcome d) {
        StringJoiner shown = new StringJoiner(", ", "[", "]");
        parameters.forEach(p -> shown.add(
                p instanceof byte[] b
                        ? "X'" + ResultComparator.clip(HexFormat.of().formatHex(b), 40) + "'"
                        : "" + p));
        return "[" + kind + ": " + why + "]\n  SQL:    " + sql + "  parameters " + shown + "\n  Quiver: "
                + ResultComparator.show(q, 3) + "\n  DuckDB: " + ResultComparator.show(d, 3)
                + (ResultComparator.onlyIn(q, d, 3) == null ? "" : "\n  " + ResultComparator.onlyIn(q, d, 3));
    }

    /**
     * A stored value: NULL, empty, short ones made of a few edge bytes (equal values and prefixes
     * common), or long ones: on both sides of the 4 KiB inline limit, and across 64 KiB chunks.
     */
    private static byte[] value(Random r) {
        int kind = r.nextInt(20);
        if (kind < 2) {
            return null;
        }
        if (kind < 4) {
            return new byte[0];
        }
        if (kind < 12) {
            return small(r);
        }
        int length = kind < 16
                ? r.nextInt(5, 300)
                : kind < 19 ? r.nextInt(4096 - 8, 4096 + 8) + (kind - 16) * 2000 : r.nextInt(65_000, 200_000);
        byte[] b = new byte[length];
        r.nextBytes(b);
        return b;
    }

    private static byte[] small(Random r) {
        byte[] b = new byte[r.nextInt(1, 5)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte)
                    List.of(0, 1, 0x7f, 0x80, 0xfe, 0xff).get(r.nextInt(6)).intValue();
        }
        return b;
    }

    /** A value to compare with: a stored one, a prefix of one, or a short random one. */
    private static byte[] probe(Random r, List<byte[]> values) {
        return switch (r.nextInt(3)) {
            case 0 -> values.get(r.nextInt(values.size()));
            case 1 -> {
                byte[] v = values.get(r.nextInt(values.size()));
                yield Arrays.copyOf(v, r.nextInt(v.length + 1));
            }
            default -> small(r);
        };
    }

    /** A SUBSTRING start: near the front, near the inline limit or a chunk's end, or past most values. */
    private static int position(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextInt(1, 10);
            case 1 -> r.nextInt(4090, 4100);
            case 2 -> r.nextInt(65_530, 65_540);
            default -> r.nextInt(1, 250_000);
        };
    }
}

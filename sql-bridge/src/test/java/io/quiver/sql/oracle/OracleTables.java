package io.quiver.sql.oracle;

import io.quiver.sql.oracle.OracleColumn.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * The oracle's two tables, made the same in both engines: {@code a} has a column of every SQL
 * type Quiver stores (besides BLOB and VECTOR, which DuckDB lacks or spells otherwise), {@code b}
 * refers to {@code a} through {@code aid}. Rows arrive in several INSERT statements (several
 * fragments), then UPDATE, DELETE, UPSERT and INSERT ... ON CONFLICT change them, so that
 * queries read through merge-on-read.
 */
final class OracleTables {
    static final List<OracleColumn> A = List.of(
            new OracleColumn("id", Kind.BIGINT, "BIGINT PRIMARY KEY"),
            new OracleColumn("g", Kind.GROUP, "INTEGER"),
            new OracleColumn("bo", Kind.BOOLEAN, "BOOLEAN"),
            new OracleColumn("ti", Kind.TINYINT, "TINYINT"),
            new OracleColumn("si", Kind.SMALLINT, "SMALLINT"),
            new OracleColumn("i", Kind.INTEGER, "INTEGER"),
            new OracleColumn("k", Kind.SMALL_INTEGER, "INTEGER"),
            new OracleColumn("bi", Kind.BIGINT, "BIGINT"),
            new OracleColumn("r", Kind.REAL, "REAL"),
            new OracleColumn("d", Kind.DOUBLE, "DOUBLE"),
            new OracleColumn("m", Kind.DECIMAL, "DECIMAL(10, 2)"),
            new OracleColumn("dt", Kind.DATE, "DATE"),
            new OracleColumn("ts", Kind.TIMESTAMP, "TIMESTAMP"),
            new OracleColumn("s", Kind.VARCHAR, "VARCHAR"),
            new OracleColumn("vb", Kind.VARBINARY, "VARBINARY"));

    static final List<OracleColumn> B = List.of(
            new OracleColumn("id", Kind.BIGINT, "BIGINT PRIMARY KEY"),
            new OracleColumn("aid", Kind.BIGINT, "BIGINT"),
            new OracleColumn("g", Kind.GROUP, "INTEGER"),
            new OracleColumn("k", Kind.SMALL_INTEGER, "INTEGER"),
            new OracleColumn("m", Kind.DECIMAL, "DECIMAL(12, 3)"),
            new OracleColumn("s", Kind.VARCHAR, "VARCHAR"));

    static final int A_IDS = 200;
    static final int B_IDS = 80;

    private OracleTables() {}

    /** Every column of a table but its TIMESTAMP ones, by key. */
    static String contentsWithoutTimestamps(String table) {
        StringJoiner j = new StringJoiner(", ", "SELECT ", " FROM " + table);
        (table.equals("a") ? A : B)
                .stream().filter(c -> c.kind() != Kind.TIMESTAMP).forEach(c -> j.add(c.name()));
        return j.toString();
    }

    static String create(String table, List<OracleColumn> columns) {
        StringJoiner j = new StringJoiner(", ", "CREATE TABLE " + table + " (", ")");
        columns.forEach(c -> j.add(c.name() + " " + c.ddl()));
        return j.toString();
    }

    /** Every statement that builds the tables, in order; {@code run} tells both engines one. */
    static void build(Random random, Consumer<String> run) {
        run.accept(create("a", A));
        run.accept(create("b", B));
        List<Long> ids = shuffledIds(random, A_IDS);
        List<Long> inserted = ids.subList(0, A_IDS * 3 / 4);
        for (List<Long> fragment : fragments(inserted, 4)) {
            run.accept("INSERT INTO a VALUES " + rows(random, A, fragment, null));
        }
        for (List<Long> fragment : fragments(shuffledIds(random, B_IDS).subList(0, B_IDS * 3 / 4), 2)) {
            run.accept("INSERT INTO b VALUES " + rows(random, B, fragment, inserted));
        }
        // Changes, so that reads merge deletions and replaced rows over the fragments.
        run.accept("UPDATE a SET k = k + 1, s = s || 'u' WHERE g = " + random.nextInt(5));
        run.accept("UPDATE a SET m = -m, bo = NOT bo WHERE id % 5 = " + random.nextInt(5));
        run.accept("UPDATE a SET ts = " + OracleColumn.literal(A.get(12).random(random)) + ", dt = NULL WHERE k < -80");
        run.accept("DELETE FROM a WHERE id % 11 = " + random.nextInt(11));
        run.accept("DELETE FROM a WHERE k > 90");
        run.accept("UPDATE b SET k = k - 1 WHERE aid IS NULL OR g = 1");
        run.accept("DELETE FROM b WHERE id % 7 = 3");
        List<Long> upserted = new ArrayList<>(ids.subList(A_IDS * 3 / 4, A_IDS * 3 / 4 + 8));
        upserted.addAll(inserted.subList(0, 8));
        run.accept("UPSERT INTO a VALUES " + rows(random, A, upserted, null));
        List<Long> conflicting = new ArrayList<>(ids.subList(A_IDS * 3 / 4 + 8, A_IDS * 3 / 4 + 14));
        conflicting.addAll(inserted.subList(8, 20));
        run.accept("INSERT INTO a VALUES " + rows(random, A, conflicting, null)
                + " ON CONFLICT (id) DO UPDATE SET i = EXCLUDED.i, s = EXCLUDED.s, ts = EXCLUDED.ts");
        List<Long> ignored = new ArrayList<>(ids.subList(A_IDS * 3 / 4 + 14, A_IDS * 3 / 4 + 18));
        ignored.addAll(inserted.subList(20, 26));
        run.accept("INSERT INTO a VALUES " + rows(random, A, ignored, null) + " ON CONFLICT (id) DO NOTHING");
    }

    private static List<Long> shuffledIds(Random random, int n) {
        List<Long> ids = new ArrayList<>();
        for (long id = 1; id <= n; id++) {
            ids.add(id);
        }
        Collections.shuffle(ids, random);
        return ids;
    }

    private static List<List<Long>> fragments(List<Long> ids, int n) {
        List<List<Long>> out = new ArrayList<>();
        int size = (ids.size() + n - 1) / n;
        for (int from = 0; from < ids.size(); from += size) {
            out.add(ids.subList(from, Math.min(ids.size(), from + size)));
        }
        return out;
    }

    /** VALUES rows for these keys; {@code aIds} (for b.aid) are keys of a to refer to. */
    private static String rows(Random random, List<OracleColumn> columns, List<Long> ids, List<Long> aIds) {
        StringJoiner rows = new StringJoiner(", ");
        for (long id : ids) {
            StringJoiner row = new StringJoiner(", ", "(", ")");
            row.add(Long.toString(id));
            for (OracleColumn c : columns.subList(1, columns.size())) {
                Object v = c.name().equals("aid")
                        ? (random.nextInt(8) == 0
                                ? null
                                : random.nextInt(6) == 0 ? 999L : aIds.get(random.nextInt(aIds.size())))
                        : c.random(random);
                row.add(OracleColumn.literal(v));
            }
            rows.add(row.toString());
        }
        return rows.toString();
    }
}

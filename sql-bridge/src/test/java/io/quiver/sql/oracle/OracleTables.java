package io.quiver.sql.oracle;

import io.quiver.sql.oracle.OracleColumn.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

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

    static final int A_IDS = 160;
    static final int B_IDS = 80;

    private OracleTables() {}

    /** Every column of a table, TIMESTAMPs to the microsecond. */
    static String contents(String table) {
        StringJoiner j = new StringJoiner(", ", "SELECT ", " FROM " + table);
        (table.equals("a") ? A : B).forEach(c -> j.add(c.name()));
        return j.toString();
    }

    static String create(String table, List<OracleColumn> columns) {
        StringJoiner j = new StringJoiner(", ", "CREATE TABLE " + table + " (", ")");
        columns.forEach(c -> j.add(c.name() + " " + c.ddl()));
        return j.toString();
    }

    /** Tells both engines one statement, with values for its {@code ?} (empty for none). */
    interface Runner {
        void run(String sql, List<Object> parameters);

        default void run(String sql) {
            run(sql, List.of());
        }
    }

    /**
     * Every statement that builds the tables, in order. The first fragment of each table and the
     * changes are literal SQL; the other fragments bind their values as parameters (one plan for
     * all of them: Calcite takes seconds to plan a VALUES list of a hundred literals).
     */
    static void build(Random random, Runner run) {
        run.run(create("a", A));
        run.run(create("b", B));
        List<Long> ids = shuffledIds(random, A_IDS);
        int first = A_IDS * 3 / 4;
        List<Long> inserted = ids.subList(0, first);
        boolean literal = true;
        for (List<Long> fragment : fragments(inserted, 4)) {
            insert(run, random, "INSERT INTO a VALUES ", A, fragment, null, "", literal);
            literal = false;
        }
        literal = true;
        for (List<Long> fragment : fragments(shuffledIds(random, B_IDS).subList(0, B_IDS * 3 / 4), 2)) {
            insert(run, random, "INSERT INTO b VALUES ", B, fragment, inserted, "", literal);
            literal = false;
        }
        // Changes, so that reads merge deletions and replaced rows over the fragments.
        run.run("UPDATE a SET k = k + 1, s = s || 'u' WHERE g = " + random.nextInt(5));
        run.run("UPDATE a SET m = -m, bo = NOT bo WHERE id % 5 = " + random.nextInt(5));
        run.run("UPDATE a SET ts = " + OracleColumn.literal(A.get(12).random(random)) + ", dt = NULL WHERE k < -80");
        run.run("DELETE FROM a WHERE id % 11 = " + random.nextInt(11));
        run.run("DELETE FROM a WHERE k > 90");
        run.run("UPDATE b SET k = k - 1 WHERE aid IS NULL OR g = 1");
        run.run("DELETE FROM b WHERE id % 7 = 3");
        List<Long> upserted = new ArrayList<>(ids.subList(first, first + 8));
        upserted.addAll(inserted.subList(0, 8));
        insert(run, random, "UPSERT INTO a VALUES ", A, upserted, null, "", random.nextBoolean());
        List<Long> conflicting = new ArrayList<>(ids.subList(first + 8, first + 14));
        conflicting.addAll(inserted.subList(8, 20));
        Collections.shuffle(conflicting, random);
        insert(
                run,
                random,
                "INSERT INTO a VALUES ",
                A,
                conflicting,
                null,
                " ON CONFLICT (id) DO UPDATE SET i = EXCLUDED.i, s = EXCLUDED.s, ts = EXCLUDED.ts",
                true);
        List<Long> ignored = new ArrayList<>(ids.subList(first + 14, first + 18));
        ignored.addAll(inserted.subList(20, 26));
        insert(
                run,
                random,
                "INSERT INTO a VALUES ",
                A,
                ignored,
                null,
                " ON CONFLICT (id) DO NOTHING",
                random.nextBoolean());
    }

    private static void insert(
            Runner run,
            Random random,
            String head,
            List<OracleColumn> columns,
            List<Long> ids,
            List<Long> aIds,
            String tail,
            boolean literal) {
        List<Object> parameters = new ArrayList<>();
        StringJoiner rows = new StringJoiner(", ");
        for (long id : ids) {
            StringJoiner row = new StringJoiner(", ", "(", ")");
            if (literal) {
                row.add(Long.toString(id));
            } else {
                row.add("?");
                parameters.add(id);
            }
            for (OracleColumn c : columns.subList(1, columns.size())) {
                Object v = c.name().equals("aid")
                        ? (random.nextInt(8) == 0
                                ? null
                                : random.nextInt(6) == 0 ? 999L : aIds.get(random.nextInt(aIds.size())))
                        : c.random(random);
                if (literal) {
                    row.add(OracleColumn.literal(v));
                } else {
                    row.add("?");
                    parameters.add(v);
                }
            }
            rows.add(row.toString());
        }
        run.run(head + rows + tail, parameters);
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
}

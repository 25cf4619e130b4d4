package io.quiver.sql.oracle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes DuckDB answer as the SQL standard (PostgreSQL where it is silent) does, so that any
 * remaining difference is Quiver's. This file is the whole list of deliberate dialect
 * differences; each entry says why it is DuckDB's deviation, not a bug of Quiver's.
 *
 * <ul>
 *   <li>NULL order: DuckDB sorts NULLs first ascending by default; the standard leaves it to the
 *       implementation, PostgreSQL and Calcite put them last ascending, first descending.
 *       Setting {@code default_null_order}.
 *   <li>Integer division: DuckDB's {@code /} on integers gives a DOUBLE; the standard and
 *       PostgreSQL truncate. Setting {@code integer_division}.
 *   <li>Binary literals: DuckDB has no {@code X'..'}; translated to {@code from_hex('..')}.
 *   <li>UPPER('ß'): DuckDB gives 'ẞ' (U+1E9E), PostgreSQL and Java 'SS'; DuckDB's UPPER is
 *       wrapped in a macro that maps 'ẞ' to 'SS'.
 *   <li>UPSERT INTO: Quiver's statement is DuckDB's INSERT OR REPLACE INTO (both replace whole rows).
 *   <li>TIMESTAMPDIFF(unit, a, b) (JDBC's, Calcite's) and FLOOR(ts TO unit): DuckDB spells them
 *       {@code date_sub('unit', a, b)} (the whole units from a to b, counted toward zero, as
 *       TIMESTAMPDIFF counts) and {@code date_trunc('unit', ts)}.
 *   <li>Not generated at all (no translation would be honest): division by a value that may be
 *       zero (DuckDB gives NULL, the standard raises 22012); CAST(boolean AS VARCHAR) (the
 *       standard says 'TRUE', DuckDB and PostgreSQL 'true'); CAST of REAL/DOUBLE to VARCHAR
 *       (the digits are implementation-defined); EVERY/BOOL_AND (DuckDB lacks EVERY, Calcite's
 *       default library lacks BOOL_AND); LIKE with a backslash (PostgreSQL's default escape); CAST(s AS VARCHAR(n)) (DuckDB
 *       ignores n; the standard truncates); OCTET_LENGTH(varchar) (DuckDB has it for BLOB only); a DECIMAL product wider than 18
 *       digits (DuckDB raises, PostgreSQL's numeric is exact).
 *   <li>Integer literals: DuckDB types {@code 2} as the smallest integer type that holds it, so
 *       {@code ti * 2} is TINYINT arithmetic there and overflows; in the standard and PostgreSQL
 *       it is INTEGER. The generator writes {@code CAST(2 AS INTEGER)}.
 *   <li>Overflow: float arithmetic past DOUBLE's range and SUM of BIGINT past 2^63 raise 22003
 *       in Quiver (PostgreSQL raises for floats; for the sum Quiver follows Trino, where
 *       PostgreSQL returns a NUMERIC); DuckDB gives Infinity or a HUGEINT. Accepted when Quiver
 *       raised 22003 and DuckDB's answer holds such a value ({@link #overflowDuckDbKeeps}).
 *   <li>Non-finite floats: VAR_POP and STDDEV of values whose squares pass DOUBLE's range are NaN
 *       in Quiver, Infinity in DuckDB (PostgreSQL raises); NaN and the infinities compare equal.
 *   <li>SQLSTATE: DuckDB's JDBC driver gives none; its message kind stands in for the class
 *       ("Out of Range Error" = 22003, see {@link #expectedStateClass}).
 * </ul>
 */
final class DuckDialect {
    private static final Pattern BINARY = Pattern.compile("X'([0-9A-F]*)'");
    private static final Pattern UPPER = Pattern.compile("\\bUPPER\\(");
    private static final Pattern UPSERT = Pattern.compile("^UPSERT INTO ");
    private static final Pattern TIMESTAMPDIFF = Pattern.compile("\\bTIMESTAMPDIFF\\((\\w+), ");
    private static final Pattern FLOOR_TO = Pattern.compile("\\bFLOOR\\((\\w+) TO (\\w+)\\)");

    private static final List<String> SETUP = List.of(
            "SET default_null_order = 'nulls_last_on_asc_first_on_desc'",
            "SET integer_division = true",
            "CREATE MACRO pg_upper(s) AS replace(upper(s), 'ẞ', 'SS')");

    /** How NaN and the infinities compare (see the class comment). */
    static final String NON_FINITE = "non-finite";

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private DuckDialect() {}

    /**
     * Whether Quiver raised 22003 where DuckDB answered with a value past the range Quiver keeps:
     * a non-finite float, or an integer beyond BIGINT, or a SUM of the BIGINT column that passed
     * BIGINT in some group (see the class comment).
     */
    static boolean overflowDuckDbKeeps(String sql, Outcome quiver, Outcome duck) {
        if (!(quiver.error() instanceof SQLException e) || !"22003".equals(e.getSQLState())) {
            return false;
        }
        // A group's SUM of BIGINT overflows before HAVING may drop the group.
        if (sql.contains("SUM(bi)") && e.getMessage().contains("does not fit BIGINT")) {
            return true;
        }
        return duck.rows().stream().flatMap(List::stream).anyMatch(v -> switch (v) {
            case Double d -> !Double.isFinite(d);
            case Float f -> !Float.isFinite(f);
            case BigInteger i -> i.compareTo(LONG_MIN) < 0 || i.compareTo(LONG_MAX) > 0;
            case BigDecimal d ->
                d.scale() <= 0
                        && (d.toBigInteger().compareTo(LONG_MIN) < 0
                                || d.toBigInteger().compareTo(LONG_MAX) > 0);
            case null, default -> false;
        });
    }

    static void setUp(Connection duck) throws SQLException {
        try (Statement s = duck.createStatement()) {
            for (String statement : SETUP) {
                s.execute(statement);
            }
        }
    }

    /** A statement in the shared dialect as DuckDB must be told it. */
    static String translate(String sql) {
        String out = BINARY.matcher(sql).replaceAll("from_hex('$1')");
        out = UPPER.matcher(out).replaceAll("pg_upper(");
        out = TIMESTAMPDIFF.matcher(out).replaceAll("date_sub('$1', ");
        out = FLOOR_TO.matcher(out).replaceAll("date_trunc('$2', $1)");
        return UPSERT.matcher(out).replaceFirst("INSERT OR REPLACE INTO ");
    }

    /** The SQLSTATE class (two characters) a DuckDB error stands for, or null when unknown. */
    static String expectedStateClass(String duckMessage) {
        String m = String.valueOf(duckMessage);
        if (m.startsWith("Out of Range Error") || m.contains("out of range for the destination type")) {
            return "22";
        }
        if (m.startsWith("Conversion Error") || m.startsWith("Invalid Input Error")) {
            return "22";
        }
        return null;
    }
}

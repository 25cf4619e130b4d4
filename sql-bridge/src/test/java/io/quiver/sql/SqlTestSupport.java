package io.quiver.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.sql.exec.ResultValues;
import io.quiver.sql.schema.BlobValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.function.Executable;

/**
 * What the SQL tests share: results read into lists of comparable values, EXPLAIN text, the
 * version DESCRIBE reports, SQL literals for model values, and the check that a failure is a
 * typed SQLException with a clear message.
 */
final class SqlTestSupport {
    private static final Pattern VERSION = Pattern.compile("version (\\d+), (\\d+) rows");

    private SqlTestSupport() {}

    /** Every row of a result, each value {@link #normalize normalized}; the result set is closed. */
    static List<List<Object>> rows(SqlResult result) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (ResultSet rs = result.rows()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(normalize(ResultValues.read(rs, i)));
                }
                out.add(row);
            }
        }
        return out;
    }

    /** The rows of a query; an exception other than SQLException (a bug) fails naming the query. */
    static List<List<Object>> query(QuiverSql sql, String query, Object... params) throws SQLException {
        try {
            return rows(sql.execute(query, params));
        } catch (RuntimeException e) {
            throw new AssertionError("not a SQLException from " + query + ": " + e, e);
        }
    }

    /** The first column of every row. */
    static List<Object> column(QuiverSql sql, String query, Object... params) throws SQLException {
        return query(sql, query, params).stream().map(List::getFirst).toList();
    }

    /**
     * One form per kind of value, so rows compare with equals: every integer a Long, DATE a
     * LocalDate, TIMESTAMP a LocalDateTime, VARBINARY and BLOB a ByteBuffer, a vector a
     * List<Float>, a decimal without trailing zeros.
     */
    static Object normalize(Object value) throws SQLException {
        return switch (value) {
            case null -> null;
            case Byte b -> (long) b;
            case Short s -> (long) s;
            case Integer i -> (long) i;
            case BigDecimal d -> d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
            case java.sql.Date d -> d.toLocalDate();
            case java.sql.Timestamp t -> t.toLocalDateTime();
            case byte[] b -> ByteBuffer.wrap(b);
            case BlobValue b -> {
                try {
                    yield ByteBuffer.wrap(b.bytes());
                } catch (IOException e) {
                    throw new SQLException(e);
                }
            }
            case Array a -> a.getArray() instanceof float[] f ? vector(f) : vector((Object[]) a.getArray());
            case List<?> l -> vector(l.toArray());
            case float[] f -> vector(f);
            default -> value;
        };
    }

    static List<Float> vector(float[] values) {
        List<Float> out = new ArrayList<>(values.length);
        for (float f : values) {
            out.add(f);
        }
        return out;
    }

    private static List<Float> vector(Object[] values) {
        List<Float> out = new ArrayList<>(values.length);
        for (Object o : values) {
            out.add(o == null ? null : ((Number) o).floatValue());
        }
        return out;
    }

    /** The plan EXPLAIN PLAN FOR gives for a query. */
    static String explain(QuiverSql sql, String query, Object... params) throws SQLException {
        StringJoiner text = new StringJoiner("\n");
        for (List<Object> row : query(sql, "EXPLAIN PLAN FOR " + query, params)) {
            text.add(String.valueOf(row.getFirst()));
        }
        return text.toString();
    }

    /** The table's version, from the last row of DESCRIBE ("version N, M rows"). */
    static long version(QuiverSql sql, String table) throws SQLException {
        return describeTable(sql, table).group(1).transform(Long::parseLong);
    }

    /** The table's row count, from DESCRIBE. */
    static long describedRows(QuiverSql sql, String table) throws SQLException {
        return describeTable(sql, table).group(2).transform(Long::parseLong);
    }

    private static Matcher describeTable(QuiverSql sql, String table) throws SQLException {
        List<Object> last = query(sql, "DESCRIBE " + table).getLast();
        Matcher m = VERSION.matcher(String.valueOf(last.get(4)));
        assertTrue(m.matches() && "table".equals(last.get(1)), "DESCRIBE's table row: " + last);
        return m;
    }

    /** Everything a failed statement must leave unchanged: DESCRIBE and every row, in key order. */
    static String state(QuiverSql sql, String table) throws SQLException {
        return query(sql, "DESCRIBE " + table) + "\n" + query(sql, "SELECT * FROM " + table + " ORDER BY 1");
    }

    /**
     * Runs a statement that must fail with {@code type}, its message containing {@code fragment}
     * (ignoring case) and no sign of an internal error; returns the exception.
     */
    static <T extends SQLException> T assertSqlError(Class<T> type, String fragment, Executable statement) {
        SQLException e = assertThrows(SQLException.class, statement);
        String message = String.valueOf(e.getMessage());
        assertFalse(
                message.toLowerCase(Locale.ROOT).contains("internal error"),
                () -> "an internal error (a bug): " + message);
        assertInstanceOf(type, e, () -> "expected " + type.getSimpleName() + ", got " + e);
        assertTrue(
                message.toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT)),
                () -> "the message '" + message + "' should contain '" + fragment + "'");
        return type.cast(e);
    }

    /** A model value as a SQL literal (NULL, numbers, 'text' quoted, X'..', ARRAY[..], DATE '..'). */
    static String literal(Object value) {
        return switch (value) {
            case null -> "NULL";
            case String s -> "'" + s.replace("'", "''") + "'";
            case ByteBuffer b -> "X'" + HexFormat.of().formatHex(bytes(b)) + "'";
            case List<?> v -> {
                StringJoiner j = new StringJoiner(", ", "ARRAY[", "]");
                v.forEach(f -> j.add(String.valueOf(f)));
                yield j.toString();
            }
            case java.time.LocalDate d -> "DATE '" + d + "'";
            case java.time.LocalDateTime t ->
                "TIMESTAMP '" + t.toLocalDate() + " " + t.toLocalTime().format(TIME) + "'";
            case Boolean b -> b ? "TRUE" : "FALSE";
            case BigDecimal d -> d.toPlainString();
            default -> String.valueOf(value);
        };
    }

    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** A model value as a statement parameter (float[] for a vector, byte[] for bytes). */
    static Object parameter(Object value) {
        return switch (value) {
            case null -> null;
            case ByteBuffer b -> bytes(b);
            case List<?> v -> {
                float[] f = new float[v.size()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (Float) v.get(i);
                }
                yield f;
            }
            case java.time.LocalDate d -> java.sql.Date.valueOf(d);
            case java.time.LocalDateTime t -> java.sql.Timestamp.valueOf(t);
            default -> value;
        };
    }
}

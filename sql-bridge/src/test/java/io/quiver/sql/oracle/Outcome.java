package io.quiver.sql.oracle;

import io.quiver.sql.QuiverSql;
import io.quiver.sql.SqlResult;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What one engine answered to one statement: rows of normalized values (every exact number a
 * BigDecimal without trailing zeros, every approximate one a Double, DATE a LocalDate, TIMESTAMP
 * a LocalDateTime, bytes a byte[]) with, per column, whether its type is approximate; or the
 * error it raised; or an update count.
 */
record Outcome(List<List<Object>> rows, boolean[] approximate, long updateCount, Throwable error) {
    static Outcome failed(Throwable error) {
        return new Outcome(List.of(), new boolean[0], -1, error);
    }

    boolean failed() {
        return error != null;
    }

    /** Runs a statement on Quiver: any exception is an outcome, a non-SQLException one a bug. */
    static Outcome quiver(QuiverSql sql, String statement, List<Object> parameters) {
        try {
            SqlResult result = sql.execute(statement, parameters.toArray());
            if (!result.hasRows()) {
                return new Outcome(List.of(), new boolean[0], result.updateCount(), null);
            }
            try (ResultSet rs = result.rows()) {
                return read(rs, false);
            }
        } catch (Throwable e) {
            return failed(e);
        }
    }

    /** Runs a statement (already in DuckDB's dialect) on DuckDB. */
    static Outcome duck(Connection duck, String statement, List<Object> parameters) {
        try (PreparedStatement s = duck.prepareStatement(statement)) {
            for (int i = 0; i < parameters.size(); i++) {
                // DuckDB's driver converts a LocalDate through java.sql.Date, which moves 1582-10-05..14
                // by ten days; as text DuckDB reads the day itself, in the proleptic calendar.
                Object p = parameters.get(i);
                if (p instanceof LocalDate d) {
                    s.setString(i + 1, d.toString());
                } else {
                    s.setObject(i + 1, p);
                }
            }
            if (!s.execute()) {
                return new Outcome(List.of(), new boolean[0], s.getUpdateCount(), null);
            }
            try (ResultSet rs = s.getResultSet()) {
                return read(rs, true);
            }
        } catch (Throwable e) {
            return failed(e);
        }
    }

    private static Outcome read(ResultSet rs, boolean datesAsText) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        boolean[] approximate = new boolean[n];
        for (int i = 0; i < n; i++) {
            int type = meta.getColumnType(i + 1);
            approximate[i] = type == Types.REAL || type == Types.FLOAT || type == Types.DOUBLE;
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(value(rs, i, meta.getColumnType(i), datesAsText));
            }
            rows.add(row);
        }
        return new Outcome(rows, approximate, -1, null);
    }

    /** Dates and times read as java.time where the driver can (java.sql.Date shifts pre-1582 days). */
    private static Object value(ResultSet rs, int i, int type, boolean datesAsText) throws SQLException {
        if (type == Types.DATE) {
            try {
                // DuckDB's getObject(i, LocalDate.class) goes through java.sql.Date (ten days off in
                // 1582-10-05..14); its text is the day itself.
                if (datesAsText) {
                    String text = rs.getString(i);
                    return text == null ? null : LocalDate.parse(text);
                }
                return rs.getObject(i, LocalDate.class);
            } catch (SQLException | RuntimeException e) {
                java.sql.Date d = rs.getDate(i);
                return d == null ? null : d.toLocalDate();
            }
        }
        if (type == Types.TIMESTAMP) {
            try {
                return rs.getObject(i, LocalDateTime.class);
            } catch (SQLException | RuntimeException e) {
                java.sql.Timestamp t = rs.getTimestamp(i);
                return t == null ? null : t.toLocalDateTime();
            }
        }
        return normalize(rs.getObject(i));
    }

    static Object normalize(Object value) throws SQLException {
        return switch (value) {
            case null -> null;
            case Byte b -> BigDecimal.valueOf(b);
            case Short s -> BigDecimal.valueOf(s);
            case Integer x -> BigDecimal.valueOf(x);
            case Long x -> BigDecimal.valueOf(x);
            case BigInteger x -> new BigDecimal(x);
            case BigDecimal d -> d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
            case Float f -> f.doubleValue();
            case java.sql.Date d -> d.toLocalDate();
            case java.sql.Timestamp t -> t.toLocalDateTime();
            case Blob b -> b.getBytes(1, Math.toIntExact(b.length()));
            default -> value;
        };
    }
}

package io.quiver.sql;

import java.sql.ResultSet;

/**
 * What a statement returned: rows (a query, SHOW, DESCRIBE, EXPLAIN) or a count of rows changed
 * (-1 for DDL) and a short message for the shell ("INSERT 3", "CREATE TABLE").
 */
public record SqlResult(ResultSet rows, long updateCount, String message) {
    public static SqlResult rows(ResultSet rows) {
        return new SqlResult(rows, -1, null);
    }

    public static SqlResult count(String verb, long rows) {
        return new SqlResult(null, rows, verb + " " + rows);
    }

    public static SqlResult done(String message) {
        return new SqlResult(null, 0, message);
    }

    public boolean hasRows() {
        return rows != null;
    }
}

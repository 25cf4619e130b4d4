package io.quiver.sql;

import io.quiver.sql.parse.CalciteText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Rows Quiver computes itself (SHOW TABLES, DESCRIBE) as an ordinary result set: a VALUES query
 * whose values are all parameters, so nothing is pasted into SQL text and the rows come with
 * full JDBC metadata.
 */
final class ValuesResult {
    private ValuesResult() {}

    /** {@code columns}: name and SQL type of each column; every row holds one value per column. */
    static ResultSet of(QuiverSql session, List<String[]> columns, List<Object[]> rows) throws SQLException {
        StringJoiner names = new StringJoiner(", ");
        columns.forEach(c -> names.add(CalciteText.quote(c[0])));
        List<Object> params = new ArrayList<>();
        String sql;
        if (rows.isEmpty()) {
            StringJoiner nulls = new StringJoiner(", ");
            columns.forEach(c -> nulls.add("CAST(NULL AS " + c[1] + ")"));
            sql = "SELECT * FROM (VALUES (" + nulls + ")) AS t(" + names + ") WHERE FALSE";
        } else {
            StringJoiner values = new StringJoiner(", ");
            for (Object[] row : rows) {
                StringJoiner cells = new StringJoiner(", ", "(", ")");
                for (int i = 0; i < columns.size(); i++) {
                    cells.add("CAST(? AS " + columns.get(i)[1] + ")");
                    params.add(row[i]);
                }
                values.add(cells.toString());
            }
            sql = "SELECT * FROM (VALUES " + values + ") AS t(" + names + ")";
        }
        return session.query(sql, params);
    }
}

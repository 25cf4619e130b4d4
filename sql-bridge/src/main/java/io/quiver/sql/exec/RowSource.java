package io.quiver.sql.exec;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;

/** Rows to write into a table, one at a time: a query's result set or rows Quiver made itself. */
public interface RowSource extends AutoCloseable {
    boolean next() throws SQLException;

    /** Value {@code column} (1-based, as in JDBC) of the current row. */
    Object get(int column) throws SQLException;

    @Override
    void close() throws SQLException;

    static RowSource of(ResultSet rows) {
        return new RowSource() {
            @Override
            public boolean next() throws SQLException {
                return rows.next();
            }

            @Override
            public Object get(int column) throws SQLException {
                return ResultValues.read(rows, column);
            }

            @Override
            public void close() throws SQLException {
                rows.close();
            }
        };
    }

    static RowSource of(List<Object[]> rows) {
        Iterator<Object[]> it = rows.iterator();
        return new RowSource() {
            private Object[] current;

            @Override
            public boolean next() {
                current = it.hasNext() ? it.next() : null;
                return current != null;
            }

            @Override
            public Object get(int column) {
                return current[column - 1];
            }

            @Override
            public void close() {}
        };
    }
}

package io.quiver.lance;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.DatasetOptions;
import io.quiver.sql.QuiverSql;
import io.quiver.sql.SqlResult;
import io.quiver.sql.schema.BlobValue;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.function.Executable;

/**
 * A SQL session on a warehouse for Lance tests, with its own root allocator: closing it closes
 * the session and then the allocator, which fails when anything is still allocated (every test
 * is a leak test). Results read into lists of plain comparable values.
 */
final class LanceSql implements AutoCloseable {
    final RootAllocator allocator = new RootAllocator();
    final QuiverSql sql;

    LanceSql(Path warehouse) throws SQLException {
        sql = QuiverSql.open(warehouse, DatasetOptions.DEFAULT.withAllocator(allocator));
    }

    void run(String statement, Object... params) throws SQLException {
        SqlResult r = sql.execute(statement, params);
        if (r.hasRows()) {
            r.rows().close();
        }
    }

    long count(String statement, Object... params) throws SQLException {
        return sql.execute(statement, params).updateCount();
    }

    /** Every row, values normalized: vectors as List of Float, binary and blobs as hex strings. */
    List<List<Object>> rows(String query, Object... params) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (ResultSet rs = sql.execute(query, params).rows()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(normalize(rs.getObject(i)));
                }
                out.add(row);
            }
        }
        return out;
    }

    /** The EXPLAIN text of a query. */
    String explain(String query, Object... params) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (List<Object> row : rows("EXPLAIN " + query, params)) {
            out.append(row.getFirst()).append('\n');
        }
        return out.toString();
    }

    static Object normalize(Object v) throws SQLException {
        return switch (v) {
            case null -> null;
            case Array a -> normalize(a.getArray());
            case float[] f -> {
                List<Object> values = new ArrayList<>();
                for (float e : f) {
                    values.add(e);
                }
                yield values;
            }
            case Object[] a -> {
                List<Object> values = new ArrayList<>();
                for (Object e : a) {
                    values.add(e == null ? null : ((Number) e).floatValue());
                }
                yield values;
            }
            case BlobValue b -> {
                try {
                    yield HexFormat.of().formatHex(b.bytes());
                } catch (IOException e) {
                    throw new SQLException(e);
                }
            }
            case byte[] b -> HexFormat.of().formatHex(b);
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            default -> v;
        };
    }

    /** Asserts the statement fails with a SQLException of {@code type} whose message holds {@code text}. */
    static <T extends SQLException> T fails(Class<T> type, String text, Executable statement) {
        SQLException e = assertThrows(SQLException.class, statement);
        assertInstanceOf(type, e, () -> "expected " + type.getSimpleName() + ", got " + e);
        assertTrue(e.getMessage().contains(text), () -> "message '" + e.getMessage() + "' lacks '" + text + "'");
        return type.cast(e);
    }

    @Override
    public void close() throws SQLException {
        try {
            sql.close();
        } finally {
            allocator.close();
        }
    }
}

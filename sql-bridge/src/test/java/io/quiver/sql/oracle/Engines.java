package io.quiver.sql.oracle;

import io.quiver.sql.QuiverSql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/** A Quiver warehouse and an in-memory DuckDB database, told the same statements. */
final class Engines implements AutoCloseable {
    private final QuiverSql quiver;
    private final Connection duck;

    Engines(Path warehouse) throws SQLException {
        this.quiver = QuiverSql.open(warehouse);
        this.duck = DriverManager.getConnection("jdbc:duckdb:");
        DuckDialect.setUp(duck);
    }

    Outcome quiver(String sql, List<Object> parameters) {
        return Outcome.quiver(quiver, sql, parameters);
    }

    Outcome duck(String sql, List<Object> parameters) {
        return Outcome.duck(duck, DuckDialect.translate(sql), parameters);
    }

    @Override
    public void close() throws SQLException {
        try (duck) {
            quiver.close();
        }
    }
}

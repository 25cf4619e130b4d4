package io.quiver.sql.jdbc;

import io.quiver.sql.QuiverSql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver: {@code jdbc:quiver:<warehouse folder>} (relative folders are resolved against
 * the working directory; the folder is created if missing). Each connection is one
 * {@link QuiverSql} session.
 */
public final class QuiverDriver implements Driver {
    public static final String PREFIX = "jdbc:quiver:";

    static {
        try {
            DriverManager.registerDriver(new QuiverDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null; // JDBC: another driver's URL
        }
        String folder = url.substring(PREFIX.length());
        if (folder.isBlank()) {
            throw new SQLException("the URL names no warehouse folder: use jdbc:quiver:<folder>", "08001");
        }
        return QuiverConnection.open(QuiverSql.open(Path.of(folder)));
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 0;
    }

    @Override
    public int getMinorVersion() {
        return 1;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the Quiver driver does not log through java.util.logging");
    }
}

package io.quiver.sql;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.quiver.sql.parse.SqlSyntaxException;
import io.quiver.sql.parse.StatementParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Jazzer fuzz tests of the SQL front end: any text either parses or is a {@link
 * SqlSyntaxException}, and any statement run on a small warehouse either works or fails with an
 * {@link SQLException}, never another exception or a leak. Regression mode replays {@code
 * src/test/resources/io/quiver/sql/SqlFrontEndFuzzTestInputs}; fuzzing mode: {@code JAZZER_FUZZ=1
 * ./mvnw test -pl sql-bridge -Dtest='SqlFrontEndFuzzTest#execute'}.
 */
class SqlFrontEndFuzzTest {
    private static final QuiverSql SQL;

    static {
        try {
            Path dir = Files.createTempDirectory("quiver-sql-fuzz");
            dir.toFile().deleteOnExit();
            SQL = QuiverSql.open(dir);
            SQL.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR, v VECTOR(3))");
            SQL.execute("INSERT INTO t VALUES (1, 'a', ARRAY[1, 2, 3]), (2, 'b', ARRAY[3, 2, 1])");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void parse(String sql) {
        if (sql == null) {
            return; // a caller mistake, not input
        }
        try {
            StatementParser.parse(sql);
        } catch (SqlSyntaxException e) {
            // the usual way a statement fails to parse
        } catch (SQLDataException e) {
            // a literal whose value its type cannot hold (DATE '2024-13-01')
            if (!e.getSQLState().startsWith("22")) {
                throw new AssertionError("a data error without a data SQLSTATE", e);
            }
        } catch (SQLException e) {
            throw new AssertionError("parsing failed in an unexpected way", e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void execute(String sql) throws SQLException {
        if (sql == null || sql.toLowerCase(Locale.ROOT).contains("copy")) {
            return; // COPY writes files where it is told: not something to fuzz on a developer's machine
        }
        try {
            SqlResult result = SQL.execute(sql);
            if (result.hasRows()) {
                try (ResultSet rows = result.rows()) {
                    while (rows.next()) {
                        rows.getObject(1);
                    }
                }
            }
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("internal error")) {
                throw e;
            }
        }
    }
}

package io.quiver.sql;

import io.quiver.sql.parse.QuiverStatement;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import org.apache.calcite.sql.SqlKind;

/** Sends each kind of statement Quiver runs itself to its executor. */
final class Executors {
    private Executors() {}

    static SqlResult run(QuiverSql session, QuiverStatement statement, List<Object> params)
            throws SQLException, IOException {
        Ddl ddl = new Ddl(session);
        return switch (statement) {
            case QuiverStatement.CreateTable c -> ddl.create(c, params);
            case QuiverStatement.CreateExternalTable c -> ddl.createExternal(c);
            case QuiverStatement.DropTable d -> ddl.drop(d);
            case QuiverStatement.ShowTables s -> ddl.showTables();
            case QuiverStatement.Describe d -> ddl.describe(d.table());
            case QuiverStatement.AddVectorIndex a -> ddl.addVectorIndex(a);
            case QuiverStatement.DropIndex d -> ddl.dropIndex(d);
            case QuiverStatement.AddColumn a -> ddl.addColumn(a);
            case QuiverStatement.DropColumn d -> ddl.dropColumn(d);
            case QuiverStatement.Optimize o -> ddl.optimize(o.table());
            case QuiverStatement.Insert i -> new Inserts(session).run(i, params);
            case QuiverStatement.CopyFrom c -> new Copies(session).from(c);
            case QuiverStatement.CopyTo c -> new Copies(session).to(c, params);
            case QuiverStatement.Standard s -> standard(session, s, params);
            case QuiverStatement.Modify m ->
                throw new IllegalStateException("UPDATE and DELETE are planned by Calcite, not run here");
        };
    }

    /** Standard statements that reach here are those Quiver does not run: MERGE, CALL and the like. */
    private static SqlResult standard(QuiverSql session, QuiverStatement.Standard statement, List<Object> params)
            throws SQLException {
        if (statement.kind() == SqlKind.MERGE) {
            throw new SQLFeatureNotSupportedException(
                    "MERGE is not supported; upsert with INSERT ... ON CONFLICT (key) DO UPDATE SET ... or UPSERT INTO",
                    "0A000");
        }
        throw new SQLFeatureNotSupportedException(
                "statement " + statement.kind() + " is not supported (expected SELECT, INSERT, UPDATE, DELETE,"
                        + " CREATE, ...)",
                "0A000");
    }
}

package io.quiver.sql;

import io.quiver.sql.parse.QuiverStatement;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Locale;

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
            case QuiverStatement.Standard s -> standard(session, s.sql(), params);
        };
    }

    private static SqlResult standard(QuiverSql session, String sql, List<Object> params)
            throws SQLException, IOException {
        String first = sql.stripLeading().split("\\s", 2)[0].toLowerCase(Locale.ROOT);
        return switch (first) {
            case "update" -> new Modifications(session).update(sql, params);
            case "delete" -> new Modifications(session).delete(sql, params);
            case "merge" ->
                throw new SQLFeatureNotSupportedException(
                        "MERGE is not supported; upsert with INSERT ... ON CONFLICT (key) DO UPDATE SET ... or UPSERT INTO",
                        "0A000");
            default -> {
                io.quiver.sql.parse.Token at =
                        io.quiver.sql.parse.Tokenizer.tokenize(sql).getFirst();
                throw new io.quiver.sql.parse.SqlSyntaxException(
                        "unknown statement '" + at.text() + "' (expected SELECT, INSERT, UPDATE, DELETE, CREATE, ...)",
                        at.line(),
                        at.column());
            }
        };
    }
}

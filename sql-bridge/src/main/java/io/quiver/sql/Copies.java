package io.quiver.sql;

import io.quiver.engine.Dataset;
import io.quiver.sql.copy.CopyFormat;
import io.quiver.sql.copy.CopyOptions;
import io.quiver.sql.copy.CopyReader;
import io.quiver.sql.copy.CopyWriter;
import io.quiver.sql.exec.CountedBatches;
import io.quiver.sql.parse.QuiverStatement;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * COPY t FROM 'file' and COPY (query) TO 'file'. Both stream: a load is one commit of batches read
 * as they are written (a file larger than the heap loads), an export writes rows as the query
 * yields them. Files are named relative to the working directory; FORMAT defaults to the
 * file's extension.
 */
final class Copies {
    private final QuiverSql session;

    Copies(QuiverSql session) {
        this.session = session;
    }

    SqlResult from(QuiverStatement.CopyFrom copy) throws SQLException, IOException {
        Dataset ds = session.tables().latest(copy.table());
        Path file = Path.of(copy.file());
        Map<String, String> options = new HashMap<>(copy.options());
        CopyFormat format = format(options.remove("format"), file);
        CopyOptions parsed = CopyOptions.parse(options);
        try (ArrowReader reader = CopyReader.open(format, file, ds.schema(), ds.allocator(), parsed);
                CountedBatches counted = new CountedBatches(reader)) {
            if (ds.primaryKey().isPresent()) {
                ds.insert(counted);
            } else {
                ds.append(counted);
            }
            return SqlResult.count("COPY", counted.rows());
        }
    }

    SqlResult to(QuiverStatement.CopyTo copy, List<Object> params) throws SQLException, IOException {
        Path file = Path.of(copy.file());
        Map<String, String> options = new HashMap<>(copy.options());
        CopyFormat format = format(options.remove("format"), file);
        CopyOptions parsed = CopyOptions.parse(options);
        try (ResultSet rows = session.query(copy.query(), params)) {
            return SqlResult.count(
                    "COPY",
                    CopyWriter.write(
                            format, file, rows, parsed, session.tables().allocator()));
        }
    }

    private static CopyFormat format(String named, Path file) {
        if (named != null) {
            return CopyFormat.of(named);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "csv", "tsv" -> CopyFormat.CSV;
            case "json", "jsonl", "ndjson" -> CopyFormat.JSON;
            case "arrow", "arrows", "ipc", "feather" -> CopyFormat.ARROW;
            case "fvecs" -> CopyFormat.FVECS;
            default ->
                throw new IllegalArgumentException("COPY cannot tell the format of " + file
                        + " from its name: add (FORMAT csv | json | arrow | fvecs)");
        };
    }
}

package io.quiver.sql;

import io.quiver.engine.Dataset;
import io.quiver.engine.schema.TableSchema;
import io.quiver.sql.copy.CopyFormat;
import io.quiver.sql.copy.CopyOptions;
import io.quiver.sql.copy.CopyReader;
import io.quiver.sql.copy.CopyWriter;
import io.quiver.sql.exec.CountedBatches;
import io.quiver.sql.exec.RowBatches;
import io.quiver.sql.parse.QuiverStatement;
import io.quiver.sql.spi.FormatTables;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * COPY t FROM 'file' and COPY (query) TO 'file'. Both stream: a load is one commit of batches read
 * as they are written (a file larger than the heap loads), an export writes rows as the query
 * yields them. Files are named relative to the working directory; FORMAT defaults to the
 * file's extension. {@code (FORMAT lance)} (any plug-in table format) reads or writes a dataset
 * of that format instead of a file. The target table of a load may be of any format.
 */
final class Copies {
    private final QuiverSql session;

    Copies(QuiverSql session) {
        this.session = session;
    }

    SqlResult from(QuiverStatement.CopyFrom copy) throws SQLException, IOException {
        String table = copy.table();
        FormatTables target = session.tables().pluginOwner(table);
        Dataset ds = target == null ? session.tables().latest(table) : null;
        var schema = target == null ? ds.schema() : target.schema(table).toArrow();
        var allocator = target == null ? ds.allocator() : session.tables().allocator();
        Map<String, String> options = new HashMap<>(copy.options());
        FormatTables source = datasetFormat(options);
        try (ArrowReader reader = source != null
                        ? source.readDataset(copy.file())
                        : CopyReader.open(
                                format(options.remove("format"), Path.of(copy.file())),
                                Path.of(copy.file()),
                                schema,
                                allocator,
                                CopyOptions.parse(options));
                CountedBatches counted = new CountedBatches(reader)) {
            if (target != null) {
                target.append(table, counted);
            } else if (ds.primaryKey().isPresent()) {
                ds.insert(counted);
            } else {
                ds.append(counted);
            }
            return SqlResult.count("COPY", counted.rows());
        }
    }

    SqlResult to(QuiverStatement.CopyTo copy, List<Object> params) throws SQLException, IOException {
        Map<String, String> options = new HashMap<>(copy.options());
        FormatTables dataset = datasetFormat(options);
        if (dataset != null) {
            return toDataset(dataset, copy, params);
        }
        Path file = Path.of(copy.file());
        CopyFormat format = format(options.remove("format"), file);
        CopyOptions parsed = CopyOptions.parse(options);
        try (ResultSet rows = session.query(copy.query(), params)) {
            return SqlResult.count(
                    "COPY",
                    CopyWriter.write(
                            format, file, rows, parsed, session.tables().allocator()));
        }
    }

    /** A query's rows streamed into a new dataset of a plug-in format, with the column types of CREATE TABLE AS. */
    private SqlResult toDataset(FormatTables dataset, QuiverStatement.CopyTo copy, List<Object> params)
            throws SQLException, IOException {
        try (ResultSet rows = session.query(copy.query(), params)) {
            boolean any = rows.next();
            TableSchema schema = TableSchema.fromArrow(ResultSchemas.of(rows, any));
            int[] all = IntStream.range(0, schema.columns().size()).toArray();
            try (RowBatches batches = new RowBatches(
                            session.tables().allocator(), rows, schema, all, RowBatches.BATCH_ROWS)
                    .startingAtCurrentRow(any)) {
                return SqlResult.count("COPY", dataset.writeDataset(copy.file(), batches));
            }
        }
    }

    /**
     * The plug-in table format a {@code FORMAT} option names (taken out of the options), or null
     * for a file format. A dataset has no file options, so any other option is an error.
     */
    private FormatTables datasetFormat(Map<String, String> options) throws SQLException {
        String named = options.get("format");
        if (named == null || isFileFormat(named) || !session.tables().formats().knows(named)) {
            return null;
        }
        FormatTables format = session.tables().formats().named(named);
        if (format == null) {
            return null;
        }
        options.remove("format");
        if (!options.isEmpty()) {
            throw new SQLSyntaxErrorException(
                    "COPY (FORMAT " + named + ") takes no other options, got " + options.keySet(), "42601");
        }
        return format;
    }

    private static boolean isFileFormat(String name) {
        for (CopyFormat f : CopyFormat.values()) {
            if (f.name().equalsIgnoreCase(name.strip())) {
                return true;
            }
        }
        return false;
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
                        + " from its name: add (FORMAT csv | json | arrow | fvecs | lance)");
        };
    }
}

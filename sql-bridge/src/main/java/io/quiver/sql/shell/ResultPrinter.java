package io.quiver.sql.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Prints every row of a result set in one {@link OutputFormat}. */
interface ResultPrinter {

    /** Prints the rows (and header, if the format has one) and returns how many rows there were. */
    long print(ResultSet rows) throws SQLException, IOException;

    static ResultPrinter of(OutputFormat format, PrintStream out) {
        return switch (format) {
            case TABLE -> new TablePrinter(out);
            case CSV -> new CsvPrinter(out);
            case JSON -> new JsonPrinter(out);
        };
    }
}

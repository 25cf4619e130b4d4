package io.quiver.sql.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A header line of column names, then one line per row: RFC 4180 quoting (commons-csv), but lines
 * end with {@code \n} as other Unix tools expect. NULL is an empty field, binary is {@code \x} hex.
 */
final class CsvPrinter implements ResultPrinter {

    static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private final PrintStream out;

    CsvPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public long print(ResultSet rows) throws SQLException, IOException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        // Not closed: closing the printer would close stdout.
        CSVPrinter csv = new CSVPrinter(out, FORMAT);
        for (int c = 1; c <= columns; c++) {
            csv.print(meta.getColumnLabel(c));
        }
        csv.println();
        long count = 0;
        while (rows.next()) {
            for (int c = 1; c <= columns; c++) {
                csv.print(Values.csvText(Values.read(rows, c, true)));
            }
            csv.println();
            count++;
        }
        csv.flush();
        return count;
    }
}

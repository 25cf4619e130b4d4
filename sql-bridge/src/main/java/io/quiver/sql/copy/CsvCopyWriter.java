package io.quiver.sql.copy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * COPY TO CSV: RFC 4180 quoting, lines ending in LF. Numbers are unquoted, every other value is
 * quoted and NULL is an empty unquoted field, so that NULL and the empty string read back apart.
 */
final class CsvCopyWriter implements RowWriter {
    private final CSVPrinter printer;
    private final Object[] texts;

    CsvCopyWriter(List<JdbcColumn> columns, OutputStream out, CopyOptions options) throws IOException {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(options.delimiter())
                .setQuoteMode(QuoteMode.NON_NUMERIC)
                .setRecordSeparator("\n")
                .get();
        this.printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), format);
        this.texts = new Object[columns.size()];
        if (options.header()) {
            printer.printRecord(columns.stream().map(c -> c.label).toList());
        }
    }

    @Override
    public void write(Object[] row, long rowNumber) throws IOException {
        for (int i = 0; i < row.length; i++) {
            texts[i] = row[i] == null ? null : TextForms.text(row[i]);
        }
        printer.printRecord(texts);
    }

    @Override
    public void finish() throws IOException {
        printer.flush();
    }
}

package io.quiver.sql.copy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * COPY FROM a CSV file (RFC 4180, UTF-8). With a header, columns are matched by name
 * (case-insensitive), columns the file lacks are NULL; without, by position. An empty unquoted
 * field is NULL, {@code ""} an empty string; blank lines are skipped unless the table has one
 * column (where a blank line is a NULL).
 */
final class CsvCopyReader extends RowBatchReader {
    /** The most characters of one record: an unclosed quote in a huge file must not fill the heap. */
    static final int MAX_RECORD_CHARS = 1 << 26;

    private final RecordLimit limit;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    /** For each field of a record, the index of its parser in the target schema, or -1 for none. */
    private int[] fieldToColumn;

    private final boolean header;
    private final int columns;

    CsvCopyReader(Path path, Schema target, BufferAllocator allocator, CopyOptions options) throws IOException {
        super(path.toString(), target, allocator, options.batchRows());
        this.header = options.header();
        this.columns = target.getFields().size();
        // Malformed UTF-8 is an error, not a silent U+FFFD: the decoder reports it through read().
        Reader in = new java.io.InputStreamReader(
                Files.newInputStream(path),
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
        this.limit = new RecordLimit(in, MAX_RECORD_CHARS);
        // NON_NUMERIC makes commons-csv tell an empty unquoted field (null) from "" (an empty string).
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(options.delimiter())
                .setQuoteMode(QuoteMode.NON_NUMERIC)
                .setIgnoreEmptyLines(false)
                .get();
        this.parser = CSVParser.builder().setReader(limit).setFormat(format).get();
        this.records = parser.iterator();
    }

    /** The next record and the line it starts on, or null at the end. */
    private CSVRecord next(long[] line) throws IOException {
        line[0] = parser.getCurrentLineNumber() + 1;
        limit.startRecord();
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CopyFormatException c) {
                throw c;
            }
            String detail = switch (e.getCause()) {
                case CSVException c -> c.getMessage();
                case CharacterCodingException c -> "the file is not UTF-8 text";
                case null -> e.getMessage();
                default -> throw e.getCause(); // an I/O error, not bad input
            };
            throw new CopyFormatException(file, "line " + line[0], null, detail, e.getCause());
        } catch (RecordLimit.TooLong e) {
            throw new CopyFormatException(file, "line " + line[0], null, e.getMessage());
        }
    }

    @Override
    boolean readRow(ValueParser[] parsers, int row) throws IOException {
        long[] line = new long[1];
        CSVRecord record = next(line);
        if (fieldToColumn == null) {
            fieldToColumn = header ? matchHeader(record, line[0]) : byPosition();
            if (header) {
                record = next(line);
            }
        }
        while (record != null && columns > 1 && record.size() == 1 && record.get(0) == null) {
            record = next(line); // a blank line
        }
        if (record == null) {
            return false;
        }
        String where = "line " + line[0];
        if (record.size() != fieldToColumn.length) {
            throw new CopyFormatException(
                    file, where, null, "expected " + fieldToColumn.length + " fields, got " + record.size());
        }
        boolean[] seen = new boolean[parsers.length];
        for (int f = 0; f < fieldToColumn.length; f++) {
            ValueParser p = parsers[fieldToColumn[f]];
            seen[fieldToColumn[f]] = true;
            String value = record.get(f);
            try {
                if (value == null) {
                    p.setNull(row);
                } else {
                    p.setText(row, value);
                }
            } catch (BadValueException e) {
                throw error(where, p, e);
            }
        }
        for (int c = 0; c < parsers.length; c++) {
            if (!seen[c]) {
                try {
                    parsers[c].setNull(row); // only nullable columns are ever missing: checked at the header
                } catch (BadValueException e) {
                    throw error(where, parsers[c], e);
                }
            }
        }
        return true;
    }

    private int[] byPosition() {
        int[] map = new int[columns];
        Arrays.setAll(map, i -> i);
        return map;
    }

    private int[] matchHeader(CSVRecord record, long line) throws CopyFormatException {
        String where = "line " + line;
        if (record == null) {
            throw new CopyFormatException(file, where, null, "the file is empty: expected a header line");
        }
        List<Field> fields = readSchema().getFields();
        int[] map = new int[record.size()];
        boolean[] named = new boolean[columns];
        for (int f = 0; f < map.length; f++) {
            String raw = record.get(f) == null ? "" : record.get(f);
            String name = (f == 0 && raw.startsWith("\uFEFF") ? raw.substring(1) : raw).strip();
            map[f] = indexOf(fields, name);
            if (map[f] < 0) {
                throw new CopyFormatException(file, where, name, "the header names a column the table does not have");
            }
            if (named[map[f]]) {
                throw new CopyFormatException(file, where, name, "the header names the column twice");
            }
            named[map[f]] = true;
        }
        for (int c = 0; c < columns; c++) {
            if (!named[c] && !fields.get(c).isNullable()) {
                throw new CopyFormatException(
                        file, where, fields.get(c).getName(), "a NOT NULL column is missing from the header");
            }
        }
        return map;
    }

    static int indexOf(List<Field> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).getName().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public long bytesRead() {
        return limit.total();
    }

    @Override
    protected void closeReadSource() throws IOException {
        parser.close();
    }
}

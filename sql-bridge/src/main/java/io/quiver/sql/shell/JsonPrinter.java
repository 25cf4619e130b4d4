package io.quiver.sql.shell;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * Newline-delimited JSON: one object per row keyed by column label. Numbers and booleans stay JSON
 * numbers and booleans, vectors are arrays, binary is base64, dates and times ISO-8601 strings.
 */
final class JsonPrinter implements ResultPrinter {

    private static final JsonFactory FACTORY =
            JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final PrintStream out;

    JsonPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public long print(ResultSet rows) throws SQLException, IOException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        String[] labels = new String[columns];
        for (int c = 0; c < columns; c++) {
            labels[c] = meta.getColumnLabel(c + 1);
        }
        Writer writer = new OutputStreamWriter(out, out.charset()); // the charset of all of stdout
        long count = 0;
        try (JsonGenerator json = FACTORY.createGenerator(writer)) {
            // Rows are separated by the newline written below, not the default space.
            json.setRootValueSeparator(null);
            while (rows.next()) {
                json.writeStartObject();
                for (int c = 0; c < columns; c++) {
                    json.writeFieldName(labels[c]);
                    write(json, Values.read(rows, c + 1, true));
                }
                json.writeEndObject();
                json.writeRaw('\n');
                count++;
            }
        }
        writer.flush();
        return count;
    }

    private static void write(JsonGenerator json, Object value) throws IOException {
        switch (value) {
            case null -> json.writeNull();
            case Boolean b -> json.writeBoolean(b);
            case Integer i -> json.writeNumber(i);
            case Long l -> json.writeNumber(l);
            case Short s -> json.writeNumber(s);
            case Byte b -> json.writeNumber(b);
            case Float f -> json.writeNumber(f);
            case Double d -> json.writeNumber(d);
            case BigDecimal d -> json.writeNumber(d);
            case BigInteger i -> json.writeNumber(i);
            case byte[] bytes -> json.writeBinary(bytes);
            case List<?> list -> {
                json.writeStartArray();
                for (Object element : list) {
                    write(json, element);
                }
                json.writeEndArray();
            }
            default -> json.writeString(value.toString());
        }
    }
}

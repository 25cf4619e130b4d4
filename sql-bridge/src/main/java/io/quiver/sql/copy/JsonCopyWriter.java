package io.quiver.sql.copy;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;

/**
 * COPY TO JSON: one object a line, keys = column labels, NULL as null. Numbers are JSON numbers
 * (NaN and infinities strings, which the reader accepts), binary values base64, vectors arrays,
 * dates and timestamps ISO strings.
 */
final class JsonCopyWriter implements RowWriter {
    /** The caller owns the stream: it flushes and forces it to disk after the generator is done. */
    private static final JsonFactory FACTORY =
            JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final List<JdbcColumn> columns;
    private final JsonGenerator json;

    JsonCopyWriter(List<JdbcColumn> columns, OutputStream out) throws IOException {
        this.columns = columns;
        this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
    }

    @Override
    public void write(Object[] row, long rowNumber) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < row.length; i++) {
            json.writeFieldName(columns.get(i).label);
            switch (row[i]) {
                case null -> json.writeNull();
                case Long l -> json.writeNumber(l);
                case Float f -> json.writeNumber(f);
                case Double d -> json.writeNumber(d);
                case BigDecimal d -> json.writeNumber(d);
                case Boolean b -> json.writeBoolean(b);
                case byte[] b -> json.writeBinary(b);
                case float[] v -> {
                    json.writeStartArray();
                    for (float f : v) {
                        json.writeNumber(f);
                    }
                    json.writeEndArray();
                }
                default -> json.writeString((String) TextForms.text(row[i]));
            }
        }
        json.writeEndObject();
    }

    @Override
    public void finish() throws IOException {
        json.writeRaw('\n');
        json.close();
    }
}

package io.quiver.sql.copy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * COPY FROM newline-delimited JSON objects (or one top-level array of them), keys = column names
 * (case-insensitive; an unknown key is an error), null or missing = NULL. Read with jackson's
 * streaming parser, whose limits (string length, number length, nesting) bound one value.
 */
final class JsonCopyReader extends RowBatchReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(CsvCopyReader.MAX_RECORD_CHARS)
                    .build())
            .build();

    private final JsonParser parser;
    private final List<Field> fields;
    /** Whether the objects sit in one top-level array; decided at the first token. */
    private Boolean inArray;

    JsonCopyReader(Path path, Schema target, BufferAllocator allocator, CopyOptions options) throws IOException {
        super(path.toString(), target, allocator, options.batchRows());
        // UTF-8 only, strictly: jackson would guess UTF-16/32 from the first bytes of garbage.
        this.parser = FACTORY.createParser(new InputStreamReader(
                Files.newInputStream(path),
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)));
        this.fields = target.getFields();
    }

    private String where() {
        return "line " + parser.currentTokenLocation().getLineNr();
    }

    @Override
    boolean readRow(ValueParser[] parsers, int row) throws IOException {
        ValueParser current = null;
        try {
            JsonToken t = parser.nextToken();
            if (inArray == null) {
                inArray = t == JsonToken.START_ARRAY;
                if (inArray) {
                    t = parser.nextToken();
                }
            }
            if (inArray && t == JsonToken.END_ARRAY) {
                t = parser.nextToken();
                if (t != null) {
                    throw new CopyFormatException(file, where(), null, "unexpected content after the top-level array");
                }
                inArray = false;
                return false;
            }
            if (t == null) {
                if (inArray) {
                    throw new CopyFormatException(file, where(), null, "the file ends inside the top-level array");
                }
                return false;
            }
            if (t != JsonToken.START_OBJECT) {
                throw new CopyFormatException(
                        file, where(), null, "expected a JSON object, got " + ValueParser.describe(t));
            }
            String objectLine = where();
            boolean[] seen = new boolean[parsers.length];
            for (t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
                String key = parser.currentName();
                int c = CsvCopyReader.indexOf(fields, key);
                if (c < 0) {
                    throw new CopyFormatException(file, where(), key, "the table has no such column");
                }
                if (seen[c]) {
                    throw new CopyFormatException(file, where(), key, "the object has the key twice");
                }
                seen[c] = true;
                current = parsers[c];
                parser.nextToken();
                current.setJson(row, parser);
                current = null;
            }
            for (int c = 0; c < parsers.length; c++) {
                if (!seen[c]) {
                    if (!fields.get(c).isNullable()) {
                        throw new CopyFormatException(
                                file,
                                objectLine,
                                fields.get(c).getName(),
                                "the object has no value for a NOT NULL column");
                    }
                    parsers[c].setNull(row);
                }
            }
            return true;
        } catch (BadValueException e) {
            throw error(where(), current, e);
        } catch (CharacterCodingException e) {
            throw new CopyFormatException(file, where(), null, "the file is not UTF-8 text", e);
        } catch (JsonProcessingException e) {
            // Jackson reads a value's first token along with its key: the key names the column.
            String column = current != null ? current.field.getName() : parser.currentName();
            throw new CopyFormatException(file, where(), column, e.getOriginalMessage(), e);
        }
    }

    @Override
    public long bytesRead() {
        return Math.max(0, parser.currentLocation().getCharOffset()); // characters: the parser reads decoded text
    }

    @Override
    protected void closeReadSource() throws IOException {
        parser.close();
    }
}

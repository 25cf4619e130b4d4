package io.quiver.sql.copy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.quiver.engine.schema.ColumnType;
import io.quiver.sql.exec.VarcharAssignment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.Text;

/** Value parsers of text (as is) and binary values (hex in CSV, base64 in JSON); BLOB columns hold the bytes to store. */
final class BytesParsers {
    private BytesParsers() {}

    /** Text; into a VARCHAR(n) column as an INSERT assigns it ({@link VarcharAssignment}). */
    static final class Utf8 extends ValueParser {
        private final VarCharVector vector;
        private final int maxLength;

        Utf8(Field field, VarCharVector vector) {
            super(field);
            this.vector = vector;
            this.maxLength = ColumnType.fromArrow(field).maxLength();
        }

        /** Whether values must be checked against a VARCHAR(n) bound: they cannot be copied as bytes. */
        boolean bounded() {
            return maxLength > 0;
        }

        @Override
        FieldVector vector() {
            return vector;
        }

        @Override
        void setText(int row, String text) throws BadValueException {
            String fitted = VarcharAssignment.fit(text, maxLength);
            if (fitted == null) {
                throw BadValueException.tooLong(maxLength, text);
            }
            vector.setSafe(row, fitted.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        void setValue(int row, Object value) throws BadValueException {
            switch (value) {
                case String s -> setText(row, s);
                case Text t when maxLength > 0 -> setText(row, t.toString());
                case Text t -> vector.setSafe(row, t);
                default -> throw wrongKind(value);
            }
        }
    }

    static final class Binary extends ValueParser {
        private final VarBinaryVector vector;

        Binary(Field field, VarBinaryVector vector) {
            super(field);
            this.vector = vector;
        }

        @Override
        FieldVector vector() {
            return vector;
        }

        @Override
        void setText(int row, String text) throws BadValueException {
            vector.setSafe(row, TextForms.parseHex(text.strip()));
        }

        @Override
        void setValue(int row, Object value) throws BadValueException {
            if (!(value instanceof byte[] bytes)) {
                throw wrongKind(value);
            }
            vector.setSafe(row, bytes);
        }

        /** JSON has no bytes: a base64 string (jackson's decoder reports bad characters with their place). */
        @Override
        void setJson(int row, JsonParser p) throws IOException, BadValueException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                vector.setSafe(row, p.getBinaryValue());
            } else if (p.currentToken() == JsonToken.VALUE_NULL) {
                setNull(row);
            } else {
                throw new BadValueException("expected a base64 string, got " + describe(p.currentToken()));
            }
        }
    }
}

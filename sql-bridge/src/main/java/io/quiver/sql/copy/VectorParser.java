package io.quiver.sql.copy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * VECTOR(n) values: text {@code [0.1, 0.2]}, {@code 0.1 0.2} or {@code 0.1,0.2}; a JSON array of
 * numbers (or "NaN"-like strings). Floats are written straight into the list's child vector; a
 * value with more than n elements is counted, not stored, so garbage cannot grow memory.
 */
final class VectorParser extends ValueParser {
    private final FixedSizeListVector vector;
    private final Float4Vector floats;
    private final int dimension;

    static VectorParser of(Field field, FixedSizeListVector vector) {
        if (!(vector.getDataVector() instanceof Float4Vector)) {
            throw new IllegalArgumentException(
                    "column " + field.getName() + ": COPY loads lists of float32 only, not " + field);
        }
        return new VectorParser(field, vector);
    }

    private VectorParser(Field field, FixedSizeListVector vector) {
        super(field);
        this.vector = vector;
        this.floats = (Float4Vector) vector.getDataVector();
        this.dimension = vector.getListSize();
    }

    @Override
    FieldVector vector() {
        return vector;
    }

    /** A NULL vector's slots still exist in the child; they get zeros, not child nulls (the child is NOT NULL). */
    @Override
    void setNull(int row) throws BadValueException {
        super.setNull(row);
        for (int i = 0, base = row * dimension; i < dimension; i++) {
            floats.setSafe(base + i, 0f);
        }
    }

    @Override
    void setText(int row, String text) throws BadValueException {
        String s = text.strip();
        if (s.startsWith("[")) {
            if (!s.endsWith("]")) {
                throw new BadValueException("vector " + TextForms.quote(text) + " has no closing ']'");
            }
            s = s.substring(1, s.length() - 1).strip();
        }
        int base = vector.startNewValue(row);
        int count = 0;
        int pos = 0;
        while (pos < s.length()) {
            int end = pos;
            while (end < s.length() && !isSeparator(s.charAt(end))) {
                end++;
            }
            if (end == pos) {
                throw new BadValueException("empty element " + (count + 1) + " in vector " + TextForms.quote(text));
            }
            if (count < dimension) {
                floats.setSafe(base + count, (float) NumberParsers.parseDouble(s.substring(pos, end), true));
            }
            count++;
            pos = skipSeparator(s, end);
        }
        checkCount(count);
    }

    private static boolean isSeparator(char c) {
        return c == ',' || Character.isWhitespace(c);
    }

    /** Past blanks and at most one comma: "1, 2" and "1 2" are one separator, "1,,2" an empty element. */
    private static int skipSeparator(String s, int pos) {
        boolean comma = false;
        while (pos < s.length() && isSeparator(s.charAt(pos))) {
            if (s.charAt(pos) == ',') {
                if (comma) {
                    return pos;
                }
                comma = true;
            }
            pos++;
        }
        return pos;
    }

    private void checkCount(int count) throws BadValueException {
        if (count != dimension) {
            throw new BadValueException("expected " + dimension + " floats, got " + count);
        }
    }

    @Override
    void setValue(int row, Object value) throws BadValueException {
        if (!(value instanceof float[] v)) {
            throw wrongKind(value);
        }
        checkCount(v.length);
        int base = vector.startNewValue(row);
        for (int i = 0; i < dimension; i++) {
            floats.setSafe(base + i, v[i]);
        }
    }

    @Override
    void setJson(int row, JsonParser p) throws IOException, BadValueException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            setNull(row);
            return;
        }
        if (t != JsonToken.START_ARRAY) {
            throw new BadValueException("expected an array of " + dimension + " floats, got " + describe(t));
        }
        int base = vector.startNewValue(row);
        int count = 0;
        for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) {
                throw new BadValueException("the file ends inside a vector");
            }
            if (t != JsonToken.VALUE_STRING && !t.isNumeric()) {
                throw new BadValueException("element " + (count + 1) + " is " + describe(t) + ", not a float");
            }
            if (count < dimension) {
                floats.setSafe(base + count, (float) NumberParsers.parseDouble(p.getText(), true));
            }
            count++;
        }
        checkCount(count);
    }
}

package io.quiver.sql.copy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Sets row {@code row} of one Arrow vector from a COPY input value: CSV text, a JSON token, or a
 * Java value (from a JDBC result set or another Arrow vector). One subclass per Arrow type, so that
 * every format accepts the same value forms and reports the same errors.
 */
abstract class ValueParser {
    final Field field;

    ValueParser(Field field) {
        this.field = field;
    }

    abstract FieldVector vector();

    /** Sets NULL; a NOT NULL column refuses it. */
    void setNull(int row) throws BadValueException {
        if (!field.isNullable()) {
            throw new BadValueException("NULL in a NOT NULL column");
        }
        switch (vector()) {
            case BaseFixedWidthVector v -> v.setNull(row);
            case BaseVariableWidthVector v -> v.setNull(row);
            case FixedSizeListVector v -> v.setNull(row);
            default -> throw new IllegalStateException("no NULL for " + vector().getClass());
        }
    }

    /** Sets a value from its text form (never null: the caller turns empty unquoted CSV fields into NULL). */
    abstract void setText(int row, String text) throws BadValueException;

    /** Sets a Java value of one of the kinds {@link JdbcColumn} produces (Long, Double, String, ...). */
    abstract void setValue(int row, Object value) throws BadValueException;

    /**
     * Sets the value at the parser's current token. Scalars go through {@link #setText} (numbers
     * keep their exact digits, strings may hold "NaN" or a date); arrays and base64 are the
     * subclasses' business.
     */
    void setJson(int row, JsonParser p) throws IOException, BadValueException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            setNull(row);
        } else if (t.isScalarValue()) {
            setText(row, p.getText());
        } else {
            throw new BadValueException("expected a single value, got " + describe(t));
        }
    }

    static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> t.isNumeric() ? "a number" : String.valueOf(t);
        };
    }

    BadValueException wrongKind(Object value) {
        return new BadValueException(
                "cannot store a " + value.getClass().getSimpleName() + " in a column of type " + field.getType());
    }

    /** The parser for a field of the target schema, over that field's vector. */
    static ValueParser of(Field field, FieldVector vector) {
        return switch (vector) {
            case BitVector v -> new NumberParsers.Bool(field, v);
            case TinyIntVector v ->
                new NumberParsers.Int(field, v, Byte.MIN_VALUE, Byte.MAX_VALUE, (r, x) -> v.setSafe(r, (byte) x));
            case SmallIntVector v ->
                new NumberParsers.Int(field, v, Short.MIN_VALUE, Short.MAX_VALUE, (r, x) -> v.setSafe(r, (short) x));
            case IntVector v ->
                new NumberParsers.Int(field, v, Integer.MIN_VALUE, Integer.MAX_VALUE, (r, x) -> v.setSafe(r, (int) x));
            case BigIntVector v -> new NumberParsers.Int(field, v, Long.MIN_VALUE, Long.MAX_VALUE, v::setSafe);
            case Float4Vector v -> new NumberParsers.Float32(field, v);
            case Float8Vector v -> new NumberParsers.Float64(field, v);
            case DecimalVector v -> new NumberParsers.Decimal(field, v);
            case DateDayVector v -> new TemporalParsers.Date(field, v);
            case TimeStampVector v -> new TemporalParsers.Timestamp(field, v);
            case VarCharVector v -> new BytesParsers.Utf8(field, v);
            case VarBinaryVector v -> new BytesParsers.Binary(field, v);
            case FixedSizeListVector v -> VectorParser.of(field, v);
            default ->
                throw new IllegalArgumentException(
                        "column " + field.getName() + ": COPY cannot load Arrow type " + field.getType());
        };
    }
}

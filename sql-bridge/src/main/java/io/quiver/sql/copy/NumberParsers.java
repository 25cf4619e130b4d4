package io.quiver.sql.copy;

import static io.quiver.sql.copy.TextForms.quote;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.types.pojo.Field;

/** Value parsers of booleans, signed integers, floats and decimals. Numbers may carry blanks around them. */
final class NumberParsers {
    /** Longer numeric text is refused before parsing: BigDecimal parsing is quadratic in the digits. */
    private static final int MAX_NUMBER_CHARS = 400;

    private NumberParsers() {}

    static final class Bool extends ValueParser {
        private final BitVector vector;

        Bool(Field field, BitVector vector) {
            super(field);
            this.vector = vector;
        }

        @Override
        FieldVector vector() {
            return vector;
        }

        @Override
        void setText(int row, String text) throws BadValueException {
            boolean b = switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "true", "t", "1" -> true;
                case "false", "f", "0" -> false;
                default -> throw new BadValueException("not a boolean (true/false/t/f/1/0): " + quote(text));
            };
            vector.setSafe(row, b ? 1 : 0);
        }

        @Override
        void setValue(int row, Object value) throws BadValueException {
            if (!(value instanceof Boolean b)) {
                throw wrongKind(value);
            }
            vector.setSafe(row, b ? 1 : 0);
        }
    }

    static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    /** Sets one integer of a fixed-width vector (the range is checked before). */
    interface LongSetter {
        void set(int row, long value);
    }

    static final class Int extends ValueParser {
        private final FieldVector vector;
        private final long min;
        private final long max;
        private final LongSetter setter;

        Int(Field field, FieldVector vector, long min, long max, LongSetter setter) {
            super(field);
            this.vector = vector;
            this.min = min;
            this.max = max;
            this.setter = setter;
        }

        @Override
        FieldVector vector() {
            return vector;
        }

        @Override
        void setText(int row, String text) throws BadValueException {
            String s = text.strip();
            long v;
            try {
                v = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new BadValueException(
                        s.matches("[+-]?[0-9]{1,400}")
                                ? s + " is out of range for " + typeName()
                                : "not an integer: " + quote(text));
            }
            set(row, v);
        }

        @Override
        void setValue(int row, Object value) throws BadValueException {
            if (!isInteger(value)) {
                throw wrongKind(value);
            }
            set(row, ((Number) value).longValue());
        }

        private void set(int row, long v) throws BadValueException {
            if (v < min || v > max) {
                throw new BadValueException(v + " is out of range for " + typeName());
            }
            setter.set(row, v);
        }

        private String typeName() {
            return "INT" + (64 - Long.numberOfLeadingZeros(max) + 1);
        }
    }

    /** A float's text: Java's syntax, NaN and Infinity; a finite number too big for the type is refused. */
    static double parseDouble(String text, boolean single) throws BadValueException {
        String s = text.strip();
        try {
            if (s.length() > MAX_NUMBER_CHARS) {
                throw new NumberFormatException();
            }
            double d = single ? Float.parseFloat(s) : Double.parseDouble(s);
            if (Double.isInfinite(d) && !s.toLowerCase(Locale.ROOT).contains("infinity")) {
                throw new BadValueException(quote(text) + " is out of range for " + (single ? "FLOAT32" : "FLOAT64"));
            }
            return d;
        } catch (NumberFormatException e) {
            throw new BadValueException("not a number: " + quote(text));
        }
    }

    static final class Float32 extends ValueParser {
        private final Float4Vector vector;

        Float32(Field field, Float4Vector vector) {
            super(field);
            this.vector = vector;
        }

        @Override
        FieldVector vector() {
            return vector;
        }

        @Override
        void setText(int row, String text) throws BadValueException {
            vector.setSafe(row, (float) parseDouble(text, true));
        }

        @Override
        void setValue(int row, Object value) throws BadValueException {
            if (!(value instanceof Number n) || value instanceof BigDecimal) {
                throw wrongKind(value);
            }
            vector.setSafe(row, n.floatValue());
        }
    }

    static final class Float64 extends ValueParser {
        private final Float8Vector vector;

        Float64(Field field, Float8Vector vector) {
            super(field);
            this.vector = vector;
        }

        @Override
        FieldVector vector() {
            return vector;
        }

        @Override
        void setText(int row, String text) throws BadValueException {
            vector.setSafe(row, parseDouble(text, false));
        }

        @Override
        void setValue(int row, Object value) throws BadValueException {
            if (!(value instanceof Number n) || value instanceof BigDecimal) {
                throw wrongKind(value);
            }
            vector.setSafe(row, n.doubleValue());
        }
    }

    static final class Decimal extends ValueParser {
        private final DecimalVector vector;

        Decimal(Field field, DecimalVector vector) {
            super(field);
            this.vector = vector;
        }

        @Override
        FieldVector vector() {
            return vector;
        }

        @Override
        void setText(int row, String text) throws BadValueException {
            String s = text.strip();
            BigDecimal d;
            try {
                if (s.length() > MAX_NUMBER_CHARS) {
                    throw new NumberFormatException();
                }
                d = new BigDecimal(s);
            } catch (NumberFormatException e) {
                throw new BadValueException("not a decimal number: " + quote(text));
            }
            set(row, d);
        }

        @Override
        void setValue(int row, Object value) throws BadValueException {
            if (value instanceof BigDecimal d) {
                set(row, d);
            } else if (isInteger(value)) {
                set(row, BigDecimal.valueOf(((Number) value).longValue()));
            } else {
                throw wrongKind(value);
            }
        }

        /** Exactly at the column's scale, or refused: a COPY never rounds. */
        private void set(int row, BigDecimal d) throws BadValueException {
            int precision = vector.getPrecision();
            int scale = vector.getScale();
            String type = "DECIMAL(" + precision + ", " + scale + ")";
            // Bound the exponent before setScale, which would otherwise build a number of 10^9 digits.
            if (d.signum() != 0 && d.precision() - d.scale() > precision - scale) {
                throw new BadValueException(d.toString() + " is out of range for " + type);
            }
            BigDecimal exact = d.scale() > scale ? d.stripTrailingZeros() : d;
            if (exact.scale() > scale) {
                throw new BadValueException(d + " has more than " + scale + " decimal places for " + type);
            }
            vector.setSafe(row, exact.setScale(scale, RoundingMode.UNNECESSARY));
        }
    }
}

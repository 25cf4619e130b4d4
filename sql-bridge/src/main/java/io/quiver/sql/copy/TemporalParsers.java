package io.quiver.sql.copy;

import static io.quiver.sql.copy.TextForms.quote;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/** Value parsers of dates (ISO {@code 2024-01-31}) and timestamps (ISO, 'T' or a space, optional zone). */
final class TemporalParsers {
    private TemporalParsers() {}

    static final class Date extends ValueParser {
        private final DateDayVector vector;

        Date(Field field, DateDayVector vector) {
            super(field);
            this.vector = vector;
        }

        @Override
        FieldVector vector() {
            return vector;
        }

        @Override
        void setText(int row, String text) throws BadValueException {
            try {
                set(row, LocalDate.parse(text.strip()));
            } catch (DateTimeParseException e) {
                throw new BadValueException("not an ISO date (2024-01-31): " + quote(text));
            }
        }

        @Override
        void setValue(int row, Object value) throws BadValueException {
            if (!(value instanceof LocalDate d)) {
                throw wrongKind(value);
            }
            set(row, d);
        }

        private void set(int row, LocalDate d) throws BadValueException {
            long day = d.toEpochDay();
            if (day != (int) day) {
                throw new BadValueException(d + " is out of range for DATE32");
            }
            vector.setSafe(row, (int) day);
        }
    }

    /**
     * Text without a zone is a wall-clock time in the column's zone (columns without one hold
     * wall-clock times as if in UTC); text with one is an instant. Sub-unit fractions are refused.
     */
    static final class Timestamp extends ValueParser {
        private final TimeStampVector vector;
        private final ZoneId zone;
        private final long nanosPerUnit;

        Timestamp(Field field, TimeStampVector vector) {
            super(field);
            this.vector = vector;
            ArrowType.Timestamp type = (ArrowType.Timestamp) field.getType();
            try {
                this.zone = type.getTimezone() == null ? ZoneOffset.UTC : ZoneId.of(type.getTimezone());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(
                        "column " + field.getName() + ": unknown time zone " + type.getTimezone(), e);
            }
            this.nanosPerUnit = switch (type.getUnit()) {
                case SECOND -> 1_000_000_000L;
                case MILLISECOND -> 1_000_000L;
                case MICROSECOND -> 1_000L;
                case NANOSECOND -> 1L;
            };
        }

        @Override
        FieldVector vector() {
            return vector;
        }

        @Override
        void setText(int row, String text) throws BadValueException {
            set(row, TextForms.parseTimestamp(text, zone).toInstant());
        }

        @Override
        void setValue(int row, Object value) throws BadValueException {
            switch (value) {
                case LocalDateTime t -> set(row, t.atZone(zone).toInstant());
                case OffsetDateTime t -> set(row, t.toInstant());
                case Instant t -> set(row, t);
                default -> throw wrongKind(value);
            }
        }

        private void set(int row, Instant t) throws BadValueException {
            if (t.getNano() % nanosPerUnit != 0) {
                throw new BadValueException(t + " has a finer fraction of a second than the column's "
                        + ((ArrowType.Timestamp) field.getType()).getUnit());
            }
            try {
                long perSecond = 1_000_000_000L / nanosPerUnit;
                vector.setSafe(
                        row,
                        Math.addExact(Math.multiplyExact(t.getEpochSecond(), perSecond), t.getNano() / nanosPerUnit));
            } catch (ArithmeticException e) {
                throw new BadValueException(t + " is out of range for the column's unit");
            }
        }
    }
}

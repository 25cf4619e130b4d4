package io.quiver.sql.exec;

import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.ColumnType;
import io.quiver.sql.plan.EngineValues;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
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

/**
 * Writes SQL values (as JDBC returns them: Long, BigDecimal, String, byte[], java.sql.Date,
 * Timestamp, java.sql.Array, Blob) into an Arrow vector of a table column, checking that each fits:
 * integers in range, decimals without losing digits, vectors of the column's dimension, no NULL
 * in a NOT NULL column. A value that does not fit is an IllegalArgumentException naming the column.
 * A string goes into a VARCHAR(n) column as PostgreSQL assigns it ({@link VarcharAssignment}):
 * spaces past n trimmed, anything else past n a ValueTooLongException (SQLSTATE 22001).
 */
public final class ArrowRowWriter {
    private ArrowRowWriter() {}

    public static void set(FieldVector vector, Column column, int row, Object value) {
        set(vector, column, row, value, row + 1L);
    }

    /**
     * Sets row {@code row} of the vector; {@code position} is the row's place among all the rows
     * being written (from 1), which an error names.
     */
    public static void set(FieldVector vector, Column column, int row, Object value, long position) {
        if (value == null) {
            if (!column.nullable()) {
                throw new IllegalArgumentException("column " + column.name() + " is NOT NULL and got NULL");
            }
            if (column.type().id() == io.quiver.format.proto.TypeId.VECTOR_F32) {
                FixedSizeListVector list = (FixedSizeListVector) vector;
                // The element field is non-nullable: a NULL vector's slots hold zeros, not nulls
                // (Arrow's rule, which Lance checks when it writes).
                Float4Vector data = (Float4Vector) list.getDataVector();
                int dimension = column.type().dimension();
                for (int i = 0; i < dimension; i++) {
                    data.setSafe(row * dimension + i, 0f);
                }
                ensureCapacity(list, row);
                list.setNull(row);
            } else {
                vector.setNull(row);
            }
            return;
        }
        if (value instanceof String s && column.type().hasMaxLength()) {
            value = VarcharAssignment.assign(s, column, position);
        }
        try {
            write(vector, column.type(), row, value);
        } catch (ClassCastException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "column " + column.name() + " of type " + io.quiver.sql.schema.SqlTypes.ddlName(column.type())
                            + " cannot hold " + describe(value),
                    e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column " + column.name() + ": " + e.getMessage(), e);
        }
    }

    private static String describe(Object value) {
        String text = String.valueOf(value);
        return value.getClass().getSimpleName() + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }

    private static void write(FieldVector vector, ColumnType type, int row, Object value) {
        switch (type.id()) {
            case BOOL -> ((BitVector) vector).setSafe(row, (Boolean) value ? 1 : 0);
            case INT8 -> ((TinyIntVector) vector).setSafe(row, (byte) integral(value, Byte.MIN_VALUE, Byte.MAX_VALUE));
            case INT16 ->
                ((SmallIntVector) vector).setSafe(row, (short) integral(value, Short.MIN_VALUE, Short.MAX_VALUE));
            case INT32 ->
                ((IntVector) vector).setSafe(row, (int) integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case INT64 -> ((BigIntVector) vector).setSafe(row, integral(value, Long.MIN_VALUE, Long.MAX_VALUE));
            case FLOAT32 -> ((Float4Vector) vector).setSafe(row, ((Number) value).floatValue());
            case FLOAT64 -> ((Float8Vector) vector).setSafe(row, ((Number) value).doubleValue());
            case DECIMAL128 -> ((DecimalVector) vector).setSafe(row, decimal(value, type));
            case DATE32 -> ((DateDayVector) vector).setSafe(row, (int) epochDay(value));
            case TIMESTAMP -> ((TimeStampVector) vector).setSafe(row, timestamp(value, type));
            case UTF8 -> ((VarCharVector) vector).setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
            case BINARY, BLOB -> ((VarBinaryVector) vector).setSafe(row, EngineValues.blobBytes(value));
            case VECTOR_F32 -> vector((FixedSizeListVector) vector, type.dimension(), row, value);
            default -> throw new IllegalStateException("cannot write " + type);
        }
    }

    private static long integral(Object value, long min, long max) {
        long v = switch (value) {
            case BigDecimal d -> d.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
            case Double d when d == Math.rint(d) && Math.abs(d) < 0x1p63 -> d.longValue();
            case Float f when f == Math.rint(f) && Math.abs(f) < 0x1p63 -> f.longValue();
            case Double d -> throw new ArithmeticException("not a whole number");
            case Float f -> throw new ArithmeticException("not a whole number");
            default -> ((Number) value).longValue();
        };
        if (v < min || v > max) {
            throw new ArithmeticException("out of range");
        }
        return v;
    }

    private static BigDecimal decimal(Object value, ColumnType type) {
        BigDecimal d = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
        BigDecimal scaled = d.setScale(type.scale(), RoundingMode.UNNECESSARY);
        if (scaled.precision() > type.precision()) {
            throw new ArithmeticException("too many digits");
        }
        return scaled;
    }

    private static long epochDay(Object value) {
        return switch (value) {
            case java.sql.Date d -> d.toLocalDate().toEpochDay();
            case LocalDate d -> d.toEpochDay();
            default -> throw new ClassCastException();
        };
    }

    private static long timestamp(Object value, ColumnType type) {
        long micros = switch (value) {
            // As SQL results hand them out: a wall-clock value is the Timestamp's fields in the JVM's
            // zone, an instant (WITH TIME ZONE) its milliseconds.
            case java.sql.Timestamp t when type.timezone() == null -> micros(t.toLocalDateTime());
            case java.sql.Timestamp t ->
                Math.multiplyExact(Math.floorDiv(t.getTime(), 1000), 1_000_000L) + t.getNanos() / 1000;
            case LocalDateTime t -> micros(t);
            case java.time.Instant i ->
                Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
            case java.time.OffsetDateTime o -> micros(LocalDateTime.ofInstant(o.toInstant(), ZoneOffset.UTC));
            default -> throw new ClassCastException();
        };
        return switch (type.timeUnit()) {
            case SECOND -> Math.floorDiv(micros, 1_000_000L);
            case MILLISECOND -> Math.floorDiv(micros, 1000);
            case MICROSECOND -> micros;
            default -> Math.multiplyExact(micros, 1000L);
        };
    }

    private static long micros(LocalDateTime t) {
        var i = t.toInstant(ZoneOffset.UTC);
        return Math.multiplyExact(i.getEpochSecond(), 1_000_000L) + i.getNano() / 1000;
    }

    private static void vector(FixedSizeListVector vector, int dimension, int row, Object value) {
        if (value instanceof Array a) {
            try {
                vector(vector, dimension, row, a.getArray());
                return;
            } catch (SQLException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        List<?> elements = switch (value) {
            case Object[] a -> List.of(a);
            case double[] d -> java.util.Arrays.stream(d).boxed().toList();
            case List<?> l -> l;
            case float[] f -> {
                Float[] boxed = new Float[f.length];
                for (int i = 0; i < f.length; i++) {
                    boxed[i] = f[i];
                }
                yield List.of(boxed);
            }
            default -> throw new ClassCastException();
        };
        if (elements.size() != dimension) {
            throw new IllegalArgumentException("expected a vector of " + dimension + " floats, got " + elements.size());
        }
        Float4Vector data = (Float4Vector) vector.getDataVector();
        int base = row * dimension;
        for (int i = 0; i < dimension; i++) {
            Object e = elements.get(i);
            if (!(e instanceof Number n)) {
                throw new IllegalArgumentException("vector element " + (i + 1) + " is " + e + ", not a number");
            }
            data.setSafe(base + i, n.floatValue());
        }
        ensureCapacity(vector, row);
        vector.setNotNull(row);
    }

    /** A fixed-size list's validity does not grow by itself the way other vectors' setSafe does. */
    private static void ensureCapacity(FixedSizeListVector vector, int row) {
        while (row >= vector.getValueCapacity()) {
            vector.reAlloc();
        }
    }
}

package io.quiver.sql.copy;

import java.util.Objects;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Copies the values of an Arrow IPC file's column into a table's column: as is when the types
 * agree, else only through a conversion that cannot lose anything (a wider integer, a float that
 * holds every value of the integer, a decimal of the same scale and more digits, a finer
 * timestamp unit in the same zone, large text or binary into regular). Anything else is refused
 * when the file is opened, before any row is read.
 */
final class ArrowCasts {
    /** Copies one non-null value from row {@code from} of the source to row {@code to} of the target. */
    interface Copier {
        void copy(int from, int to) throws BadValueException;
    }

    private ArrowCasts() {}

    /** The copier, or null when no lossless conversion exists. */
    static Copier copier(Field sourceField, FieldVector source, ValueParser target) {
        ArrowType from = sourceField.getType();
        ArrowType to = target.field.getType();
        FieldVector out = target.vector();
        if (target instanceof BytesParsers.Utf8 text && text.bounded() && from.equals(to)) {
            // Text into a VARCHAR(n) column is checked, and trimmed, value by value.
            return (f, t) -> target.setValue(t, source.getObject(f));
        }
        if (from.equals(to)) {
            if (out instanceof FixedSizeListVector list) {
                if (!sourceField
                        .getChildren()
                        .getFirst()
                        .getType()
                        .equals(target.field.getChildren().getFirst().getType())) {
                    return null;
                }
                return sameVectors(sourceField, (FixedSizeListVector) source, list);
            }
            return (f, t) -> out.copyFromSafe(f, t, source);
        }
        if (from instanceof ArrowType.Timestamp a && to instanceof ArrowType.Timestamp b) {
            long factor = unitNanos(a.getUnit()) / unitNanos(b.getUnit());
            if (!Objects.equals(a.getTimezone(), b.getTimezone()) || factor < 1) {
                return null;
            }
            TimeStampVector in = (TimeStampVector) source;
            TimeStampVector ts = (TimeStampVector) out;
            return (f, t) -> {
                try {
                    ts.setSafe(t, Math.multiplyExact(in.get(f), factor));
                } catch (ArithmeticException e) {
                    throw new BadValueException(in.get(f) + " " + a.getUnit() + " is out of range for " + b.getUnit());
                }
            };
        }
        if (!widens(from, to)) {
            return null;
        }
        return (f, t) -> target.setValue(t, source.getObject(f));
    }

    /** Same FixedSizeList type: a straight copy, unless the file's child allows nulls and has one. */
    private static Copier sameVectors(Field sourceField, FixedSizeListVector in, FixedSizeListVector out) {
        if (!(sourceField.getChildren().getFirst().isNullable())) {
            return (f, t) -> out.copyFromSafe(f, t, in);
        }
        int n = in.getListSize();
        FieldVector child = in.getDataVector();
        return (f, t) -> {
            for (int i = 0; i < n; i++) {
                if (child.isNull(f * n + i)) {
                    throw new BadValueException("element " + (i + 1) + " of the vector is null");
                }
            }
            out.copyFromSafe(f, t, in);
        };
    }

    static boolean widens(ArrowType from, ArrowType to) {
        if (from instanceof ArrowType.Int a && a.getIsSigned()) {
            return switch (to) {
                case ArrowType.Int b -> b.getIsSigned() && b.getBitWidth() >= a.getBitWidth();
                case ArrowType.FloatingPoint b -> a.getBitWidth() <= floatExactBits(b.getPrecision());
                case ArrowType.Decimal b -> b.getPrecision() - b.getScale() >= decimalDigits(a.getBitWidth());
                default -> false;
            };
        }
        return switch (from) {
            case ArrowType.FloatingPoint a ->
                a.getPrecision() == FloatingPointPrecision.SINGLE
                        && to instanceof ArrowType.FloatingPoint b
                        && b.getPrecision() == FloatingPointPrecision.DOUBLE;
            case ArrowType.Decimal a ->
                to instanceof ArrowType.Decimal b
                        && a.getScale() == b.getScale()
                        && b.getPrecision() >= a.getPrecision();
            case ArrowType.LargeUtf8 a -> to instanceof ArrowType.Utf8;
            case ArrowType.LargeBinary a -> to instanceof ArrowType.Binary;
            default -> false;
        };
    }

    /** The widest signed integers whose every value a float type holds exactly. */
    private static int floatExactBits(FloatingPointPrecision p) {
        return p == FloatingPointPrecision.SINGLE ? 16 : 32;
    }

    /** Digits of the largest signed integer of a bit width. */
    private static int decimalDigits(int bits) {
        return switch (bits) {
            case 8 -> 3;
            case 16 -> 5;
            case 32 -> 10;
            default -> 19;
        };
    }

    private static long unitNanos(org.apache.arrow.vector.types.TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 1_000_000_000L;
            case MILLISECOND -> 1_000_000L;
            case MICROSECOND -> 1_000L;
            case NANOSECOND -> 1L;
        };
    }
}

package io.quiver.engine.schema;

import io.quiver.format.proto.LogicalType;
import io.quiver.format.proto.TimeUnit;
import io.quiver.format.proto.TypeId;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * A column's logical type, decoded from either an Arrow field or the on-disk {@link LogicalType}.
 * It answers the questions the page codec asks: how wide a value is, how its statistics order.
 *
 * <p>{@code maxLength} bounds a UTF8 column (VARCHAR(n)): the most code points a value may hold,
 * 0 for unbounded. It is a rule of the table schema that writes are checked against, not part of
 * how values are stored: data files record the {@link #storageType}.
 */
public record ColumnType(
        TypeId id, int precision, int scale, TimeUnit timeUnit, String timezone, int dimension, int maxLength) {
    /**
     * Arrow field metadata that marks a binary column as BLOB: in batches read from a table its
     * values are stored blob descriptors (turn them into handles with {@code Dataset.blob}).
     */
    public static final String ARROW_TYPE_KEY = "quiver.type";

    public static final String ARROW_BLOB = "blob";

    /**
     * Arrow field metadata of a bounded text column (VARCHAR(n)): n in decimal, the most characters
     * (Unicode code points) a value may hold. Absent on unbounded columns.
     */
    public static final String ARROW_MAX_LENGTH_KEY = "quiver.max_length";

    /** The most floats a vector may have: keeps a single value well under a page's size limit. */
    public static final int MAX_VECTOR_DIMENSION = 1 << 16;

    /** The largest bound of a VARCHAR(n) column (2^31 - 1 characters). */
    public static final int MAX_STRING_LENGTH = Integer.MAX_VALUE;

    public ColumnType {
        if (maxLength < 0 || (maxLength > 0 && id != TypeId.UTF8)) {
            throw new IllegalArgumentException("a maximum length (" + maxLength + ") needs a UTF8 type, not " + id);
        }
    }

    /** A type without a maximum length. */
    public ColumnType(TypeId id, int precision, int scale, TimeUnit timeUnit, String timezone, int dimension) {
        this(id, precision, scale, timeUnit, timezone, dimension, 0);
    }

    /** VARCHAR(n): text of at most {@code maxLength} code points, 1 to {@link #MAX_STRING_LENGTH}. */
    public static ColumnType varchar(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("a VARCHAR length must be at least 1, got " + maxLength);
        }
        return new ColumnType(TypeId.UTF8, 0, 0, null, null, 0, maxLength);
    }

    /** Whether values are bounded in length: a VARCHAR(n) column. */
    public boolean hasMaxLength() {
        return maxLength > 0;
    }

    /** The type as data files store it: without the maximum length, which only the schema records. */
    public ColumnType storageType() {
        return maxLength == 0 ? this : of(id);
    }

    /** Width in bytes of one value, 0 for variable-width types, -1 for bit-packed booleans. */
    public int fixedWidth() {
        return switch (id) {
            case BOOL -> -1;
            case INT8 -> 1;
            case INT16 -> 2;
            case INT32, FLOAT32, DATE32 -> 4;
            case INT64, FLOAT64, TIMESTAMP -> 8;
            case DECIMAL128 -> 16;
            case VECTOR_F32 -> 4 * dimension;
            case UTF8, BINARY, BLOB -> 0;
            default -> throw new IllegalStateException("unknown type " + id);
        };
    }

    public boolean isVariableWidth() {
        return id == TypeId.UTF8 || id == TypeId.BINARY || id == TypeId.BLOB;
    }

    public boolean isBlob() {
        return id == TypeId.BLOB;
    }

    /** How min/max statistics and filter literals of this type are compared. */
    public StatsDomain statsDomain() {
        return switch (id) {
            case BOOL -> StatsDomain.BOOL;
            case INT8, INT16, INT32, INT64, DATE32, TIMESTAMP -> StatsDomain.LONG;
            case FLOAT32, FLOAT64 -> StatsDomain.DOUBLE;
            case DECIMAL128 -> StatsDomain.DECIMAL;
            case UTF8 -> StatsDomain.BYTES;
            case BINARY, VECTOR_F32, BLOB -> StatsDomain.NONE;
            default -> throw new IllegalStateException("unknown type " + id);
        };
    }

    /** How values are compared when filters are evaluated: like {@link #statsDomain}, but binary values order as bytes. */
    public StatsDomain valueDomain() {
        return id == TypeId.BINARY ? StatsDomain.BYTES : statsDomain();
    }

    public LogicalType toProto() {
        LogicalType.Builder b = LogicalType.newBuilder().setId(id);
        if (id == TypeId.DECIMAL128) {
            b.setDecimalPrecision(precision).setDecimalScale(scale);
        } else if (id == TypeId.TIMESTAMP) {
            b.setTimeUnit(timeUnit);
            if (timezone != null) {
                b.setTimezone(timezone);
            }
        } else if (id == TypeId.VECTOR_F32) {
            b.setVectorDimension(dimension);
        } else if (maxLength > 0) {
            b.setMaxLength(maxLength);
        }
        return b.build();
    }

    /**
     * Decodes a type read from disk; returns null when it is not one this build knows (a maximum
     * length on a type other than UTF8, or one past {@link #MAX_STRING_LENGTH}, included).
     */
    public static ColumnType fromProto(LogicalType t) {
        TypeId id = t.getId();
        if (id == TypeId.UNRECOGNIZED || id == TypeId.TYPE_ID_UNSPECIFIED) {
            return null;
        }
        if (t.getMaxLength() != 0) {
            // uint32 read as int: a bound of 2^31 or more is negative here.
            return id == TypeId.UTF8 && t.getMaxLength() > 0 ? varchar(t.getMaxLength()) : null;
        }
        return switch (id) {
            case DECIMAL128 ->
                t.getDecimalPrecision() < 1
                                || t.getDecimalPrecision() > 38
                                || t.getDecimalScale() < 0
                                || t.getDecimalScale() > t.getDecimalPrecision()
                        ? null
                        : new ColumnType(id, t.getDecimalPrecision(), t.getDecimalScale(), null, null, 0);
            case TIMESTAMP ->
                t.getTimeUnit() == TimeUnit.UNRECOGNIZED || t.getTimeUnit() == TimeUnit.TIME_UNIT_UNSPECIFIED
                        ? null
                        : new ColumnType(
                                id, 0, 0, t.getTimeUnit(), t.getTimezone().isEmpty() ? null : t.getTimezone(), 0);
            case VECTOR_F32 ->
                t.getVectorDimension() < 1 || t.getVectorDimension() > MAX_VECTOR_DIMENSION
                        ? null
                        : new ColumnType(id, 0, 0, null, null, t.getVectorDimension());
            default -> of(id);
        };
    }

    public static ColumnType of(TypeId id) {
        return new ColumnType(id, 0, 0, null, null, 0);
    }

    /** The Quiver type of an Arrow field; IllegalArgumentException when Quiver cannot store it. */
    public static ColumnType fromArrow(Field field) {
        ArrowType t = field.getType();
        if (!(t instanceof ArrowType.Utf8)
                && field.getMetadata() != null
                && field.getMetadata().containsKey(ARROW_MAX_LENGTH_KEY)) {
            throw new IllegalArgumentException("column " + field.getName() + ": " + ARROW_MAX_LENGTH_KEY
                    + " bounds text columns only, not Arrow type " + t);
        }
        return switch (t) {
            case ArrowType.Bool b -> of(TypeId.BOOL);
            case ArrowType.Int i
            when i.getIsSigned() ->
                switch (i.getBitWidth()) {
                    case 8 -> of(TypeId.INT8);
                    case 16 -> of(TypeId.INT16);
                    case 32 -> of(TypeId.INT32);
                    default -> of(TypeId.INT64);
                };
            case ArrowType.FloatingPoint f when f.getPrecision() == FloatingPointPrecision.SINGLE -> of(TypeId.FLOAT32);
            case ArrowType.FloatingPoint f when f.getPrecision() == FloatingPointPrecision.DOUBLE -> of(TypeId.FLOAT64);
            case ArrowType.Decimal d
            when d.getBitWidth() == 128 -> {
                if (d.getPrecision() < 1
                        || d.getPrecision() > 38
                        || d.getScale() < 0
                        || d.getScale() > d.getPrecision()) {
                    throw new IllegalArgumentException("column " + field.getName() + ": DECIMAL(" + d.getPrecision()
                            + ", " + d.getScale() + ") needs 1 <= precision <= 38 and 0 <= scale <= precision");
                }
                yield new ColumnType(TypeId.DECIMAL128, d.getPrecision(), d.getScale(), null, null, 0);
            }
            case ArrowType.Date d when d.getUnit() == org.apache.arrow.vector.types.DateUnit.DAY -> of(TypeId.DATE32);
            case ArrowType.Timestamp ts ->
                new ColumnType(TypeId.TIMESTAMP, 0, 0, timeUnit(ts.getUnit()), ts.getTimezone(), 0);
            case ArrowType.Utf8 u -> {
                String bound =
                        field.getMetadata() == null ? null : field.getMetadata().get(ARROW_MAX_LENGTH_KEY);
                yield bound == null ? of(TypeId.UTF8) : varchar(maxLength(field, bound));
            }
            case ArrowType.Binary b -> of(isBlobField(field) ? TypeId.BLOB : TypeId.BINARY);
            case ArrowType.FixedSizeList l
            when isFloatChild(field) -> {
                if (l.getListSize() < 1 || l.getListSize() > MAX_VECTOR_DIMENSION) {
                    throw new IllegalArgumentException("column " + field.getName() + ": vector dimension "
                            + l.getListSize() + " outside [1, " + MAX_VECTOR_DIMENSION + "]");
                }
                yield new ColumnType(TypeId.VECTOR_F32, 0, 0, null, null, l.getListSize());
            }
            default ->
                throw new IllegalArgumentException(
                        "column " + field.getName() + ": Quiver cannot store Arrow type " + t);
        };
    }

    /** The bound that {@link #ARROW_MAX_LENGTH_KEY} gives: a whole number from 1 to {@link #MAX_STRING_LENGTH}. */
    private static int maxLength(Field field, String bound) {
        // ASCII digits only: Integer.parseInt would also take a sign and other scripts' digits.
        long n = bound.matches("[0-9]{1,10}") ? Long.parseLong(bound) : -1;
        if (n < 1 || n > MAX_STRING_LENGTH) {
            throw new IllegalArgumentException("column " + field.getName() + ": " + ARROW_MAX_LENGTH_KEY + " '" + bound
                    + "' is not a length from 1 to " + MAX_STRING_LENGTH);
        }
        return (int) n;
    }

    /** Whether an Arrow field is a BLOB column's (binary values marked with {@link #ARROW_TYPE_KEY}). */
    public static boolean isBlobField(Field field) {
        return field.getMetadata() != null
                && ARROW_BLOB.equals(field.getMetadata().get(ARROW_TYPE_KEY));
    }

    private static boolean isFloatChild(Field field) {
        return field.getChildren().size() == 1
                && field.getChildren().getFirst().getType() instanceof ArrowType.FloatingPoint fp
                && fp.getPrecision() == FloatingPointPrecision.SINGLE;
    }

    /** The Arrow field for a column of this type. */
    public Field toArrow(String name, boolean nullable) {
        ArrowType arrow = switch (id) {
            case BOOL -> ArrowType.Bool.INSTANCE;
            case INT8 -> new ArrowType.Int(8, true);
            case INT16 -> new ArrowType.Int(16, true);
            case INT32 -> new ArrowType.Int(32, true);
            case INT64 -> new ArrowType.Int(64, true);
            case FLOAT32 -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case FLOAT64 -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case DECIMAL128 -> new ArrowType.Decimal(precision, scale, 128);
            case DATE32 -> new ArrowType.Date(org.apache.arrow.vector.types.DateUnit.DAY);
            case TIMESTAMP -> new ArrowType.Timestamp(arrowUnit(timeUnit), timezone);
            case UTF8 -> ArrowType.Utf8.INSTANCE;
            case BINARY, BLOB -> ArrowType.Binary.INSTANCE;
            case VECTOR_F32 -> new ArrowType.FixedSizeList(dimension);
            default -> throw new IllegalStateException("unknown type " + id);
        };
        Map<String, String> metadata = id == TypeId.BLOB
                ? Map.of(ARROW_TYPE_KEY, ARROW_BLOB)
                : maxLength > 0 ? Map.of(ARROW_MAX_LENGTH_KEY, Integer.toString(maxLength)) : null;
        FieldType fieldType = new FieldType(nullable, arrow, null, metadata);
        if (id == TypeId.VECTOR_F32) {
            Field item = new Field(
                    "item", FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null);
            return new Field(name, fieldType, List.of(item));
        }
        return new Field(name, fieldType, null);
    }

    private static TimeUnit timeUnit(org.apache.arrow.vector.types.TimeUnit unit) {
        return switch (unit) {
            case SECOND -> TimeUnit.SECOND;
            case MILLISECOND -> TimeUnit.MILLISECOND;
            case MICROSECOND -> TimeUnit.MICROSECOND;
            case NANOSECOND -> TimeUnit.NANOSECOND;
        };
    }

    private static org.apache.arrow.vector.types.TimeUnit arrowUnit(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> org.apache.arrow.vector.types.TimeUnit.SECOND;
            case MILLISECOND -> org.apache.arrow.vector.types.TimeUnit.MILLISECOND;
            case MICROSECOND -> org.apache.arrow.vector.types.TimeUnit.MICROSECOND;
            case NANOSECOND -> org.apache.arrow.vector.types.TimeUnit.NANOSECOND;
            default -> throw new IllegalStateException("unknown time unit " + unit);
        };
    }

    @Override
    public String toString() {
        return switch (id) {
            case DECIMAL128 -> "DECIMAL(" + precision + ", " + scale + ")";
            case TIMESTAMP -> "TIMESTAMP(" + timeUnit + (timezone == null ? "" : ", " + timezone) + ")";
            case VECTOR_F32 -> "VECTOR(" + dimension + ")";
            case UTF8 -> maxLength > 0 ? "VARCHAR(" + maxLength + ")" : id.name();
            default -> id.name();
        };
    }
}

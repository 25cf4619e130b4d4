package io.quiver.sql.copy;

import io.quiver.engine.schema.ColumnType;
import io.quiver.format.proto.TimeUnit;
import io.quiver.format.proto.TypeId;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One column of a result set that COPY TO writes: its Quiver type (from the JDBC type) and the
 * reading of its values as the few Java kinds every writer understands: Boolean, Long, Float,
 * Double, BigDecimal, LocalDate, LocalDateTime (TIMESTAMP), OffsetDateTime in UTC (TIMESTAMP WITH
 * TIME ZONE), String, byte[] and float[] (arrays; every array of a column has one length).
 */
final class JdbcColumn {
    /** The largest BLOB value read: one value is held in memory at a time, as a byte[]. */
    static final long MAX_BLOB_BYTES = Integer.MAX_VALUE - 16;

    final String label;
    final TypeId type;
    final boolean withZone;
    final int precision;
    final int scale;
    final boolean nullable;
    /** The length of the column's arrays, from the first non-null one; -1 before it. */
    int dimension = -1;

    private JdbcColumn(String label, TypeId type, boolean withZone, int precision, int scale, boolean nullable) {
        this.label = label;
        this.type = type;
        this.withZone = withZone;
        this.precision = precision;
        this.scale = scale;
        this.nullable = nullable;
    }

    static List<JdbcColumn> of(ResultSetMetaData md) throws SQLException {
        List<JdbcColumn> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            int sqlType = md.getColumnType(i);
            TypeId type = switch (sqlType) {
                case Types.BIT, Types.BOOLEAN -> TypeId.BOOL;
                case Types.TINYINT -> TypeId.INT8;
                case Types.SMALLINT -> TypeId.INT16;
                case Types.INTEGER -> TypeId.INT32;
                case Types.BIGINT -> TypeId.INT64;
                case Types.REAL -> TypeId.FLOAT32;
                case Types.FLOAT, Types.DOUBLE -> TypeId.FLOAT64;
                case Types.DECIMAL, Types.NUMERIC -> TypeId.DECIMAL128;
                case Types.DATE -> TypeId.DATE32;
                case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> TypeId.TIMESTAMP;
                case Types.CHAR,
                        Types.VARCHAR,
                        Types.LONGVARCHAR,
                        Types.NCHAR,
                        Types.NVARCHAR,
                        Types.LONGNVARCHAR,
                        Types.CLOB -> TypeId.UTF8;
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> TypeId.BINARY;
                case Types.BLOB -> TypeId.BLOB;
                case Types.ARRAY -> TypeId.VECTOR_F32;
                default ->
                    throw new SQLFeatureNotSupportedException("COPY TO cannot write column " + md.getColumnLabel(i)
                            + " of SQL type " + md.getColumnTypeName(i));
            };
            columns.add(new JdbcColumn(
                    md.getColumnLabel(i),
                    type,
                    sqlType == Types.TIMESTAMP_WITH_TIMEZONE
                            || String.valueOf(md.getColumnTypeName(i)).startsWith("TIMESTAMP WITH TIME ZONE")
                            || String.valueOf(md.getColumnTypeName(i)).startsWith("TIMESTAMP_WITH_LOCAL_TIME_ZONE"),
                    md.getPrecision(i),
                    md.getScale(i),
                    md.isNullable(i) != ResultSetMetaData.columnNoNulls));
        }
        return columns;
    }

    /** The column's Quiver type; TIMESTAMP is in microseconds, SQL's TIMESTAMP(6) (UTC for WITH TIME ZONE). */
    ColumnType columnType() throws SQLException {
        return switch (type) {
            case DECIMAL128 -> {
                if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
                    throw new SQLFeatureNotSupportedException(
                            "column " + label + ": DECIMAL(" + precision + ", " + scale + ") does not fit DECIMAL128");
                }
                yield new ColumnType(type, precision, scale, null, null, 0);
            }
            case TIMESTAMP -> new ColumnType(type, 0, 0, TimeUnit.MICROSECOND, withZone ? "UTC" : null, 0);
            case VECTOR_F32 -> new ColumnType(type, 0, 0, null, null, Math.max(dimension, 1));
            default -> ColumnType.of(type);
        };
    }

    /** The value of this column (1-based {@code index}) in the current row {@code row} (1-based), or null. */
    Object read(ResultSet rs, int index, long row) throws SQLException, IOException {
        Object v = rs.getObject(index);
        if (v == null) {
            return null;
        }
        return switch (type) {
            case BOOL -> v instanceof Number n ? (Boolean) (n.intValue() != 0) : (Boolean) v;
            case INT8, INT16, INT32, INT64 -> ((Number) v).longValue();
            case FLOAT32 -> ((Number) v).floatValue();
            case FLOAT64 -> ((Number) v).doubleValue();
            case DECIMAL128 -> v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
            case DATE32 ->
                javaTime(rs, index, LocalDate.class, v) instanceof java.sql.Date d
                        ? d.toLocalDate()
                        : (LocalDate) javaTime(rs, index, LocalDate.class, v);
            case TIMESTAMP -> timestamp(withZone ? v : javaTime(rs, index, LocalDateTime.class, v));
            case UTF8 ->
                v instanceof Clob c ? c.getSubString(1, (int) Math.min(c.length(), Integer.MAX_VALUE)) : v.toString();
            case BINARY, BLOB -> v instanceof Blob b ? readBlob(b, row) : (byte[]) v;
            case VECTOR_F32 -> vector(v, row);
            default -> throw new IllegalStateException("type " + type);
        };
    }

    /**
     * The value as JDBC 4.2's {@code getObject(index, type)} gives it, else as read: a java.sql
     * Date or Timestamp cannot hold 1582-10-05..14 (they become ten days later), a LocalDate or
     * LocalDateTime holds every day.
     */
    private static Object javaTime(ResultSet rs, int index, Class<?> type, Object read) {
        try {
            Object v = rs.getObject(index, type);
            return v == null ? read : v;
        } catch (SQLException | UnsupportedOperationException e) {
            return read;
        }
    }

    /** WITH TIME ZONE: the instant, in UTC. Without: a wall-clock time (a JDBC Timestamp's local fields). */
    private Object timestamp(Object v) {
        if (withZone) {
            Instant instant = switch (v) {
                case java.sql.Timestamp ts -> ts.toInstant();
                case OffsetDateTime o -> o.toInstant();
                case Instant i -> i;
                case LocalDateTime l -> l.toInstant(ZoneOffset.UTC);
                default -> throw notA(v);
            };
            return instant.atOffset(ZoneOffset.UTC);
        }
        return switch (v) {
            case java.sql.Timestamp ts -> ts.toLocalDateTime();
            case LocalDateTime l -> l;
            case OffsetDateTime o -> o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            case Instant i -> LocalDateTime.ofInstant(i, ZoneOffset.UTC);
            default -> throw notA(v);
        };
    }

    private ClassCastException notA(Object v) {
        return new ClassCastException("a " + v.getClass().getName() + " in column " + label);
    }

    private byte[] readBlob(Blob b, long row) throws SQLException, IOException {
        try {
            if (b.length() > MAX_BLOB_BYTES) {
                throw new SQLDataException("column " + label + ", row " + row + ": a BLOB of " + b.length()
                        + " bytes is more than COPY TO writes (" + MAX_BLOB_BYTES + ")");
            }
            try (InputStream in = b.getBinaryStream()) {
                return in.readAllBytes();
            }
        } finally {
            b.free();
        }
    }

    private float[] vector(Object v, long row) throws SQLException {
        Object values = v instanceof Array a ? elements(a) : v;
        float[] out = switch (values) {
            case float[] f -> f.clone();
            case double[] d -> {
                float[] f = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    f[i] = (float) d[i];
                }
                yield f;
            }
            case Object[] o -> numbers(o.length, o, row);
            case List<?> l -> numbers(l.size(), l.toArray(), row);
            default -> throw new SQLDataException("column " + label + ", row " + row + ": not an array of numbers");
        };
        if (dimension == -1) {
            dimension = out.length;
        } else if (out.length != dimension) {
            throw new SQLDataException("column " + label + ", row " + row + ": an array of " + out.length
                    + " values, the earlier rows' have " + dimension);
        }
        return out;
    }

    private static Object elements(Array a) throws SQLException {
        try {
            return a.getArray();
        } finally {
            a.free();
        }
    }

    private float[] numbers(int n, Object[] o, long row) throws SQLException {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            if (!(o[i] instanceof Number num)) {
                throw new SQLDataException("column " + label + ", row " + row + ": element " + (i + 1) + " is "
                        + (o[i] == null ? "null" : "not a number"));
            }
            f[i] = num.floatValue();
        }
        return f;
    }
}

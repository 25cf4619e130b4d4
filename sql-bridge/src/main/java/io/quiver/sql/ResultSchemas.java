package io.quiver.sql;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The table schema for a query's result (CREATE TABLE ... AS): each JDBC column type as the Quiver
 * type that holds it. An array column becomes a VECTOR whose dimension is that of the first row's
 * value, so the result must have a first row with a non-NULL vector.
 */
final class ResultSchemas {
    private ResultSchemas() {}

    static Schema of(ResultSet rows, boolean onFirstRow) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        List<Field> fields = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String name = meta.getColumnLabel(i);
            boolean nullable = meta.isNullable(i) != ResultSetMetaData.columnNoNulls;
            ArrowType type = switch (meta.getColumnType(i)) {
                case Types.BOOLEAN -> ArrowType.Bool.INSTANCE;
                case Types.TINYINT -> new ArrowType.Int(8, true);
                case Types.SMALLINT -> new ArrowType.Int(16, true);
                case Types.INTEGER -> new ArrowType.Int(32, true);
                case Types.BIGINT -> new ArrowType.Int(64, true);
                case Types.REAL -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
                case Types.FLOAT, Types.DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
                case Types.DECIMAL, Types.NUMERIC -> new ArrowType.Decimal(meta.getPrecision(i), meta.getScale(i), 128);
                case Types.DATE -> new ArrowType.Date(org.apache.arrow.vector.types.DateUnit.DAY);
                case Types.TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
                case Types.TIMESTAMP_WITH_TIMEZONE -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
                case Types.CHAR, Types.VARCHAR -> ArrowType.Utf8.INSTANCE;
                case Types.BINARY, Types.VARBINARY -> ArrowType.Binary.INSTANCE;
                case Types.ARRAY, Types.BLOB -> null;
                default -> {
                    throw new SQLFeatureNotSupportedException(
                            "column " + name + ": a table cannot hold values of type " + meta.getColumnTypeName(i),
                            "0A000");
                }
            };
            if (type != null) {
                fields.add(new Field(name, new FieldType(nullable, type, null), null));
            } else if (meta.getColumnType(i) == Types.ARRAY) {
                fields.add(vector(name, nullable, onFirstRow ? rows.getArray(i) : null));
            } else {
                fields.add(io.quiver.engine.schema.ColumnType.of(io.quiver.format.proto.TypeId.BLOB)
                        .toArrow(name, nullable));
            }
        }
        return new Schema(fields);
    }

    private static Field vector(String name, boolean nullable, Array first) throws SQLException {
        if (first == null) {
            throw new SQLFeatureNotSupportedException(
                    "column " + name + ": the dimension of an array column is taken from the first row, which has none",
                    "0A000");
        }
        int dimension = java.lang.reflect.Array.getLength(first.getArray());
        return new io.quiver.engine.schema.ColumnType(
                        io.quiver.format.proto.TypeId.VECTOR_F32, 0, 0, null, null, dimension)
                .toArrow(name, nullable);
    }
}

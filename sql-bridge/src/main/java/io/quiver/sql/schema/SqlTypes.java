package io.quiver.sql.schema;

import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.ColumnType;
import io.quiver.format.proto.TimeUnit;
import io.quiver.format.proto.TypeId;
import io.quiver.sql.parse.ColumnDef;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Quiver column types as SQL sees them: the names DDL accepts, the Calcite types queries are
 * planned with, and the names DESCRIBE shows. VECTOR(n) is a REAL ARRAY to Calcite; BLOB is a
 * VARBINARY, which a scan yields as lazily read {@link BlobValue} handles ({@link #scanType}).
 */
public final class SqlTypes {
    /** The longest VARCHAR(n) DDL accepts, PostgreSQL's limit (a Calcite type holds it too). */
    public static final int MAX_VARCHAR_LENGTH = 10 * 1024 * 1024;

    private SqlTypes() {}

    /** The Arrow field for a declared column; IllegalArgumentException names an unknown or malformed type. */
    public static Field toArrow(ColumnDef def) {
        return columnType(def).toArrow(def.name(), !def.notNull());
    }

    static ColumnType columnType(ColumnDef def) {
        List<Integer> args = def.typeArgs();
        String type = def.typeName();
        ColumnType t = switch (type) {
            case "BOOLEAN", "BOOL" -> simple(def, TypeId.BOOL);
            case "TINYINT" -> simple(def, TypeId.INT8);
            case "SMALLINT" -> simple(def, TypeId.INT16);
            case "INT", "INTEGER" -> simple(def, TypeId.INT32);
            case "BIGINT" -> simple(def, TypeId.INT64);
            case "REAL", "FLOAT4" -> simple(def, TypeId.FLOAT32);
            case "FLOAT", "DOUBLE", "FLOAT8" -> simple(def, TypeId.FLOAT64);
            case "DATE" -> simple(def, TypeId.DATE32);
            case "VARCHAR" -> varchar(def);
            case "TEXT", "STRING", "CHAR" -> sized(def, TypeId.UTF8);
            case "VARBINARY", "BINARY", "BYTEA" -> sized(def, TypeId.BINARY);
            case "BLOB" -> simple(def, TypeId.BLOB);
            case "TIMESTAMP" -> timestamp(def, null);
            case "TIMESTAMP WITH TIME ZONE" -> timestamp(def, "UTC");
            case "DECIMAL", "NUMERIC" -> {
                if (args.isEmpty() || args.size() > 2) {
                    throw new IllegalArgumentException("column " + def.name() + ": DECIMAL needs (precision[, scale])");
                }
                yield new ColumnType(TypeId.DECIMAL128, args.get(0), args.size() > 1 ? args.get(1) : 0, null, null, 0);
            }
            case "VECTOR" -> {
                if (args.size() != 1 || args.getFirst() < 1 || args.getFirst() > ColumnType.MAX_VECTOR_DIMENSION) {
                    throw new IllegalArgumentException("column " + def.name() + ": VECTOR needs a dimension in [1, "
                            + ColumnType.MAX_VECTOR_DIMENSION + "], as in VECTOR(768)");
                }
                yield new ColumnType(TypeId.VECTOR_F32, 0, 0, null, null, args.getFirst());
            }
            default ->
                throw new IllegalArgumentException("column " + def.name() + ": unknown type " + type
                        + " (known: BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL(p, s),"
                        + " DATE, TIMESTAMP, VARCHAR[(n)], VARBINARY, BLOB, VECTOR(n))");
        };
        // Validates precision and scale the way the engine will when the table is created.
        return ColumnType.fromArrow(t.toArrow(def.name(), true));
    }

    private static ColumnType simple(ColumnDef def, TypeId id) {
        if (!def.typeArgs().isEmpty()) {
            throw new IllegalArgumentException("column " + def.name() + ": " + def.typeName() + " takes no arguments");
        }
        return ColumnType.of(id);
    }

    /** VARCHAR(n): at most n characters (code points), enforced on every write; VARCHAR: unbounded. */
    private static ColumnType varchar(ColumnDef def) {
        List<Integer> args = def.typeArgs();
        if (args.isEmpty()) {
            return ColumnType.of(TypeId.UTF8);
        }
        if (args.size() > 1 || args.getFirst() < 1 || args.getFirst() > MAX_VARCHAR_LENGTH) {
            throw new IllegalArgumentException("column " + def.name() + ": VARCHAR needs a length from 1 to "
                    + MAX_VARCHAR_LENGTH + ", as in VARCHAR(255)");
        }
        return ColumnType.varchar(args.getFirst());
    }

    /**
     * TEXT, STRING and CHAR, and VARBINARY(n), are accepted for portability with their lengths
     * ignored: they are unbounded (CHAR(n) is neither padded nor bounded).
     */
    private static ColumnType sized(ColumnDef def, TypeId id) {
        if (def.typeArgs().size() > 1) {
            throw new IllegalArgumentException("column " + def.name() + ": " + def.typeName() + " takes one length");
        }
        return ColumnType.of(id);
    }

    private static ColumnType timestamp(ColumnDef def, String zone) {
        if (def.typeArgs().size() > 1) {
            throw new IllegalArgumentException("column " + def.name() + ": TIMESTAMP takes one precision");
        }
        return new ColumnType(TypeId.TIMESTAMP, 0, 0, TimeUnit.MICROSECOND, zone, 0);
    }

    /**
     * The Calcite type of a column. A TIMESTAMP is TIMESTAMP(6), microseconds, whatever unit a
     * table stores (Quiver's plans carry microseconds: io.quiver.sql.plan.TimestampCalls).
     */
    public static RelDataType toCalcite(Column column, RelDataTypeFactory types) {
        ColumnType t = column.type();
        RelDataType type = switch (t.id()) {
            case BOOL -> types.createSqlType(SqlTypeName.BOOLEAN);
            case INT8 -> types.createSqlType(SqlTypeName.TINYINT);
            case INT16 -> types.createSqlType(SqlTypeName.SMALLINT);
            case INT32 -> types.createSqlType(SqlTypeName.INTEGER);
            case INT64 -> types.createSqlType(SqlTypeName.BIGINT);
            case FLOAT32 -> types.createSqlType(SqlTypeName.REAL);
            case FLOAT64 -> types.createSqlType(SqlTypeName.DOUBLE);
            case DECIMAL128 -> types.createSqlType(SqlTypeName.DECIMAL, t.precision(), t.scale());
            case DATE32 -> types.createSqlType(SqlTypeName.DATE);
            case TIMESTAMP ->
                t.timezone() == null
                        ? types.createSqlType(SqlTypeName.TIMESTAMP, 6)
                        : types.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 6);
            case UTF8 ->
                t.hasMaxLength()
                        ? types.createSqlType(SqlTypeName.VARCHAR, t.maxLength())
                        : types.createSqlType(SqlTypeName.VARCHAR);
            case BINARY, BLOB -> types.createSqlType(SqlTypeName.VARBINARY);
            case VECTOR_F32 -> types.createArrayType(types.createSqlType(SqlTypeName.REAL), -1);
            default -> throw new IllegalStateException("no SQL type for " + t);
        };
        return types.createTypeWithNullability(type, column.nullable());
    }

    /**
     * The Calcite type a scan yields for a column: its {@link #toCalcite SQL type}, but a handle
     * ({@link BlobValue#handleType}) for a BLOB, whose bytes are read only when the query needs them.
     */
    public static RelDataType scanType(Column column, RelDataTypeFactory types) {
        return column.type().id() == TypeId.BLOB
                ? BlobValue.handleType(types, column.nullable())
                : toCalcite(column, types);
    }

    /** The type as DDL spells it: BIGINT, VARCHAR, VARCHAR(255), VECTOR(768), BLOB, DECIMAL(10, 2). */
    public static String ddlName(ColumnType t) {
        return switch (t.id()) {
            case BOOL -> "BOOLEAN";
            case INT8 -> "TINYINT";
            case INT16 -> "SMALLINT";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case FLOAT32 -> "REAL";
            case FLOAT64 -> "DOUBLE";
            case DECIMAL128 -> "DECIMAL(" + t.precision() + ", " + t.scale() + ")";
            case DATE32 -> "DATE";
            case TIMESTAMP -> t.timezone() == null ? "TIMESTAMP" : "TIMESTAMP WITH TIME ZONE";
            case UTF8 -> t.hasMaxLength() ? "VARCHAR(" + t.maxLength() + ")" : "VARCHAR";
            case BINARY -> "VARBINARY";
            case BLOB -> "BLOB";
            case VECTOR_F32 -> "VECTOR(" + t.dimension() + ")";
            default -> t.id().name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * The type a value is cast to before it is stored in the column (as Calcite spells it). Text
     * is cast to unbounded VARCHAR: a cast to VARCHAR(n) would truncate, where storing a longer
     * value must fail (SQLSTATE 22001) unless only spaces are past n ({@code VarcharAssignment}).
     */
    public static String castName(ColumnType t) {
        return switch (t.id()) {
            case UTF8 -> "VARCHAR";
            case VECTOR_F32 -> "REAL ARRAY";
            case BLOB -> "VARBINARY";
            case TIMESTAMP -> t.timezone() == null ? "TIMESTAMP(6)" : "TIMESTAMP(6) WITH LOCAL TIME ZONE";
            default -> ddlName(t);
        };
    }
}

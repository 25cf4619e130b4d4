package io.quiver.sql.plan;

import java.math.RoundingMode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The result types and rounding Quiver's SQL follows where Calcite's defaults differ from
 * PostgreSQL, Trino and DuckDB (README, "SQL semantics"):
 *
 * <ul>
 *   <li>SUM of TINYINT, SMALLINT or INTEGER is a BIGINT (PostgreSQL, Trino), SUM of DECIMAL(p, s)
 *       a DECIMAL(38, s), SUM of REAL a DOUBLE. The sum of a sum keeps its type: Calcite's rules
 *       split and merge aggregates and require that. SUM of BIGINT stays BIGINT, as in Trino
 *       (PostgreSQL widens it to NUMERIC, which Calcite's code generator cannot add longs to).
 *   <li>AVG of an exact or REAL column is a DOUBLE: {@code AVG} of 1 and 2 is 1.5, not 1.
 *   <li>Casts to fewer digits round half away from zero ({@code CAST(-2.75 AS INTEGER)} is -3).
 *   <li>DECIMAL holds up to 38 digits, as the Arrow decimal the engine stores does.
 *   <li>Strings of different lengths brought together (VALUES, UNION, CASE) are VARCHAR.
 *   <li>CHAR(n) and VARCHAR(n) go up to n = 10,485,760, PostgreSQL's limit and the longest a
 *       VARCHAR(n) column may be declared (Calcite's own limit is 65,536).
 *   <li>TIMESTAMP holds microseconds, TIMESTAMP(6), and is TIMESTAMP(6) unless said otherwise, as
 *       the standard, PostgreSQL, DuckDB and Trino have it (Calcite: milliseconds, TIMESTAMP(0)).
 *       Calcite's runtime carries milliseconds; Quiver's plans carry microseconds (TimestampCalls).
 * </ul>
 */
public final class QuiverTypeSystem extends RelDataTypeSystemImpl {
    /** The instance Calcite's {@code typeSystem} connection property names. */
    public static final QuiverTypeSystem INSTANCE = new QuiverTypeSystem();

    static final int MAX_DECIMAL_DIGITS = 38;

    private QuiverTypeSystem() {}

    /** The fractional digits of a TIMESTAMP: microseconds, the engine's unit. */
    static final int TIMESTAMP_DIGITS = 6;

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return switch (typeName) {
            case DECIMAL -> MAX_DECIMAL_DIGITS;
            case CHAR, VARCHAR -> io.quiver.sql.schema.SqlTypes.MAX_VARCHAR_LENGTH;
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> TIMESTAMP_DIGITS;
            default -> super.getMaxPrecision(typeName);
        };
    }

    @Override
    public int getDefaultPrecision(SqlTypeName typeName) {
        return switch (typeName) {
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> TIMESTAMP_DIGITS;
            default -> super.getDefaultPrecision(typeName);
        };
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_DIGITS : super.getMaxScale(typeName);
    }

    /**
     * A VALUES list, UNION or CASE of strings of different lengths is VARCHAR, not CHAR padded with
     * blanks: {@code s IN (VALUES ('😀'), ('a'))} compared s with 'a ' and missed.
     */
    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }

    @Override
    public RoundingMode roundingMode() {
        return RoundingMode.HALF_UP;
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory types, RelDataType argument) {
        RelDataType sum = switch (argument.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER -> types.createSqlType(SqlTypeName.BIGINT);
            case DECIMAL -> types.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL_DIGITS, argument.getScale());
            case REAL, FLOAT -> types.createSqlType(SqlTypeName.DOUBLE);
            default -> super.deriveSumType(types, argument);
        };
        return types.createTypeWithNullability(sum, argument.isNullable());
    }

    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory types, RelDataType argument) {
        return switch (argument.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, FLOAT ->
                types.createTypeWithNullability(types.createSqlType(SqlTypeName.DOUBLE), argument.isNullable());
            default -> super.deriveAvgAggType(types, argument);
        };
    }
}

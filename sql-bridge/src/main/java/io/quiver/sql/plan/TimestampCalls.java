package io.quiver.sql.plan;

import io.quiver.sql.exec.MicrosTimestamps;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.List;
import java.util.Set;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.util.TimestampString;

/**
 * The one place that knows how each SQL operation on a TIMESTAMP is planned, now that Quiver
 * carries TIMESTAMP values through Calcite as microseconds ({@link MicrosTimestamps}): a constant
 * is {@code timestamp(<microseconds>)}, and casts, EXTRACT, FLOOR and CEIL, interval arithmetic,
 * TIMESTAMPADD and TIMESTAMPDIFF are calls of {@link MicrosTimestamps}. Calcite's own code for
 * them reads the number as milliseconds (and its constants produce milliseconds), so none of it
 * may run on a TIMESTAMP ({@link TimestampSafety} checks). A TIMESTAMP WITH TIME ZONE (Calcite's
 * TIMESTAMP WITH LOCAL TIME ZONE) is the same number, of its instant: the session's zone is UTC.
 */
final class TimestampCalls {
    /**
     * The operator calling {@code MicrosTimestamps.method}. Whoever makes a call gives it its type;
     * {@code returns} is for a planner rule that rebuilds one (the decorrelator does, to make a NULL
     * of its type): the closest type to the one the call was made with.
     */
    private static SqlOperator of(String method, int arity, SqlReturnTypeInference returns) {
        return RuntimeFunctions.of(MicrosTimestamps.class, method, arity, returns);
    }

    private static SqlReturnTypeInference nullable(SqlTypeName type) {
        return ReturnTypes.explicit(type).andThen(SqlTypeTransforms.TO_NULLABLE);
    }

    private static final SqlReturnTypeInference TIMESTAMP_6 =
            ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 6).andThen(SqlTypeTransforms.TO_NULLABLE);
    private static final SqlReturnTypeInference ZONED_6 =
            ReturnTypes.explicit(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 6).andThen(SqlTypeTransforms.TO_NULLABLE);

    private static SqlReturnTypeInference interval(TimeUnit start, TimeUnit end) {
        return ((SqlReturnTypeInference) binding -> binding.getTypeFactory()
                        .createSqlIntervalType(new SqlIntervalQualifier(start, end, SqlParserPos.ZERO)))
                .andThen(SqlTypeTransforms.TO_NULLABLE);
    }

    /** {@code timestamp(n)}: a TIMESTAMP of n microseconds; with a constant n, a TIMESTAMP constant. */
    static final SqlOperator TIMESTAMP = of("timestamp", 1, TIMESTAMP_6);
    /** The BIGINT of a TIMESTAMP's microseconds. */
    static final SqlOperator MICROS = of("micros", 1, nullable(SqlTypeName.BIGINT));

    static final SqlOperator FROM_MILLIS = of("fromMillis", 1, TIMESTAMP_6);
    static final SqlOperator TEXT = of("text", 1, nullable(SqlTypeName.VARCHAR));
    static final SqlOperator TEXT_WITH_ZONE = of("textWithZone", 1, nullable(SqlTypeName.VARCHAR));
    static final SqlOperator PARSE = of("parse", 1, TIMESTAMP_6);
    static final SqlOperator PARSE_WITH_ZONE = of("parseWithZone", 1, ZONED_6);
    static final SqlOperator TO_DATE = of("toDate", 1, nullable(SqlTypeName.DATE));
    static final SqlOperator FROM_DATE = of("fromDate", 1, TIMESTAMP_6);
    static final SqlOperator TO_TIME = of("toTime", 2, nullable(SqlTypeName.TIME));
    static final SqlOperator FROM_DATE_AND_TIME = of("fromDateAndTime", 2, TIMESTAMP_6);
    static final SqlOperator ROUND = of("round", 2, ReturnTypes.ARG0_NULLABLE);
    static final SqlOperator EXTRACT = of("extract", 2, nullable(SqlTypeName.BIGINT));
    static final SqlOperator FLOOR = of("floor", 2, ReturnTypes.ARG1_NULLABLE);
    static final SqlOperator CEIL = of("ceil", 2, ReturnTypes.ARG1_NULLABLE);
    static final SqlOperator PLUS_MICROS = of("plusMicros", 2, ReturnTypes.ARG0_NULLABLE);
    static final SqlOperator PLUS_MILLIS = of("plusMillis", 2, ReturnTypes.ARG0_NULLABLE);
    static final SqlOperator MINUS_MILLIS = of("minusMillis", 2, ReturnTypes.ARG0_NULLABLE);
    static final SqlOperator PLUS_MONTHS = of("plusMonths", 2, ReturnTypes.ARG0_NULLABLE);
    static final SqlOperator MINUS_MONTHS = of("minusMonths", 2, ReturnTypes.ARG0_NULLABLE);
    static final SqlOperator MILLIS_BETWEEN = of("millisBetween", 2, interval(TimeUnit.DAY, TimeUnit.SECOND));
    static final SqlOperator MONTHS_BETWEEN = of("monthsBetween", 2, interval(TimeUnit.YEAR, TimeUnit.MONTH));
    static final SqlOperator ADD = of("add", 3, ReturnTypes.ARG2_NULLABLE);
    static final SqlOperator DIFF = of("diff", 3, nullable(SqlTypeName.BIGINT));
    static final SqlOperator DIFF_INT = of("diffInt", 3, nullable(SqlTypeName.INTEGER));

    /** Every operator above: the calls TimestampSafety lets touch a TIMESTAMP. */
    static final Set<SqlOperator> OPERATORS = Set.of(
            TIMESTAMP,
            MICROS,
            FROM_MILLIS,
            TEXT,
            TEXT_WITH_ZONE,
            PARSE,
            PARSE_WITH_ZONE,
            TO_DATE,
            FROM_DATE,
            TO_TIME,
            FROM_DATE_AND_TIME,
            ROUND,
            EXTRACT,
            FLOOR,
            CEIL,
            PLUS_MICROS,
            PLUS_MILLIS,
            MINUS_MILLIS,
            PLUS_MONTHS,
            MINUS_MONTHS,
            MILLIS_BETWEEN,
            MONTHS_BETWEEN,
            ADD,
            DIFF,
            DIFF_INT);

    /** The units TIMESTAMPADD and TIMESTAMPDIFF take on a TIMESTAMP. */
    static final Set<String> ARITHMETIC_UNITS = Set.of(
            "NANOSECOND",
            "MICROSECOND",
            "MILLISECOND",
            "SECOND",
            "MINUTE",
            "HOUR",
            "DAY",
            "WEEK",
            "MONTH",
            "QUARTER",
            "YEAR",
            "DECADE",
            "CENTURY",
            "MILLENNIUM");

    private static final DateTimeFormatter LITERAL_TEXT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();

    private TimestampCalls() {}

    /** TIMESTAMP or TIMESTAMP WITH LOCAL TIME ZONE: the types whose values are microseconds. */
    static boolean isMicros(RelDataType type) {
        SqlTypeName name = type.getSqlTypeName();
        return name == SqlTypeName.TIMESTAMP || name == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
    }

    /** Whether values of this type are a TIMESTAMP of some kind (TIMESTAMP WITH TIME ZONE included, which Quiver never makes). */
    static boolean isTimestamp(RelDataType type) {
        return isMicros(type) || type.getSqlTypeName() == SqlTypeName.TIMESTAMP_TZ;
    }

    /** The microseconds of a TIMESTAMP literal's value, read in the proleptic Gregorian calendar as the parser wrote it. */
    static long micros(TimestampString value) {
        return MicrosTimestamps.of(LocalDateTime.parse(value.toString(), LITERAL_TEXT));
    }

    /** A TIMESTAMP constant of {@code type}: {@code timestamp(micros)}. */
    static RexNode literal(RexBuilder rex, long micros, RelDataType type) {
        RelDataTypeFactory types = rex.getTypeFactory();
        RexNode number = rex.makeExactLiteral(BigDecimal.valueOf(micros), types.createSqlType(SqlTypeName.BIGINT));
        return rex.makeCall(type, TIMESTAMP, List.of(number));
    }

    /** A Calcite TIMESTAMP literal as a constant in microseconds, rounded to its type's precision; null for NULL. */
    static RexNode literal(RexBuilder rex, RexLiteral literal) {
        if (literal.isNull()) {
            return literal;
        }
        long micros = micros(literal.getValueAs(TimestampString.class));
        return literal(rex, MicrosTimestamps.round(micros, precision(literal.getType())), literal.getType());
    }

    /** The microseconds of a TIMESTAMP constant ({@code timestamp(n)}), or null when the node is none. */
    static Long constantMicros(RexNode node) {
        if (node instanceof RexCall call
                && call.getOperator() == TIMESTAMP
                && call.getOperands().getFirst() instanceof RexLiteral n
                && !n.isNull()
                && SqlTypeName.INT_TYPES.contains(n.getType().getSqlTypeName())) {
            return n.getValueAs(Long.class);
        }
        return null;
    }

    static int precision(RelDataType type) {
        int p = type.getPrecision();
        return p == RelDataType.PRECISION_NOT_SPECIFIED ? 6 : p;
    }

    private static RelDataType typeOf(RexBuilder rex, SqlTypeName name, boolean nullable) {
        RelDataTypeFactory types = rex.getTypeFactory();
        return types.createTypeWithNullability(types.createSqlType(name), nullable);
    }

    /** A call of a {@link MicrosTimestamps} method, of {@code type}, nullable when an operand is. */
    static RexNode call(RexBuilder rex, RelDataType type, SqlOperator op, RexNode... operands) {
        boolean nullable = false;
        for (RexNode o : operands) {
            nullable |= o.getType().isNullable();
        }
        return rex.makeCall(rex.getTypeFactory().createTypeWithNullability(type, nullable), op, List.of(operands));
    }

    private static RexNode unit(RexBuilder rex, String unit) {
        return rex.makeLiteral(unit);
    }

    private static RexNode integer(RexBuilder rex, int value) {
        return rex.makeExactLiteral(
                BigDecimal.valueOf(value), rex.getTypeFactory().createSqlType(SqlTypeName.INTEGER));
    }

    /** An exact number as the BIGINT a method's Long parameter takes. */
    static RexNode asBigint(RexBuilder rex, RexNode value) {
        return value.getType().getSqlTypeName() == SqlTypeName.BIGINT
                ? value
                : rex.makeCast(typeOf(rex, SqlTypeName.BIGINT, value.getType().isNullable()), value);
    }

    /**
     * Whether {@link #cast} takes a cast from {@code from} to {@code to}: one from or to a
     * TIMESTAMP, but for a TIMESTAMP to one of as many fractional digits or more, which leaves its
     * number as it is (as does a cast of NULL).
     */
    static boolean rewritesCast(RelDataType from, RelDataType to) {
        boolean fromMicros = isMicros(from);
        boolean toMicros = isMicros(to);
        if (from.getSqlTypeName() == SqlTypeName.NULL || !fromMicros && !toMicros) {
            return false;
        }
        return !(fromMicros
                && toMicros
                && from.getSqlTypeName() == to.getSqlTypeName()
                && precision(to) >= precision(from));
    }

    /**
     * {@code CAST(value AS to)} where either type is a TIMESTAMP, as {@link MicrosTimestamps}
     * computes it; null when Calcite's own cast is right (a TIMESTAMP to a TIMESTAMP of as many
     * digits or more: the number is unchanged) or when no rewrite exists (TimestampSafety then
     * refuses the cast).
     */
    static RexNode cast(RexBuilder rex, RexNode value, RelDataType to) {
        RelDataType from = value.getType();
        SqlTypeName source = from.getSqlTypeName();
        SqlTypeName target = to.getSqlTypeName();
        boolean fromMicros = isMicros(from);
        boolean toMicros = isMicros(to);
        if (source == SqlTypeName.NULL || !fromMicros && !toMicros) {
            return null;
        }
        if (fromMicros && toMicros) {
            if (precision(to) < precision(from)) {
                return call(rex, to, ROUND, value, integer(rex, precision(to)));
            }
            return source == target ? null : call(rex, to, TIMESTAMP, value);
        }
        if (fromMicros && SqlTypeFamily.CHARACTER.getTypeNames().contains(target)) {
            boolean zoned = source == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
            RelDataType varchar = typeOf(rex, SqlTypeName.VARCHAR, from.isNullable());
            RexNode text = call(rex, varchar, zoned ? TEXT_WITH_ZONE : TEXT, value);
            if (target == SqlTypeName.VARCHAR && to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED) {
                return text;
            }
            // VARCHAR(n) keeps n characters and CHAR(n) pads, as a cast of the text does.
            return StandardCasts.rewritesCast(varchar, to)
                    ? StandardCasts.rewriteCast(rex, text, to)
                    : rex.makeCast(to, text);
        }
        if (toMicros && SqlTypeFamily.CHARACTER.getTypeNames().contains(source)) {
            boolean zoned = target == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
            RexNode parsed = call(rex, to, zoned ? PARSE_WITH_ZONE : PARSE, value);
            return precision(to) < 6 ? call(rex, to, ROUND, parsed, integer(rex, precision(to))) : parsed;
        }
        if (fromMicros && target == SqlTypeName.DATE) {
            return call(rex, to, TO_DATE, value);
        }
        if (source == SqlTypeName.DATE && toMicros) {
            return call(rex, to, FROM_DATE, value);
        }
        if (fromMicros && target == SqlTypeName.TIME) {
            return call(rex, to, TO_TIME, value, integer(rex, Math.max(0, to.getPrecision())));
        }
        if (source == SqlTypeName.TIME && toMicros) {
            RexNode today = rex.makeCall(SqlStdOperatorTable.CURRENT_DATE);
            return call(rex, to, FROM_DATE_AND_TIME, today, value);
        }
        return null;
    }

    /** {@code EXTRACT(unit FROM value)} of a TIMESTAMP, of {@code type} (Calcite's BIGINT). */
    static RexNode extract(RexBuilder rex, TimeUnitRange unit, RexNode value, RelDataType type) {
        return call(rex, type, EXTRACT, unit(rex, unit.name()), value);
    }

    /** {@code FLOOR(value TO unit)} or {@code CEIL}. */
    static RexNode floorOrCeil(RexBuilder rex, boolean floor, TimeUnitRange unit, RexNode value, RelDataType type) {
        return call(rex, type, floor ? FLOOR : CEIL, unit(rex, unit.name()), value);
    }

    /**
     * {@code timestamp + interval} ({@code -} when {@code subtract}): a day-time interval is
     * Calcite's milliseconds, a year-month one its months.
     */
    static RexNode plusInterval(
            RexBuilder rex, RexNode timestamp, RexNode interval, boolean subtract, RelDataType type) {
        RexNode micros = asMicros(rex, timestamp, type);
        if (SqlTypeFamily.INTERVAL_YEAR_MONTH.contains(interval.getType())) {
            return call(rex, type, subtract ? MINUS_MONTHS : PLUS_MONTHS, micros, interval);
        }
        return call(rex, type, subtract ? MINUS_MILLIS : PLUS_MILLIS, micros, interval);
    }

    /** {@code timestamp + micros}, for an interval constant known to the microsecond. */
    static RexNode plusMicros(RexBuilder rex, RexNode timestamp, long micros, RelDataType type) {
        RexNode delta = rex.makeExactLiteral(BigDecimal.valueOf(micros), typeOf(rex, SqlTypeName.BIGINT, false));
        return call(rex, type, PLUS_MICROS, asMicros(rex, timestamp, type), delta);
    }

    /** {@code (a - b) <interval type>}: milliseconds for a day-time interval (exact or an error), months for a year-month one. */
    static RexNode between(RexBuilder rex, RexNode a, RexNode b, RelDataType intervalType) {
        RelDataType micros = typeOf(rex, SqlTypeName.TIMESTAMP, false);
        RexNode left = asMicros(rex, a, micros);
        RexNode right = asMicros(rex, b, micros);
        boolean months = SqlTypeFamily.INTERVAL_YEAR_MONTH.contains(intervalType);
        return call(rex, intervalType, months ? MONTHS_BETWEEN : MILLIS_BETWEEN, left, right);
    }

    /** {@code TIMESTAMPADD(unit, count, timestamp)}. */
    static RexNode add(RexBuilder rex, String unit, RexNode count, RexNode timestamp, RelDataType type) {
        return call(rex, type, ADD, unit(rex, unit), asBigint(rex, count), asMicros(rex, timestamp, type));
    }

    /** {@code TIMESTAMPDIFF(unit, a, b)}: an INTEGER, or a BIGINT for NANOSECOND. */
    static RexNode diff(RexBuilder rex, String unit, RexNode a, RexNode b, RelDataType type) {
        RelDataType micros = typeOf(rex, SqlTypeName.TIMESTAMP, false);
        SqlOperator op = type.getSqlTypeName() == SqlTypeName.INTEGER ? DIFF_INT : DIFF;
        return call(rex, type, op, unit(rex, unit), asMicros(rex, a, micros), asMicros(rex, b, micros));
    }

    /** A TIMESTAMP, or a DATE's midnight as one. */
    private static RexNode asMicros(RexBuilder rex, RexNode value, RelDataType like) {
        if (value.getType().getSqlTypeName() == SqlTypeName.DATE) {
            return call(rex, like, FROM_DATE, value);
        }
        return value;
    }
}

package io.quiver.sql.parser;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlDateLiteral;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlTimestampLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

/**
 * DATE and TIMESTAMP literals ({@code DATE '2024-02-29'}, {@code TIMESTAMP '2024-02-29
 * 10:00:00.123456'}, and the JDBC escapes {@code {d '...'}} and {@code {ts '...'}}) read in the
 * proleptic Gregorian calendar, as the SQL standard, PostgreSQL and the engine's storage count
 * days, a timestamp to the microsecond (more digits round, as in PostgreSQL). Calcite reads them with {@code java.util.GregorianCalendar}, which switches to the Julian
 * calendar before 15 October 1582: it refused the valid dates 1582-10-05 to 1582-10-14 and accepted
 * {@code DATE '1500-02-29'} (a Julian leap day) as 1500-03-01. The build points the grammar here
 * (sql-bridge/pom.xml).
 */
public final class DateTimeLiterals {
    private static final Pattern DATE = Pattern.compile("(\\d{1,4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{1,4})-(\\d{1,2})-(\\d{1,2})(?: (\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?)?)?");

    private DateTimeLiterals() {}

    /** {@code DATE 'text'}: years 1 to 9999, as Calcite's dates hold. */
    public static SqlDateLiteral date(String text, SqlParserPos pos) {
        Matcher m = DATE.matcher(text.strip());
        if (!m.matches()) {
            throw badFormat("DATE", text, "yyyy-MM-dd", pos);
        }
        LocalDate date = date(m, text, "DATE", pos);
        return SqlLiteral.createDate(new DateString(date.getYear(), date.getMonthValue(), date.getDayOfMonth()), pos);
    }

    /** {@code TIMESTAMP 'text'}: a date, optionally a time to the minute or second and a fraction of any precision. */
    public static SqlTimestampLiteral timestamp(String text, SqlParserPos pos) {
        Matcher m = TIMESTAMP.matcher(text.strip());
        if (!m.matches()) {
            throw badFormat("TIMESTAMP", text, "yyyy-MM-dd HH:mm:ss", pos);
        }
        LocalDate date = date(m, text, "TIMESTAMP", pos);
        LocalTime time = LocalTime.MIDNIGHT;
        if (m.group(4) != null) {
            try {
                time = LocalTime.of(
                        Integer.parseInt(m.group(4)),
                        Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            } catch (DateTimeException e) {
                throw outOfRange("TIMESTAMP", text, e, pos);
            }
        }
        String fraction = m.group(7) == null ? "" : m.group(7);
        LocalDateTime at = date.atTime(time).plusNanos(roundedMicros(fraction) * 1000);
        if (at.getYear() > 9999) {
            throw outOfRange("TIMESTAMP", text, new DateTimeException("the year must be from 1 to 9999"), pos);
        }
        TimestampString value = new TimestampString(
                at.getYear(), at.getMonthValue(), at.getDayOfMonth(), at.getHour(), at.getMinute(), at.getSecond());
        if (at.getNano() != 0) {
            value = value.withFraction(
                    String.format("%06d", at.getNano() / 1000).replaceAll("0+$", ""));
        }
        // TIMESTAMP(p) holds p <= 6 digits, microseconds, as the engine stores them.
        return SqlLiteral.createTimestamp(SqlTypeName.TIMESTAMP, value, Math.min(fraction.length(), 6), pos);
    }

    /** A fraction of a second's digits in microseconds, rounded half up past the sixth, as PostgreSQL rounds them. */
    private static long roundedMicros(String digits) {
        if (digits.isEmpty()) {
            return 0;
        }
        long micros = Long.parseLong((digits + "000000").substring(0, 6));
        return digits.length() > 6 && digits.charAt(6) >= '5' ? micros + 1 : micros;
    }

    private static LocalDate date(Matcher m, String text, String type, SqlParserPos pos) {
        int year = Integer.parseInt(m.group(1));
        if (year < 1) {
            throw outOfRange(type, text, new DateTimeException("the year must be from 1 to 9999"), pos);
        }
        try {
            return LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            throw outOfRange(type, text, e, pos);
        }
    }

    private static RuntimeException badFormat(String type, String text, String format, SqlParserPos pos) {
        return InvalidLiteralException.at(
                pos,
                "invalid " + type + " literal '" + text + "': not in the format '" + format + "'",
                InvalidLiteralException.BAD_FORMAT);
    }

    private static RuntimeException outOfRange(String type, String text, DateTimeException why, SqlParserPos pos) {
        return InvalidLiteralException.at(
                pos,
                type + " literal '" + text + "' is out of range: " + why.getMessage(),
                InvalidLiteralException.OUT_OF_RANGE);
    }
}

package io.quiver.sql.exec;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.avatica.util.TimeUnitRange;

/**
 * TIMESTAMP values as Quiver's SQL carries them inside Calcite: a long of microseconds since
 * 1970-01-01 00:00:00, the number the engine stores (a TIMESTAMP WITH TIME ZONE: of the instant,
 * the session's zone being UTC). Calcite's own runtime reads that long as milliseconds, so every
 * operator that interprets a timestamp (rather than moving or comparing it) is planned as a call
 * of a method here (io.quiver.sql.plan.TimestampCalls puts the calls in; TimestampSafety refuses
 * any other). The answers are Calcite's own, computed on microseconds: whole fields are floored
 * (1969-12-31 23:59:59.5 is second 59 of minute 59), day-level units reuse Calcite's calendar
 * functions on the day number. NULL in, NULL out; a result outside the years 1 to 9999 is an error
 * (SQLSTATE 22008), as is text that is no timestamp (22007).
 */
public final class MicrosTimestamps {
    public static final long MICROS_PER_MILLI = 1_000L;
    public static final long MICROS_PER_SECOND = 1_000_000L;
    public static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

    /** 0001-01-01 00:00:00 and 9999-12-31 23:59:59.999999, the range SQL's TIMESTAMP holds. */
    public static final long MIN = LocalDate.of(1, 1, 1).toEpochDay() * MICROS_PER_DAY;

    public static final long MAX = (LocalDate.of(9999, 12, 31).toEpochDay() + 1) * MICROS_PER_DAY - 1;

    private static final Pattern TEXT = Pattern.compile(
            "(\\d{1,4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?)?)?"
                    + "(?:\\s*(Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2})?))?");

    private MicrosTimestamps() {}

    /** A TIMESTAMP constant: its microseconds, unchanged (a call of this is how a plan holds one). */
    public static Long timestamp(Long micros) {
        return micros;
    }

    /** A TIMESTAMP as the BIGINT of its microseconds, for constant folding (nothing else sees it). */
    public static Long micros(Long micros) {
        return micros;
    }

    /** CURRENT_TIMESTAMP and LOCALTIMESTAMP: Calcite's clock reading, in milliseconds. */
    public static Long fromMillis(Long millis) {
        return millis == null ? null : Math.multiplyExact(millis, MICROS_PER_MILLI);
    }

    /** The microseconds of a wall-clock time read as if in UTC. */
    public static long of(LocalDateTime t) {
        return Math.addExact(
                Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC), MICROS_PER_SECOND), t.getNano() / 1000);
    }

    /** The wall-clock time of a number of microseconds (its date and time in UTC). */
    public static LocalDateTime toLocalDateTime(long micros) {
        return LocalDateTime.ofEpochSecond(
                Math.floorDiv(micros, MICROS_PER_SECOND),
                (int) Math.floorMod(micros, MICROS_PER_SECOND) * 1000,
                ZoneOffset.UTC);
    }

    /**
     * CAST(timestamp AS VARCHAR) as PostgreSQL prints it: '2020-10-02 18:43:47.839', the fraction
     * without its trailing zeros and left out when zero.
     */
    public static String text(Long micros) {
        if (micros == null) {
            return null;
        }
        LocalDateTime t = toLocalDateTime(micros);
        StringBuilder b = new StringBuilder(26).append(t.toLocalDate()).append(' ');
        two(b, t.getHour()).append(':');
        two(b, t.getMinute()).append(':');
        two(b, t.getSecond());
        int fraction = t.getNano() / 1000;
        if (fraction != 0) {
            String digits = String.valueOf(1_000_000 + fraction).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            b.append('.').append(digits, 0, end);
        }
        return b.toString();
    }

    /** CAST of a TIMESTAMP WITH TIME ZONE to VARCHAR: in the session's zone, UTC, as PostgreSQL: '... +00'. */
    public static String textWithZone(Long micros) {
        return micros == null ? null : text(micros) + "+00";
    }

    private static StringBuilder two(StringBuilder b, int value) {
        return b.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /**
     * CAST(text AS TIMESTAMP): 'yyyy-mm-dd', optionally 'hh:mm', seconds and a fraction after a
     * space or 'T'; more than six fractional digits round to the microsecond, as in PostgreSQL.
     * A zone or offset is an error: a TIMESTAMP has none.
     */
    public static Long parse(String text) {
        return text == null ? null : parse(text, false);
    }

    /** CAST(text AS TIMESTAMP WITH TIME ZONE): as {@link #parse}, an offset or zone allowed ('+02:00', 'Z'); UTC without. */
    public static Long parseWithZone(String text) {
        return text == null ? null : parse(text, true);
    }

    private static long parse(String text, boolean zoned) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches() || (m.group(8) != null && !zoned)) {
            throw new DateTimeParseException(
                    "invalid TIMESTAMP '" + clip(text) + "': not in the format 'yyyy-mm-dd hh:mm:ss[.ffffff]'"
                            + (zoned ? "[+hh:mm]" : ""),
                    text,
                    0);
        }
        try {
            int year = Integer.parseInt(m.group(1));
            if (year < 1) {
                throw new DateTimeException("the year must be from 1 to 9999");
            }
            LocalDate date = LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            LocalTime time = m.group(4) == null
                    ? LocalTime.MIDNIGHT
                    : LocalTime.of(
                            Integer.parseInt(m.group(4)),
                            Integer.parseInt(m.group(5)),
                            m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            long micros = Math.addExact(of(date.atTime(time)), fractionMicros(m.group(7)));
            if (m.group(8) != null) {
                micros = Math.subtractExact(micros, offsetSeconds(m.group(8)) * MICROS_PER_SECOND);
            }
            return inRange(micros);
        } catch (DateTimeParseException e) {
            throw e;
        } catch (DateTimeException | ArithmeticException e) {
            throw new DateTimeException("TIMESTAMP '" + clip(text) + "' is out of range: " + e.getMessage(), e);
        }
    }

    /** A fraction of a second ("123456789") in microseconds, rounded half up past six digits. */
    private static long fractionMicros(String digits) {
        if (digits == null || digits.isEmpty()) {
            return 0;
        }
        String six = (digits + "000000").substring(0, 6);
        long micros = Long.parseLong(six);
        return digits.length() > 6 && digits.charAt(6) >= '5' ? micros + 1 : micros;
    }

    private static long offsetSeconds(String zone) {
        if (zone.equals("Z") || zone.equals("UTC") || zone.equals("GMT")) {
            return 0;
        }
        String digits = zone.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.length() > 2 ? digits.substring(0, digits.length() - 2) : digits);
        int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(digits.length() - 2)) : 0;
        return ZoneOffset.ofHoursMinutes(
                        zone.startsWith("-") ? -hours : hours, zone.startsWith("-") ? -minutes : minutes)
                .getTotalSeconds();
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** A result in the range SQL's TIMESTAMP holds, else SQLSTATE 22008. */
    static long inRange(long micros) {
        if (micros < MIN || micros > MAX) {
            throw new DateTimeException("timestamp out of range (years 1 to 9999)");
        }
        return micros;
    }

    /** CAST(timestamp AS DATE): its day. */
    public static Integer toDate(Long micros) {
        return micros == null ? null : Math.toIntExact(Math.floorDiv(micros, MICROS_PER_DAY));
    }

    /** CAST(date AS TIMESTAMP): its midnight. */
    public static Long fromDate(Integer days) {
        return days == null ? null : days * MICROS_PER_DAY;
    }

    /** CAST(timestamp AS TIME(precision)): Calcite's TIME, milliseconds of the day, cut to the precision (0 to 3). */
    public static Integer toTime(Long micros, Integer precision) {
        if (micros == null) {
            return null;
        }
        long millis = Math.floorMod(micros, MICROS_PER_DAY) / MICROS_PER_MILLI;
        long unit = precision >= 3 ? 1 : (long) Math.pow(10, 3 - Math.max(precision, 0));
        return (int) (millis - millis % unit);
    }

    /** CAST(time AS TIMESTAMP): the time on {@code days} (Calcite: today), TIME being milliseconds of the day. */
    public static Long fromDateAndTime(Integer days, Integer millisOfDay) {
        return days == null || millisOfDay == null ? null : days * MICROS_PER_DAY + millisOfDay * MICROS_PER_MILLI;
    }

    /**
     * CAST(timestamp AS TIMESTAMP(precision)) to fewer fractional digits: rounded half up, as
     * Trino does (PostgreSQL rounds too; Calcite's cast kept every digit).
     */
    public static Long round(Long micros, Integer precision) {
        if (micros == null || precision >= 6) {
            return micros;
        }
        long unit = (long) Math.pow(10, 6 - Math.max(precision, 0));
        return inRange(Math.multiplyExact(Math.floorDiv(Math.addExact(micros, unit / 2), unit), unit));
    }

    /**
     * EXTRACT(unit FROM timestamp), Calcite's answer on microseconds: day-level fields from the
     * day (DOW counts Sunday as 1, as Calcite does; QuiverConvertlets makes it PostgreSQL's),
     * SECOND whole seconds, MILLISECOND and MICROSECOND the second's field with its fraction
     * (47.839123 s is 47839 and 47839123), EPOCH whole seconds, floored.
     */
    public static Long extract(String unit, Long micros) {
        if (micros == null) {
            return null;
        }
        long ofMinute = Math.floorMod(micros, 60 * MICROS_PER_SECOND);
        long ofDay = Math.floorMod(micros, MICROS_PER_DAY);
        return switch (unit) {
            case "HOUR" -> ofDay / (3600 * MICROS_PER_SECOND);
            case "MINUTE" -> ofDay / (60 * MICROS_PER_SECOND) % 60;
            case "SECOND" -> ofMinute / MICROS_PER_SECOND;
            case "MILLISECOND" -> ofMinute / MICROS_PER_MILLI;
            case "MICROSECOND" -> ofMinute;
            case "NANOSECOND" -> ofMinute * 1000;
            case "EPOCH" -> Math.floorDiv(micros, MICROS_PER_SECOND);
            default -> DateTimeUtils.unixDateExtract(range(unit), Math.floorDiv(micros, MICROS_PER_DAY));
        };
    }

    /** FLOOR(timestamp TO unit). */
    public static Long floor(String unit, Long micros) {
        if (micros == null) {
            return null;
        }
        long sub = subDayUnit(unit);
        if (sub > 0) {
            return Math.multiplyExact(Math.floorDiv(micros, sub), sub);
        }
        if (sub == 0) {
            return micros;
        }
        return DateTimeUtils.unixDateFloor(range(unit), Math.floorDiv(micros, MICROS_PER_DAY)) * MICROS_PER_DAY;
    }

    /** CEIL(timestamp TO unit): the timestamp itself when it is on a boundary, else the next boundary. */
    public static Long ceil(String unit, Long micros) {
        if (micros == null) {
            return null;
        }
        long sub = subDayUnit(unit);
        if (sub > 0) {
            return inRange(Math.multiplyExact(-Math.floorDiv(-micros, sub), sub));
        }
        if (sub == 0) {
            return micros;
        }
        long days = -Math.floorDiv(-micros, MICROS_PER_DAY);
        return inRange(DateTimeUtils.unixDateCeil(range(unit), days) * MICROS_PER_DAY);
    }

    /** The microseconds of a unit shorter than a day, 0 for one that no timestamp has a fraction of, -1 for longer ones. */
    private static long subDayUnit(String unit) {
        return switch (unit) {
            case "HOUR" -> 3600 * MICROS_PER_SECOND;
            case "MINUTE" -> 60 * MICROS_PER_SECOND;
            case "SECOND" -> MICROS_PER_SECOND;
            case "MILLISECOND" -> MICROS_PER_MILLI;
            case "MICROSECOND", "NANOSECOND" -> 0;
            default -> -1;
        };
    }

    private static TimeUnitRange range(String unit) {
        try {
            return TimeUnitRange.valueOf(unit);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedOperationException(unit + " of a TIMESTAMP is not supported yet", e);
        }
    }

    /** timestamp + (a number of microseconds). */
    public static Long plusMicros(Long micros, Long delta) {
        return micros == null || delta == null ? null : inRange(Math.addExact(micros, delta));
    }

    /** timestamp + day-time interval: Calcite holds those as milliseconds. */
    public static Long plusMillis(Long micros, Long millis) {
        return micros == null || millis == null
                ? null
                : inRange(Math.addExact(micros, Math.multiplyExact(millis, MICROS_PER_MILLI)));
    }

    /** timestamp + year-month interval: the day of the month kept, or the month's last day when it has fewer. */
    public static Long plusMonths(Long micros, Integer months) {
        if (micros == null || months == null) {
            return null;
        }
        long ofDay = Math.floorMod(micros, MICROS_PER_DAY);
        long days = Math.floorDiv(micros, MICROS_PER_DAY);
        if (days < Integer.MIN_VALUE / 2 || days > Integer.MAX_VALUE / 2) {
            throw new DateTimeException("timestamp out of range (years 1 to 9999)");
        }
        int shifted = DateTimeUtils.addMonths((int) days, months);
        return inRange(shifted * MICROS_PER_DAY + ofDay);
    }

    /** timestamp - day-time interval. */
    public static Long minusMillis(Long micros, Long millis) {
        return millis == null ? null : plusMillis(micros, Math.negateExact(millis));
    }

    /** timestamp - year-month interval. */
    public static Long minusMonths(Long micros, Integer months) {
        return months == null ? null : plusMonths(micros, Math.negateExact(months));
    }

    /**
     * (a - b) as a day-time interval, which Calcite holds in milliseconds: exact, or an error when
     * the difference has a fraction of a millisecond that no interval inside SQL can hold yet
     * (never a difference silently cut short; TIMESTAMPDIFF counts microseconds).
     */
    public static Long millisBetween(Long a, Long b) {
        if (a == null || b == null) {
            return null;
        }
        long micros = Math.subtractExact(a, b);
        if (micros % MICROS_PER_MILLI != 0) {
            throw new UnsupportedOperationException("the difference of TIMESTAMPs " + text(a) + " and " + text(b)
                    + " has a fraction of a millisecond, which INTERVAL values in SQL cannot hold yet;"
                    + " TIMESTAMPDIFF(MICROSECOND, b, a) counts it");
        }
        return micros / MICROS_PER_MILLI;
    }

    /**
     * (a - b) as a year-month interval: the whole months from b to a, counted toward zero
     * (Calcite's count, which took one month too many when a is before b).
     */
    public static Integer monthsBetween(Long a, Long b) {
        if (a == null || b == null) {
            return null;
        }
        if (a < b) {
            return -monthsBetween(b, a);
        }
        long ofDayA = Math.floorMod(a, MICROS_PER_DAY);
        int daysA = Math.toIntExact(Math.floorDiv(a, MICROS_PER_DAY));
        long ofDayB = Math.floorMod(b, MICROS_PER_DAY);
        int daysB = Math.toIntExact(Math.floorDiv(b, MICROS_PER_DAY));
        int months = DateTimeUtils.subtractMonths(daysA, daysB);
        if (DateTimeUtils.addMonths(daysB, months) == daysA && ofDayA < ofDayB) {
            months--;
        }
        return months;
    }

    /** TIMESTAMPADD(unit, count, timestamp). */
    public static Long add(String unit, Long count, Long micros) {
        if (count == null || micros == null) {
            return null;
        }
        return switch (unit) {
            case "NANOSECOND" -> plusMicros(micros, Math.floorDiv(count, 1000L));
            case "MONTH" -> plusMonths(micros, Math.toIntExact(count));
            case "QUARTER" -> plusMonths(micros, Math.toIntExact(Math.multiplyExact(count, 3L)));
            case "YEAR" -> plusMonths(micros, Math.toIntExact(Math.multiplyExact(count, 12L)));
            case "DECADE" -> plusMonths(micros, Math.toIntExact(Math.multiplyExact(count, 120L)));
            case "CENTURY" -> plusMonths(micros, Math.toIntExact(Math.multiplyExact(count, 1200L)));
            case "MILLENNIUM" -> plusMonths(micros, Math.toIntExact(Math.multiplyExact(count, 12000L)));
            default -> plusMicros(micros, Math.multiplyExact(count, fixedUnit(unit)));
        };
    }

    /**
     * TIMESTAMPDIFF(unit, a, b): the whole units from a to b, counted toward zero, as Calcite
     * counts them (months by the calendar, the rest by their length).
     */
    public static Long diff(String unit, Long a, Long b) {
        if (a == null || b == null) {
            return null;
        }
        return switch (unit) {
            case "NANOSECOND" -> Math.multiplyExact(Math.subtractExact(b, a), 1000L);
            case "MONTH" -> (long) monthsBetween(b, a);
            case "QUARTER" -> (long) (monthsBetween(b, a) / 3);
            case "YEAR" -> (long) (monthsBetween(b, a) / 12);
            case "DECADE" -> (long) (monthsBetween(b, a) / 120);
            case "CENTURY" -> (long) (monthsBetween(b, a) / 1200);
            case "MILLENNIUM" -> (long) (monthsBetween(b, a) / 12000);
            default -> Math.subtractExact(b, a) / fixedUnit(unit);
        };
    }

    /** {@link #diff} as an INTEGER, the type TIMESTAMPDIFF has for every unit but NANOSECOND; past it, 22003. */
    public static Integer diffInt(String unit, Long a, Long b) {
        Long d = diff(unit, a, b);
        if (d == null) {
            return null;
        }
        if (d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw new ArithmeticException("TIMESTAMPDIFF(" + unit + ", ...) = " + d + " is out of range for INTEGER");
        }
        return d.intValue();
    }

    /** The microseconds of a unit of fixed length. */
    private static long fixedUnit(String unit) {
        return switch (unit) {
            case "MICROSECOND" -> 1;
            case "MILLISECOND" -> MICROS_PER_MILLI;
            case "SECOND" -> MICROS_PER_SECOND;
            case "MINUTE" -> 60 * MICROS_PER_SECOND;
            case "HOUR" -> 3600 * MICROS_PER_SECOND;
            case "DAY" -> MICROS_PER_DAY;
            case "WEEK" -> 7 * MICROS_PER_DAY;
            default -> throw new UnsupportedOperationException(unit + " of a TIMESTAMP is not supported yet");
        };
    }
}

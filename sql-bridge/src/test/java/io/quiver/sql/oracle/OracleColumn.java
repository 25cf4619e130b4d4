package io.quiver.sql.oracle;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * One column of the oracle's tables: its name, its SQL type (the same DDL on both engines), and
 * random values of it, edge values (type limits, unicode, pre-1970 times) included. Values are
 * Long, Double, Float, BigDecimal, LocalDate, LocalDateTime, String, byte[] or Boolean.
 */
record OracleColumn(String name, Kind kind, String ddl) {
    enum Kind {
        BOOLEAN,
        TINYINT,
        SMALLINT,
        INTEGER,
        SMALL_INTEGER,
        GROUP,
        BIGINT,
        REAL,
        DOUBLE,
        DECIMAL,
        DATE,
        TIMESTAMP,
        VARCHAR,
        VARBINARY;

        boolean numeric() {
            return switch (this) {
                case TINYINT, SMALLINT, INTEGER, SMALL_INTEGER, GROUP, BIGINT, REAL, DOUBLE, DECIMAL -> true;
                default -> false;
            };
        }

        boolean exactInteger() {
            return switch (this) {
                case TINYINT, SMALLINT, INTEGER, SMALL_INTEGER, GROUP, BIGINT -> true;
                default -> false;
            };
        }
    }

    /** Letters that trip up UTF-16 code (surrogate pairs), case mapping, collation and LIKE. */
    private static final List<String> LETTERS = List.of(
            "a", "b", "z", "A", "B", "é", "e\u0301", "ß", "😀", "𝔸", "Ｆ", "ｆ", " ", "%", "_", "'", "ä", "ı", "Ω", "中");

    private static final List<LocalDate> EDGE_DATES = List.of(
            LocalDate.of(1, 1, 1),
            LocalDate.of(9999, 12, 31),
            LocalDate.of(1969, 12, 31),
            LocalDate.of(1970, 1, 1),
            LocalDate.of(1582, 10, 4),
            LocalDate.of(1582, 10, 10), // in the ten days the Gregorian reform skipped; proleptic, it exists
            LocalDate.of(1500, 2, 28), // the day before a Julian leap day that the proleptic calendar lacks
            LocalDate.of(1900, 2, 28));

    /**
     * Timestamps to the microsecond, where floor and truncation differ (before 1970), at the ends of
     * the years SQL's TIMESTAMP holds (1 and 9999), and in the ten days the Gregorian reform skipped.
     */
    private static final List<LocalDateTime> EDGE_TIMESTAMPS = List.of(
            LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000),
            LocalDateTime.of(1969, 12, 31, 23, 59, 59, 500_000_000),
            LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000),
            LocalDateTime.of(1970, 1, 1, 0, 0),
            LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1_000),
            LocalDateTime.of(1583, 1, 1, 0, 0),
            LocalDateTime.of(1582, 10, 10, 12, 30, 0, 123_456_000),
            LocalDateTime.of(1000, 3, 1, 0, 0, 1),
            LocalDateTime.of(1, 1, 1, 0, 0),
            LocalDateTime.of(1, 1, 1, 0, 0, 0, 1_000),
            LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
            LocalDateTime.of(2020, 1, 1, 10, 0, 0, 123_000_000),
            LocalDateTime.of(2020, 1, 1, 10, 0, 0, 123_456_000));

    /** A random value; NULL about one time in eight, an edge value about one time in ten. */
    Object random(Random r) {
        if (r.nextInt(8) == 0) {
            return null;
        }
        boolean edge = r.nextInt(10) == 0;
        return switch (kind) {
            case BOOLEAN -> r.nextBoolean();
            case TINYINT -> edge ? pick(r, -128L, 127L, 0L) : (long) r.nextInt(-10, 11);
            case SMALLINT -> edge ? pick(r, -32768L, 32767L) : (long) r.nextInt(-300, 301);
            case INTEGER ->
                edge
                        ? pick(r, (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE, 2147483600L)
                        : (long) r.nextInt(-100_000, 100_001);
            case SMALL_INTEGER -> (long) r.nextInt(-100, 101);
            case GROUP -> (long) r.nextInt(0, 5);
            case BIGINT ->
                edge
                        ? pick(r, Long.MAX_VALUE, Long.MIN_VALUE, 0L)
                        : r.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
            // No huge floats: a float sum across +-1e300 is ill-conditioned, and its answer depends on
            // the order of addition, which the engines do not share (DuckDB lost the small terms,
            // Quiver's compensated sums keep them); at 1e12 every sum of these values is exact.
            // SqlAggregatesTest and SqlOracleFindingsTest check the limits.
            case REAL -> edge ? pick(r, 1.0e12f, -1.0e12f, 1.17549435E-38f) : r.nextInt(-800, 801) / 8f;
            case DOUBLE -> edge ? pick(r, 1e12, -1e12, 1e-300) : r.nextInt(-4000, 4001) / 16.0;
            case DECIMAL ->
                edge
                        ? pick(r, new BigDecimal("99999999.99"), new BigDecimal("-99999999.99"), new BigDecimal("0.01"))
                        : BigDecimal.valueOf(r.nextInt(-100_000, 100_001), 2);
            case DATE ->
                edge
                        ? EDGE_DATES.get(r.nextInt(EDGE_DATES.size()))
                        : LocalDate.of(2020, 1, 1).plusDays(r.nextInt(-400, 400));
            case TIMESTAMP -> edge ? EDGE_TIMESTAMPS.get(r.nextInt(EDGE_TIMESTAMPS.size())) : randomTimestamp(r);
            case VARCHAR -> edge ? pick(r, "", "😀😀😀😀😀😀😀😀😀😀😀😀😀", "a".repeat(300)) : randomString(r);
            case VARBINARY -> randomBytes(r, edge ? 40 : 4);
        };
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... values) {
        return values[r.nextInt(values.length)];
    }

    static String randomString(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(0, 6);
        for (int i = 0; i < n; i++) {
            b.append(LETTERS.get(r.nextInt(LETTERS.size())));
        }
        return b.toString();
    }

    /** About 1.3 years either side of 2020: whole seconds, milliseconds or microseconds. */
    private static LocalDateTime randomTimestamp(Random r) {
        LocalDateTime t = LocalDateTime.of(2020, 1, 1, 0, 0).plusSeconds(r.nextLong(-40_000_000L, 40_000_000L));
        return switch (r.nextInt(3)) {
            case 0 -> t;
            case 1 -> t.plusNanos(r.nextInt(1000) * 1_000_000L);
            default -> t.plusNanos(r.nextInt(1_000_000) * 1_000L);
        };
    }

    private static byte[] randomBytes(Random r, int max) {
        byte[] b = new byte[r.nextInt(max + 1)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) List.of(0, 1, 0x7f, 0x80, 0xff, r.nextInt(256))
                    .get(r.nextInt(6))
                    .intValue();
        }
        return b;
    }

    /**
     * A value as a literal in the shared dialect (DuckDialect translates the rest): REAL and
     * DOUBLE cast so their type is exact, bytes as X'..'.
     */
    static String literal(Object value) {
        return switch (value) {
            case null -> "NULL";
            case String s -> "'" + s.replace("'", "''") + "'";
            case byte[] b -> "X'" + HexFormat.of().withUpperCase().formatHex(b) + "'";
            case LocalDate d -> "DATE '" + date(d) + "'";
            case LocalDateTime t -> "TIMESTAMP '" + date(t.toLocalDate()) + " " + time(t) + "'";
            case Boolean b -> b ? "TRUE" : "FALSE";
            case BigDecimal d -> d.toPlainString();
            case Float f -> "CAST(" + f + " AS REAL)";
            case Double d -> d + "E0".substring(d.toString().contains("E") ? 2 : 0);
            default -> String.valueOf(value);
        };
    }

    private static String date(LocalDate d) {
        return String.format("%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    private static String time(LocalDateTime t) {
        String s = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        return micros == 0 ? s : s + "." + String.format("%06d", micros);
    }
}

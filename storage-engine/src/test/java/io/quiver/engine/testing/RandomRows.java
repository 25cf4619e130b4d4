package io.quiver.engine.testing;

import io.quiver.engine.schema.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Seeded random rows of any Quiver schema, as a plain Java model: one {@code Object[]} per row,
 * one value per column in schema order, {@code null} for SQL null. {@link ModelRows} turns them
 * into Arrow batches and back. Model values by column kind:
 *
 * <ul>
 *   <li>BOOL: {@code Boolean}; INT8..INT64: {@code Long}; FLOAT32: {@code Float}; FLOAT64: {@code Double}
 *   <li>DECIMAL: {@code BigDecimal} at the column's scale; DATE32: {@code LocalDate}
 *   <li>TIMESTAMP (any unit, with or without zone): {@code Instant}
 *   <li>UTF8: {@code String} (at most n code points in a VARCHAR(n) column); BINARY and BLOB:
 *       {@code byte[]}; VECTOR(n): {@code float[n]}
 * </ul>
 *
 * <p>Values lean on edge cases: integer extremes, NaN, -0.0 and infinities, the widest decimals,
 * empty, multi-byte and longer-than-64-byte strings (the statistics truncation limit), strings
 * holding LIKE wildcards. Each call to {@link #next} picks, per column, whether that batch has no
 * nulls, only nulls, scattered nulls or runs of nulls, so pages see every null layout. A
 * non-nullable BIGINT column named {@value #KEY} is numbered 0, 1, 2, ... across calls.
 */
public final class RandomRows {
    /** The kinds of column Quiver stores. */
    public enum Kind {
        BOOL,
        INT8,
        INT16,
        INT32,
        INT64,
        FLOAT32,
        FLOAT64,
        DECIMAL,
        DATE32,
        TIMESTAMP,
        UTF8,
        BINARY,
        VECTOR,
        BLOB;

        /** The kind of an Arrow field Quiver can store. */
        public static Kind of(Field field) {
            return switch (field.getType()) {
                case ArrowType.Bool b -> BOOL;
                case ArrowType.Int i ->
                    switch (i.getBitWidth()) {
                        case 8 -> INT8;
                        case 16 -> INT16;
                        case 32 -> INT32;
                        default -> INT64;
                    };
                case ArrowType.FloatingPoint f -> f.getPrecision() == FloatingPointPrecision.SINGLE ? FLOAT32 : FLOAT64;
                case ArrowType.Decimal d -> DECIMAL;
                case ArrowType.Date d -> DATE32;
                case ArrowType.Timestamp t -> TIMESTAMP;
                case ArrowType.Utf8 u -> UTF8;
                case ArrowType.Binary b -> ColumnType.isBlobField(field) ? BLOB : BINARY;
                case ArrowType.FixedSizeList l -> VECTOR;
                default -> throw new IllegalArgumentException("not a Quiver column type: " + field);
            };
        }

        /** Whether filters can compare values of this kind (all but vectors). */
        public boolean ordered() {
            return this != VECTOR && this != BLOB;
        }
    }

    /** The name of the row key column that {@link #withKey} adds. */
    public static final String KEY = "id";

    /** Every type Quiver stores, all nullable. */
    public static final Schema ALL_TYPES = new Schema(List.of(
            nullable("b", ArrowType.Bool.INSTANCE),
            nullable("i8", new ArrowType.Int(8, true)),
            nullable("i16", new ArrowType.Int(16, true)),
            nullable("i32", new ArrowType.Int(32, true)),
            nullable("i64", new ArrowType.Int(64, true)),
            nullable("f32", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
            nullable("f64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            nullable("dec", new ArrowType.Decimal(38, 10, 128)),
            nullable("dec7", new ArrowType.Decimal(7, 2, 128)),
            nullable("day", new ArrowType.Date(DateUnit.DAY)),
            nullable("ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
            nullable("tstz", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
            nullable("s", ArrowType.Utf8.INSTANCE),
            ColumnType.varchar(40).toArrow("s40", true),
            nullable("bin", ArrowType.Binary.INSTANCE),
            vector("vec", 3),
            blob("blob")));

    private static final String[] ALPHABET = {
        "a",
        "b",
        "c",
        "A",
        "z",
        "%",
        "_",
        "\\",
        " ",
        "\n",
        "\u0000",
        "é",
        "ß",
        "中",
        "\uFF61",
        "\uD83D\uDE00",
        "\uDBFF\uDFFF"
    };
    private static final String[] WORDS = {"apple", "banana", "cherry", "Äpfel", "日本語", "a%b", "a_b", "a\\b", "%", "_"};
    /** Long shared prefixes: values beyond 64 bytes whose statistics bounds are truncated. */
    private static final String[] LONG_PREFIXES = {
        "x".repeat(63), "prefix/" + "é".repeat(30), "\uDBFF\uDFFF".repeat(16), "y".repeat(64) + "z",
    };

    private static final double[] FLOAT32_SPECIALS = {
        Float.NaN,
        -0.0,
        0.0,
        Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE,
        -Float.MIN_VALUE,
        Float.MAX_VALUE,
        -Float.MAX_VALUE,
        1,
        -1
    };
    private static final double[] FLOAT64_SPECIALS = {
        Double.NaN,
        -0.0,
        0.0,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE,
        -Double.MIN_VALUE,
        Double.MAX_VALUE,
        -Double.MAX_VALUE,
        1,
        -1
    };
    private static final byte[][] BYTE_WORDS = {{}, {0}, {0, 0}, {0x7f}, {(byte) 0x80}, {(byte) 0xff}, {1, 2, 3}};

    private final Random random;
    private final Schema schema;
    private final Kind[] kinds;
    private long nextKey;

    public RandomRows(Random random, Schema schema) {
        this.random = random;
        this.schema = schema;
        this.kinds = schema.getFields().stream().map(Kind::of).toArray(Kind[]::new);
    }

    /** A nullable field. */
    public static Field nullable(String name, ArrowType type) {
        return new Field(name, FieldType.nullable(type), null);
    }

    /** A nullable VECTOR(dimension) field: a fixed-size list of non-null floats. */
    public static Field vector(String name, int dimension) {
        Field item = new Field(
                "item", FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null);
        return new Field(name, FieldType.nullable(new ArrowType.FixedSizeList(dimension)), List.of(item));
    }

    /** A nullable BLOB field. */
    public static Field blob(String name) {
        return new Field(
                name,
                new FieldType(
                        true,
                        ArrowType.Binary.INSTANCE,
                        null,
                        Map.of(ColumnType.ARROW_TYPE_KEY, ColumnType.ARROW_BLOB)),
                null);
    }

    /** {@code schema} with a leading {@value #KEY} BIGINT NOT NULL column. */
    public static Schema withKey(Schema schema) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(KEY, FieldType.notNullable(new ArrowType.Int(64, true)), null));
        fields.addAll(schema.getFields());
        return new Schema(fields);
    }

    public Schema schema() {
        return schema;
    }

    public Kind kind(int column) {
        return kinds[column];
    }

    /** The key the next generated row gets. */
    public long nextKey() {
        return nextKey;
    }

    /** Numbers the keys of the rows generated next from {@code key} on. */
    public RandomRows keysFrom(long key) {
        nextKey = key;
        return this;
    }

    /** {@code n} random rows. */
    public List<Object[]> next(int n) {
        List<Object[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new Object[kinds.length]);
        }
        for (int c = 0; c < kinds.length; c++) {
            Field field = schema.getFields().get(c);
            boolean key = isKey(field);
            boolean[] nulls = field.isNullable() ? nullLayout(n) : new boolean[n];
            for (int r = 0; r < n; r++) {
                rows.get(r)[c] = key ? (Object) (nextKey + r) : nulls[r] ? null : value(c);
            }
        }
        if (schema.getFields().stream().anyMatch(RandomRows::isKey)) {
            nextKey += n;
        }
        return rows;
    }

    private static boolean isKey(Field field) {
        return field.getName().equals(KEY) && !field.isNullable() && Kind.of(field) == Kind.INT64;
    }

    /** Which rows of a batch are null: none, all, scattered, or in runs. */
    private boolean[] nullLayout(int n) {
        boolean[] nulls = new boolean[n];
        int mode = random.nextInt(100);
        if (mode < 25) {
            return nulls;
        }
        if (mode < 33) {
            Arrays.fill(nulls, true);
            return nulls;
        }
        if (mode < 80) {
            double p = 0.05 + 0.45 * random.nextDouble();
            for (int i = 0; i < n; i++) {
                nulls[i] = random.nextDouble() < p;
            }
            return nulls;
        }
        boolean inNulls = random.nextBoolean();
        for (int i = 0; i < n; ) {
            int run = 1 + random.nextInt(random.nextBoolean() ? 8 : 80);
            for (int k = 0; k < run && i < n; k++, i++) {
                nulls[i] = inNulls;
            }
            inNulls = !inNulls;
        }
        return nulls;
    }

    /** The first {@code maxLength} code points of a string for a VARCHAR(n) column (0: unbounded). */
    private static String fit(String s, int maxLength) {
        if (maxLength == 0 || s.codePointCount(0, s.length()) <= maxLength) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, maxLength));
    }

    /** A random non-null value for column {@code column}. */
    public Object value(int column) {
        Field field = schema.getFields().get(column);
        return switch (kinds[column]) {
            case BOOL -> random.nextBoolean();
            case INT8 -> integer(8);
            case INT16 -> integer(16);
            case INT32 -> integer(32);
            case INT64 -> integer(64);
            case FLOAT32 -> float32();
            case FLOAT64 -> float64();
            case DECIMAL -> decimal((ArrowType.Decimal) field.getType());
            case DATE32 -> LocalDate.ofEpochDay(date32());
            case TIMESTAMP -> timestamp(((ArrowType.Timestamp) field.getType()).getUnit());
            case UTF8 -> fit(utf8(), ColumnType.fromArrow(field).maxLength());
            case BINARY -> binary();
            case BLOB -> blob();
            case VECTOR -> vector(((ArrowType.FixedSizeList) field.getType()).getListSize());
        };
    }

    private long integer(int bits) {
        long min = bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        int pick = random.nextInt(100);
        if (pick < 15) {
            long[] special = {min, max, 0, -1, 1, min + 1, max - 1};
            return special[random.nextInt(special.length)];
        }
        if (pick < 60) {
            return random.nextInt(101) - 50;
        }
        return bits == 64 ? random.nextLong() : min + (long) (random.nextDouble() * ((double) max - min + 1));
    }

    private float float32() {
        return (float) floating(FLOAT32_SPECIALS, 1e-5, 1e15);
    }

    private double float64() {
        if (random.nextInt(10) == 0) {
            double d = Double.longBitsToDouble(random.nextLong());
            return Double.isNaN(d) ? Double.NaN : d;
        }
        return floating(FLOAT64_SPECIALS, 1e-10, 1e30);
    }

    /** An edge case, a small half-integer (a value that repeats) or a value of random magnitude. */
    private double floating(double[] specials, double smallest, double largest) {
        int pick = random.nextInt(100);
        if (pick < 20) {
            return specials[random.nextInt(specials.length)];
        }
        if (pick < 60) {
            return (random.nextInt(101) - 50) / 2.0;
        }
        return random.nextGaussian()
                * Math.exp(Math.log(smallest) + random.nextDouble() * Math.log(largest / smallest));
    }

    private BigDecimal decimal(ArrowType.Decimal type) {
        BigInteger max = BigInteger.TEN.pow(type.getPrecision()).subtract(BigInteger.ONE);
        int pick = random.nextInt(100);
        BigInteger unscaled;
        if (pick < 15) {
            BigInteger[] special = {max, max.negate(), BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate()};
            unscaled = special[random.nextInt(special.length)];
        } else if (pick < 60) {
            unscaled = BigInteger.valueOf(random.nextInt(101) - 50).multiply(BigInteger.TEN.pow(type.getScale()));
        } else {
            int digits = 1 + random.nextInt(type.getPrecision());
            unscaled =
                    new BigInteger(BigInteger.TEN.pow(digits).bitLength() + 8, random).mod(BigInteger.TEN.pow(digits));
            unscaled = random.nextBoolean() ? unscaled : unscaled.negate();
        }
        return new BigDecimal(unscaled, type.getScale());
    }

    private int date32() {
        int pick = random.nextInt(100);
        if (pick < 10) {
            int[] special = {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, 1};
            return special[random.nextInt(special.length)];
        }
        if (pick < 70) {
            return 18_262 + random.nextInt(101) - 50; // around 2020-01-01
        }
        return random.nextInt(2 * 3_000_000) - 3_000_000;
    }

    private Instant timestamp(TimeUnit unit) {
        long raw = integer(64);
        // Instant ends at year 1e9: whole seconds beyond it have no Instant.
        return ModelRows.instant(unit, unit == TimeUnit.SECOND ? raw / 300_000 : raw);
    }

    private String utf8() {
        int pick = random.nextInt(100);
        if (pick < 8) {
            return "";
        }
        if (pick < 38) {
            return fromAlphabet(1 + random.nextInt(6));
        }
        if (pick < 50) {
            return "key-" + random.nextInt(30);
        }
        if (pick < 65) {
            StringBuilder s = new StringBuilder();
            int n = 1 + random.nextInt(10);
            for (int i = 0; i < n; i++) {
                s.appendCodePoint(codePoint());
            }
            return s.toString();
        }
        if (pick < 88) {
            return LONG_PREFIXES[random.nextInt(LONG_PREFIXES.length)] + fromAlphabet(random.nextInt(20));
        }
        return WORDS[random.nextInt(WORDS.length)];
    }

    private String fromAlphabet(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return s.toString();
    }

    /** A code point of 1, 2, 3 or 4 UTF-8 bytes (never a lone surrogate, which UTF-8 cannot hold). */
    private int codePoint() {
        return switch (random.nextInt(4)) {
            case 0 -> 0x20 + random.nextInt(0x5f);
            case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
            case 2 -> {
                int cp = 0x800 + random.nextInt(0x10000 - 0x800 - 0x800);
                yield cp >= 0xD800 ? cp + 0x800 : cp;
            }
            default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
        };
    }

    private byte[] binary() {
        int pick = random.nextInt(100);
        if (pick < 10) {
            return new byte[0];
        }
        if (pick < 25) {
            byte[] ones = new byte[1 + random.nextInt(80)];
            Arrays.fill(ones, (byte) 0xff);
            return ones;
        }
        if (pick < 40) {
            return BYTE_WORDS[random.nextInt(BYTE_WORDS.length)].clone();
        }
        byte[] b = new byte[random.nextInt(4) == 0 ? 65 + random.nextInt(60) : 1 + random.nextInt(16)];
        random.nextBytes(b);
        return b;
    }

    /** Mostly small values (kept inline), some around the 4 KiB inline threshold, some larger (packed). */
    private byte[] blob() {
        int pick = random.nextInt(100);
        int length = pick < 60 ? random.nextInt(200) : pick < 80 ? 4094 + random.nextInt(5) : random.nextInt(70_000);
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    /** A vector; now and then of edge values, always finite (a write refuses NaN and infinities). */
    private float[] vector(int dimension) {
        float[] v = new float[dimension];
        boolean special = random.nextInt(10) == 0;
        for (int i = 0; i < dimension; i++) {
            float f = special ? float32() : random.nextFloat() * 2 - 1;
            v[i] = Float.isFinite(f) ? f : -0.0f;
        }
        return v;
    }
}

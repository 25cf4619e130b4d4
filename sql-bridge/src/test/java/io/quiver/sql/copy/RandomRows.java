package io.quiver.sql.copy;

import io.quiver.engine.schema.ColumnType;
import io.quiver.format.proto.TimeUnit;
import io.quiver.format.proto.TypeId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Seeded random rows of every column type a COPY round-trips, NULLs included: the JDBC values a
 * driver would hand {@link CopyWriter}, and the model values that {@link Rows#read} gives back.
 */
final class RandomRows {
    static final int DIMENSION = 8;

    /** Column, JDBC type, the Quiver type the table has. */
    record Spec(FakeResultSet.Column jdbc, ColumnType type) {}

    static final List<Spec> SPECS = List.of(
            spec("id", Types.BIGINT, "BIGINT", 19, 0, false, ColumnType.of(TypeId.INT64)),
            spec("flag", Types.BOOLEAN, "BOOLEAN", 1, 0, true, ColumnType.of(TypeId.BOOL)),
            spec("tiny", Types.TINYINT, "TINYINT", 3, 0, true, ColumnType.of(TypeId.INT8)),
            spec("small", Types.SMALLINT, "SMALLINT", 5, 0, true, ColumnType.of(TypeId.INT16)),
            spec("medium", Types.INTEGER, "INTEGER", 10, 0, true, ColumnType.of(TypeId.INT32)),
            spec("big", Types.BIGINT, "BIGINT", 19, 0, true, ColumnType.of(TypeId.INT64)),
            spec("f32", Types.REAL, "REAL", 7, 0, true, ColumnType.of(TypeId.FLOAT32)),
            spec("f64", Types.DOUBLE, "DOUBLE", 15, 0, true, ColumnType.of(TypeId.FLOAT64)),
            spec(
                    "amount",
                    Types.DECIMAL,
                    "DECIMAL",
                    20,
                    4,
                    true,
                    new ColumnType(TypeId.DECIMAL128, 20, 4, null, null, 0)),
            spec("day", Types.DATE, "DATE", 10, 0, true, ColumnType.of(TypeId.DATE32)),
            spec(
                    "at",
                    Types.TIMESTAMP,
                    "TIMESTAMP",
                    26,
                    6,
                    true,
                    new ColumnType(TypeId.TIMESTAMP, 0, 0, TimeUnit.MICROSECOND, null, 0)),
            spec("label", Types.VARCHAR, "VARCHAR", 100, 0, true, ColumnType.of(TypeId.UTF8)),
            spec("raw", Types.VARBINARY, "VARBINARY", 100, 0, true, ColumnType.of(TypeId.BINARY)),
            spec("image", Types.BLOB, "BLOB", 0, 0, true, ColumnType.of(TypeId.BLOB)),
            spec(
                    "embedding",
                    Types.ARRAY,
                    "REAL ARRAY",
                    0,
                    0,
                    true,
                    new ColumnType(TypeId.VECTOR_F32, 0, 0, null, null, DIMENSION)));

    private static final String[] WORDS = {
        "",
        "plain",
        "a,b",
        "say \"hi\"",
        "two\nlines",
        "cr\r\nlf",
        " padded ",
        "ünïcødé ✓",
        "NULL",
        "\\x00",
        "[1, 2]",
        "{\"json\": 1}",
        "tab\there",
        "'"
    };

    private RandomRows() {}

    private static Spec spec(
            String label, int sqlType, String name, int precision, int scale, boolean nullable, ColumnType type) {
        return new Spec(new FakeResultSet.Column(label, sqlType, name, precision, scale, nullable), type);
    }

    static List<FakeResultSet.Column> columns() {
        return SPECS.stream().map(Spec::jdbc).toList();
    }

    /** The table's schema: what CopyWriter's ARROW writes and what the readers are asked for. */
    static Schema schema() {
        List<Field> fields = new ArrayList<>();
        for (Spec s : SPECS) {
            fields.add(s.type().toArrow(s.jdbc().label(), s.jdbc().nullable()));
        }
        return new Schema(fields);
    }

    /** {@code count} rows: [0] the JDBC values, [1] the model values. */
    static List<Object[][]> rows(Random random, int count) {
        List<Object[][]> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            Object[] jdbc = new Object[SPECS.size()];
            Object[] model = new Object[SPECS.size()];
            model[0] = (long) r;
            jdbc[0] = (long) r;
            for (int c = 1; c < SPECS.size(); c++) {
                if (random.nextInt(6) == 0) {
                    continue; // NULL
                }
                model[c] = modelValue(SPECS.get(c).type().id(), random);
                jdbc[c] = jdbcValue(SPECS.get(c).type().id(), model[c], random);
            }
            rows.add(new Object[][] {jdbc, model});
        }
        return rows;
    }

    private static Object modelValue(TypeId type, Random random) {
        return switch (type) {
            case BOOL -> random.nextBoolean();
            case INT8 -> (long) (byte) random.nextInt();
            case INT16 -> (long) (short) random.nextInt();
            case INT32 -> (long) random.nextInt();
            case INT64 ->
                random.nextInt(4) == 0 ? (random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE) : random.nextLong();
            case FLOAT32 -> randomFloat(random);
            case FLOAT64 ->
                switch (random.nextInt(8)) {
                    case 0 -> Double.NaN;
                    case 1 -> Double.NEGATIVE_INFINITY;
                    case 2 -> -0.0;
                    case 3 -> Double.MIN_VALUE;
                    default -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
                };
            case DECIMAL128 ->
                new BigDecimal(new BigInteger(66, random), 4)
                        .multiply(BigDecimal.valueOf(random.nextBoolean() ? 1 : -1))
                        .remainder(BigDecimal.TEN.pow(16));
            case DATE32 -> LocalDate.ofEpochDay(random.nextInt(200_000) - 100_000);
            case TIMESTAMP ->
                LocalDateTime.ofEpochSecond(
                        random.nextLong(-30_000_000_000L, 30_000_000_000L),
                        random.nextInt(1_000_000) * 1_000,
                        ZoneOffset.UTC);
            case UTF8 ->
                WORDS[random.nextInt(WORDS.length)]
                        + (random.nextBoolean() ? "" : Integer.toString(random.nextInt(1000)));
            case BINARY, BLOB -> {
                byte[] b = new byte[random.nextInt(40)];
                random.nextBytes(b);
                yield b;
            }
            case VECTOR_F32 -> {
                float[] v = new float[DIMENSION];
                for (int i = 0; i < v.length; i++) {
                    v[i] = randomFloat(random);
                }
                yield v;
            }
            default -> throw new IllegalStateException("type " + type);
        };
    }

    private static float randomFloat(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> Float.NaN;
            case 1 -> Float.POSITIVE_INFINITY;
            case 2 -> -0.0f;
            case 3 -> Float.MIN_VALUE;
            default -> (float) (random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10));
        };
    }

    /** The value as a driver returns it. */
    private static Object jdbcValue(TypeId type, Object model, Random random) {
        return switch (type) {
            case INT8 -> (byte) (long) (Long) model;
            case INT16 -> (short) (long) (Long) model;
            case INT32 -> (int) (long) (Long) model;
            case DATE32 -> java.sql.Date.valueOf((LocalDate) model);
            case TIMESTAMP -> {
                // A wall-clock time in a daylight-saving gap of the JVM's zone does not survive
                // java.sql.Timestamp: such rows hand the writer a LocalDateTime, as JDBC 4.2 allows.
                java.sql.Timestamp ts = java.sql.Timestamp.valueOf((LocalDateTime) model);
                yield ts.toLocalDateTime().equals(model) ? ts : model;
            }
            case BLOB -> random.nextBoolean() ? FakeResultSet.blob((byte[]) model) : model;
            case VECTOR_F32 -> {
                float[] v = (float[]) model;
                Object[] boxed = new Object[v.length];
                for (int i = 0; i < v.length; i++) {
                    boxed[i] = v[i];
                }
                yield FakeResultSet.array(boxed);
            }
            default -> model;
        };
    }
}

package io.quiver.engine.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.quiver.blob.Blob;
import io.quiver.engine.Dataset;
import io.quiver.engine.Scan;
import io.quiver.engine.scan.ScanSpec;
import io.quiver.engine.schema.ColumnType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The model of a table as Java rows ({@code List<Object[]>}, values as {@link RandomRows}
 * describes): conversion to and from Arrow batches, equality that treats NaN as equal to NaN,
 * -0.0 as distinct from 0.0 and compares arrays by content, and assertions that name the first
 * differing row and column.
 */
public final class ModelRows {
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    private ModelRows() {}

    /** A batch holding {@code rows} in {@code schema}'s layout; the caller closes it. */
    public static VectorSchemaRoot toRoot(BufferAllocator allocator, Schema schema, List<Object[]> rows) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        try {
            for (FieldVector v : root.getFieldVectors()) {
                v.setInitialCapacity(Math.max(1, rows.size()));
            }
            root.allocateNew();
            for (int c = 0; c < schema.getFields().size(); c++) {
                FieldVector v = root.getVector(c);
                for (int r = 0; r < rows.size(); r++) {
                    set(v, r, rows.get(r)[c]);
                }
            }
            root.setRowCount(rows.size());
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** Sets row {@code i} of {@code v} to a model value (null for null). */
    public static void set(FieldVector v, int i, Object value) {
        if (value == null) {
            v.setNull(i);
            return;
        }
        switch (v) {
            case BitVector b -> b.setSafe(i, (Boolean) value ? 1 : 0);
            case TinyIntVector t -> t.setSafe(i, (byte) (long) (Long) value);
            case SmallIntVector s -> s.setSafe(i, (short) (long) (Long) value);
            case IntVector n -> n.setSafe(i, (int) (long) (Long) value);
            case BigIntVector n -> n.setSafe(i, (Long) value);
            case Float4Vector f -> f.setSafe(i, (Float) value);
            case Float8Vector d -> d.setSafe(i, (Double) value);
            case DecimalVector d -> d.setSafe(i, (BigDecimal) value);
            case DateDayVector d -> d.setSafe(i, Math.toIntExact(((LocalDate) value).toEpochDay()));
            case TimeStampVector t -> t.setSafe(i, raw(unit(t), (Instant) value));
            case VarCharVector s -> s.setSafe(i, ((String) value).getBytes(StandardCharsets.UTF_8));
            case VarBinaryVector b -> b.setSafe(i, (byte[]) value);
            case FixedSizeListVector l -> {
                float[] floats = (float[]) value;
                if (floats.length != l.getListSize()) {
                    throw new IllegalArgumentException("vector of " + floats.length + " floats for " + l.getField());
                }
                int start = l.startNewValue(i);
                Float4Vector items = (Float4Vector) l.getDataVector();
                for (int k = 0; k < floats.length; k++) {
                    items.setSafe(start + k, floats[k]);
                }
            }
            default -> throw new IllegalArgumentException("no model for " + v.getField());
        }
    }

    /** The model value of row {@code i} of {@code v}. */
    public static Object get(FieldVector v, int i) {
        if (v.isNull(i)) {
            return null;
        }
        return switch (v) {
            case BitVector b -> b.get(i) == 1;
            case BaseIntVector n -> n.getValueAsLong(i);
            case Float4Vector f -> f.get(i);
            case Float8Vector d -> d.get(i);
            case DecimalVector d -> d.getObject(i);
            case DateDayVector d -> LocalDate.ofEpochDay(d.get(i));
            case TimeStampVector t -> instant(unit(t), t.get(i));
            case VarCharVector s -> new String(s.get(i), StandardCharsets.UTF_8);
            case VarBinaryVector b -> b.get(i);
            case FixedSizeListVector l -> {
                Float4Vector items = (Float4Vector) l.getDataVector();
                float[] floats = new float[l.getListSize()];
                for (int k = 0; k < floats.length; k++) {
                    floats[k] = items.get(i * floats.length + k);
                }
                yield floats;
            }
            default -> throw new IllegalArgumentException("no model for " + v.getField());
        };
    }

    /** The rows of a batch. */
    public static List<Object[]> toRows(VectorSchemaRoot root) {
        List<Object[]> rows = new ArrayList<>(root.getRowCount());
        List<FieldVector> vectors = root.getFieldVectors();
        for (int r = 0; r < root.getRowCount(); r++) {
            Object[] row = new Object[vectors.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = get(vectors.get(c), r);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The rows of a batch read from {@code dataset}, with each BLOB value read through its handle. */
    public static List<Object[]> toRows(Dataset dataset, VectorSchemaRoot root) throws IOException {
        List<Object[]> rows = toRows(root);
        List<FieldVector> vectors = root.getFieldVectors();
        for (int c = 0; c < vectors.size(); c++) {
            if (ColumnType.isBlobField(vectors.get(c).getField())) {
                for (int r = 0; r < rows.size(); r++) {
                    Blob blob = dataset.blob(vectors.get(c), r);
                    rows.get(r)[c] = blob == null ? null : blob.readAllBytes();
                }
            }
        }
        return rows;
    }

    /** Every remaining row of a reader (which stays open). */
    public static List<Object[]> readAll(ArrowReader reader) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        while (reader.loadNextBatch()) {
            rows.addAll(toRows(reader.getVectorSchemaRoot()));
        }
        return rows;
    }

    /** Every row a scan returns, with the bytes of BLOB values. */
    public static List<Object[]> scan(Scan scan) throws IOException {
        try (ArrowReader reader = scan.withBlobBytes().toArrowReader()) {
            return readAll(reader);
        }
    }

    /** The row address of every row, in scan order. */
    public static List<Long> rowAddresses(Dataset dataset) throws IOException {
        List<Long> addresses = new ArrayList<>();
        try (ArrowReader reader =
                dataset.scan().columns().withRowAddress().batchSize(97).toArrowReader()) {
            while (reader.loadNextBatch()) {
                BigIntVector v = (BigIntVector) reader.getVectorSchemaRoot().getVector(ScanSpec.ROW_ADDRESS);
                for (int i = 0; i < v.getValueCount(); i++) {
                    addresses.add(v.get(i));
                }
            }
        }
        return addresses;
    }

    /** Checks that a full scan returns exactly {@code expected}, in order, and that count() agrees. */
    public static void assertTable(List<Object[]> expected, Dataset dataset, String context) throws IOException {
        assertRowsEqual(expected, scan(dataset.scan()), context + ", scan of " + dataset);
        if (dataset.count() != expected.size()) {
            fail(context + ": count() of " + dataset + " is " + dataset.count() + ", expected " + expected.size());
        }
    }

    /** Appends rows (in the dataset's current schema); returns the new version. */
    public static long append(Dataset dataset, List<Object[]> rows) throws IOException {
        try (VectorSchemaRoot batch = toRoot(dataset.allocator(), dataset.schema(), rows)) {
            return dataset.append(batch);
        }
    }

    /** The given columns of each row, in the order given. */
    public static List<Object[]> project(List<Object[]> rows, int... columns) {
        List<Object[]> out = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Object[] p = new Object[columns.length];
            for (int i = 0; i < columns.length; i++) {
                p[i] = row[columns[i]];
            }
            out.add(p);
        }
        return out;
    }

    /** Model equality: NaN equals NaN, -0.0 differs from 0.0, arrays compare by content. */
    public static boolean valueEquals(Object a, Object b) {
        return switch (a) {
            case byte[] x -> b instanceof byte[] y && Arrays.equals(x, y);
            case float[] x -> b instanceof float[] y && Arrays.equals(x, y);
            case null, default -> Objects.equals(a, b);
        };
    }

    public static boolean rowEquals(Object[] a, Object[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!valueEquals(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    /** A readable form of a model value: strings quoted and escaped, arrays spelled out. */
    public static String format(Object v) {
        return switch (v) {
            case null -> "null";
            case byte[] b -> "0x" + HexFormat.of().formatHex(b) + " (" + b.length + " bytes)";
            case float[] f -> Arrays.toString(f);
            case String s ->
                '"' + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\0", "\\0") + "\" ("
                        + s.getBytes(StandardCharsets.UTF_8).length + " bytes)";
            default -> v + " (" + v.getClass().getSimpleName() + ")";
        };
    }

    public static String format(Object[] row) {
        return Arrays.stream(row).map(ModelRows::format).toList().toString();
    }

    /** Fails, naming the first difference, unless the rows are equal in order. */
    public static void assertRowsEqual(List<Object[]> expected, List<Object[]> actual, String context) {
        int n = Math.min(expected.size(), actual.size());
        for (int r = 0; r < n; r++) {
            Object[] e = expected.get(r);
            Object[] a = actual.get(r);
            if (e.length != a.length) {
                fail(context + ": row " + r + " has " + a.length + " columns, expected " + e.length);
            }
            for (int c = 0; c < e.length; c++) {
                if (!valueEquals(e[c], a[c])) {
                    fail(context + ": row " + r + " column " + c + " is " + format(a[c]) + ", expected " + format(e[c])
                            + "\n  expected row " + format(e) + "\n  actual row   " + format(a));
                }
            }
        }
        if (expected.size() != actual.size()) {
            List<Object[]> extra = expected.size() > n ? expected : actual;
            fail(context + ": " + actual.size() + " rows, expected " + expected.size() + "; first unmatched row "
                    + format(extra.get(n)) + (extra == expected ? " is missing" : " is extra"));
        }
    }

    /** An instant from a raw timestamp value in {@code unit}. */
    public static Instant instant(TimeUnit unit, long raw) {
        BigInteger[] qr = BigInteger.valueOf(raw).multiply(nanosPer(unit)).divideAndRemainder(NANOS_PER_SECOND);
        BigInteger seconds = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        long nanos = qr[1].signum() < 0 ? qr[1].longValue() + 1_000_000_000L : qr[1].longValue();
        return Instant.ofEpochSecond(seconds.longValueExact(), nanos);
    }

    /** The raw value of an instant in {@code unit}; ArithmeticException when it is not a whole number of units. */
    public static long raw(TimeUnit unit, Instant instant) {
        BigInteger nanos = BigInteger.valueOf(instant.getEpochSecond())
                .multiply(NANOS_PER_SECOND)
                .add(BigInteger.valueOf(instant.getNano()));
        BigInteger[] qr = nanos.divideAndRemainder(nanosPer(unit));
        if (qr[1].signum() != 0) {
            throw new ArithmeticException(instant + " is not a whole number of " + unit);
        }
        return qr[0].longValueExact();
    }

    private static BigInteger nanosPer(TimeUnit unit) {
        return BigInteger.valueOf(
                switch (unit) {
                    case SECOND -> 1_000_000_000L;
                    case MILLISECOND -> 1_000_000L;
                    case MICROSECOND -> 1_000L;
                    case NANOSECOND -> 1L;
                });
    }

    private static TimeUnit unit(TimeStampVector v) {
        return ((ArrowType.Timestamp) v.getField().getType()).getUnit();
    }
}

package io.quiver.engine.datafile;

import io.quiver.engine.schema.ColumnType;
import io.quiver.engine.schema.StatsDomain;
import io.quiver.format.proto.Stats;
import io.quiver.format.proto.Value;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Null count and min/max of a range of values, in the column's {@link StatsDomain}: min and max
 * are {@code Long} (BOOL, LONG), {@code Double} (DOUBLE), {@code BigInteger} unscaled values
 * (DECIMAL) or {@code byte[]} (BYTES); null when unknown. Bounds may be looser than the data
 * (long strings are truncated) but never tighter, so pruning on them is safe.
 */
public record ColumnStats(long rows, long nullCount, Object min, Object max) {
    /** Strings longer than this are kept as a truncated lower / incremented upper bound. */
    static final int MAX_BYTES_BOUND = 64;

    /** Statistics of {@code rows} values about which nothing is known. */
    public static ColumnStats unknown(long rows) {
        return new ColumnStats(rows, -1, null, null);
    }

    /** True when the null count is known. */
    public boolean nullCountKnown() {
        return nullCount >= 0;
    }

    /** True when some value is not null (or the null count is unknown). */
    public boolean mayHaveValues() {
        return nullCount < rows;
    }

    public static int compare(StatsDomain domain, Object a, Object b) {
        return switch (domain) {
            case BOOL, LONG -> Long.compare((Long) a, (Long) b);
            case DOUBLE -> Double.compare((Double) a, (Double) b);
            case DECIMAL -> ((BigInteger) a).compareTo((BigInteger) b);
            case BYTES -> Arrays.compareUnsigned((byte[]) a, (byte[]) b);
            case NONE -> throw new IllegalStateException("no order");
        };
    }

    /** Computes the statistics of a page. */
    static ColumnStats of(Page page) {
        StatsDomain domain = page.type.statsDomain();
        if (domain == StatsDomain.NONE || page.nullCount == page.rows) {
            return new ColumnStats(page.rows, page.nullCount, null, null);
        }
        Object min = null;
        Object max = null;
        for (int i = 0; i < page.rows; i++) {
            if (page.isNull(i)) {
                continue;
            }
            Object v = switch (domain) {
                case BOOL, LONG -> page.longValue(i);
                case DOUBLE -> page.doubleValue(i);
                case DECIMAL -> decimal(page.bytesValue(i));
                case BYTES -> page.bytesValue(i);
                case NONE -> throw new IllegalStateException();
            };
            if (domain == StatsDomain.BYTES) {
                // Compare as segments; copy only the winners.
                MemorySegment s = (MemorySegment) v;
                if (min == null || compareSegment(s, (byte[]) min) < 0) {
                    min = s.toArray(ValueLayout.JAVA_BYTE);
                }
                if (max == null || compareSegment(s, (byte[]) max) > 0) {
                    max = s.toArray(ValueLayout.JAVA_BYTE);
                }
                continue;
            }
            if (min == null || compare(domain, v, min) < 0) {
                min = v;
            }
            if (max == null || compare(domain, v, max) > 0) {
                max = v;
            }
        }
        if (domain == StatsDomain.BYTES) {
            min = lowerBound((byte[]) min);
            max = upperBound((byte[]) max);
        }
        return new ColumnStats(page.rows, page.nullCount, min, max);
    }

    /** Unsigned lexicographic order of two byte strings, a prefix first. */
    static int compareSegment(MemorySegment s, byte[] b) {
        long mismatch = s.mismatch(MemorySegment.ofArray(b));
        if (mismatch < 0) {
            return 0;
        }
        if (mismatch == s.byteSize()) {
            return -1;
        }
        if (mismatch == b.length) {
            return 1;
        }
        return Integer.compare(s.get(ValueLayout.JAVA_BYTE, mismatch) & 0xFF, b[(int) mismatch] & 0xFF);
    }

    static BigInteger decimal(MemorySegment littleEndian16) {
        byte[] le = littleEndian16.toArray(ValueLayout.JAVA_BYTE);
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return new BigInteger(be);
    }

    private static byte[] lowerBound(byte[] min) {
        return min.length <= MAX_BYTES_BOUND ? min : Arrays.copyOf(min, MAX_BYTES_BOUND);
    }

    /** A bound at least as large as {@code max} in at most 64 bytes, or null if none exists. */
    private static byte[] upperBound(byte[] max) {
        if (max.length <= MAX_BYTES_BOUND) {
            return max;
        }
        byte[] bound = Arrays.copyOf(max, MAX_BYTES_BOUND);
        for (int i = bound.length - 1; i >= 0; i--) {
            if (bound[i] != (byte) 0xFF) {
                bound[i]++;
                return Arrays.copyOf(bound, i + 1);
            }
        }
        return null;
    }

    /** Statistics covering both inputs. A side with values but no bound makes the bound unknown. */
    public ColumnStats merge(ColumnStats other, StatsDomain domain) {
        long nulls = nullCountKnown() && other.nullCountKnown() ? nullCount + other.nullCount : -1;
        if (!mayHaveValues()) {
            return new ColumnStats(rows + other.rows, nulls, other.min, other.max);
        }
        if (!other.mayHaveValues()) {
            return new ColumnStats(rows + other.rows, nulls, min, max);
        }
        return new ColumnStats(
                rows + other.rows, nulls, pick(domain, min, other.min, -1), pick(domain, max, other.max, 1));
    }

    private static Object pick(StatsDomain domain, Object a, Object b, int sign) {
        if (a == null || b == null) {
            return null;
        }
        return compare(domain, a, b) * sign >= 0 ? a : b;
    }

    public Stats toProto(ColumnType type) {
        Stats.Builder b = Stats.newBuilder().setNullCount(nullCount);
        if (min != null) {
            b.setMin(value(type.statsDomain(), min));
        }
        if (max != null) {
            b.setMax(value(type.statsDomain(), max));
        }
        return b.build();
    }

    private static Value value(StatsDomain domain, Object v) {
        return switch (domain) {
            case BOOL -> Value.newBuilder().setBoolValue((Long) v != 0).build();
            case LONG -> Value.newBuilder().setIntValue((Long) v).build();
            case DOUBLE -> Value.newBuilder().setDoubleValue((Double) v).build();
            case DECIMAL ->
                Value.newBuilder()
                        .setBytesValue(com.google.protobuf.ByteString.copyFrom(((BigInteger) v).toByteArray()))
                        .build();
            case BYTES ->
                Value.newBuilder()
                        .setBytesValue(com.google.protobuf.ByteString.copyFrom((byte[]) v))
                        .build();
            case NONE -> throw new IllegalStateException("no order");
        };
    }

    /** Decodes statistics from disk; a bound of the wrong kind is dropped (treated as unknown). */
    public static ColumnStats fromProto(Stats s, ColumnType type, long rows) {
        StatsDomain domain = type.statsDomain();
        return new ColumnStats(
                rows,
                Math.min(s.getNullCount(), rows),
                s.hasMin() ? bound(domain, s.getMin()) : null,
                s.hasMax() ? bound(domain, s.getMax()) : null);
    }

    private static Object bound(StatsDomain domain, Value v) {
        return switch (domain) {
            case BOOL -> v.hasBoolValue() ? (Long) (v.getBoolValue() ? 1L : 0L) : null;
            case LONG -> v.hasIntValue() ? (Long) v.getIntValue() : null;
            case DOUBLE -> v.hasDoubleValue() ? (Double) v.getDoubleValue() : null;
            case DECIMAL ->
                v.hasBytesValue() && !v.getBytesValue().isEmpty()
                        ? new BigInteger(v.getBytesValue().toByteArray())
                        : null;
            case BYTES -> v.hasBytesValue() ? v.getBytesValue().toByteArray() : null;
            case NONE -> null;
        };
    }
}

package io.quiver.engine.pk;

import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Encodes primary keys as bytes (SPEC.md section 14.2): per key column, integers, dates,
 * timestamps and booleans as 8-byte little-endian integers, strings and binaries as a u32
 * length and their bytes. Equal keys encode equally, so encoded keys are compared and hashed.
 */
public final class KeyCodec {
    private final PrimaryKey key;
    private final List<Column> columns;

    public KeyCodec(PrimaryKey key, TableSchema schema) {
        this.key = key;
        this.columns = key.columns().stream().map(schema::column).toList();
    }

    public PrimaryKey key() {
        return key;
    }

    /** The key of row {@code row}; {@code keyVectors} are the key columns' vectors, in key order. */
    public byte[] encode(List<FieldVector> keyVectors, int row) {
        Out out = new Out();
        for (FieldVector v : keyVectors) {
            if (v.isNull(row)) {
                throw new IllegalArgumentException("primary key column " + v.getName() + " is null in row " + row);
            }
            switch (v) {
                case BigIntVector l -> out.number(l.get(row));
                case VarCharVector s -> out.bytes(s.get(row));
                case VarBinaryVector b -> out.bytes(b.get(row));
                case BitVector b -> out.number(b.get(row));
                case TinyIntVector t -> out.number(t.get(row));
                case SmallIntVector t -> out.number(t.get(row));
                case IntVector t -> out.number(t.get(row));
                case DateDayVector d -> out.number(d.get(row));
                case TimeStampVector t -> out.number(t.get(row));
                default -> throw new IllegalArgumentException("column " + v.getName() + " cannot be a key");
            }
        }
        return out.toByteArray();
    }

    /** The key given as Java values, one per key column: numbers, strings, byte arrays, dates, booleans. */
    public byte[] encode(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("the key " + key.columns() + " has " + columns.size() + " columns, got "
                    + values.length + " values");
        }
        Out out = new Out();
        for (int i = 0; i < values.length; i++) {
            Column c = columns.get(i);
            Object v = values[i];
            switch (c.type().id()) {
                case UTF8 -> out.bytes(string(c, v).getBytes(StandardCharsets.UTF_8));
                case BINARY -> out.bytes(binary(c, v));
                case BOOL -> out.number(bool(c, v) ? 1 : 0);
                case DATE32 -> out.number(v instanceof LocalDate d ? d.toEpochDay() : integral(c, v));
                default -> out.number(integral(c, v));
            }
        }
        return out.toByteArray();
    }

    private static long integral(Column c, Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        throw mismatch(c, v);
    }

    private static String string(Column c, Object v) {
        if (v instanceof CharSequence s) {
            return s.toString();
        }
        throw mismatch(c, v);
    }

    private static byte[] binary(Column c, Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        throw mismatch(c, v);
    }

    private static boolean bool(Column c, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw mismatch(c, v);
    }

    private static IllegalArgumentException mismatch(Column c, Object v) {
        String shown = v instanceof byte[] b ? Arrays.toString(b) : String.valueOf(v);
        return new IllegalArgumentException("key column " + c.name() + " of type " + c.type() + " cannot take "
                + (v == null ? "null" : v.getClass().getSimpleName() + " " + shown));
    }

    /** A growing little-endian buffer. */
    private static final class Out extends ByteArrayOutputStream {
        void number(long v) {
            byte[] b = new byte[8];
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
            write(b, 0, 8);
        }

        void bytes(byte[] v) {
            byte[] len = new byte[4];
            ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).putInt(v.length);
            write(len, 0, 4);
            write(v, 0, v.length);
        }
    }

    /** The column values of an encoded key, for messages: numbers as Long, strings, byte arrays. */
    public List<Object> decode(byte[] encoded) {
        ByteBuffer in = ByteBuffer.wrap(encoded).order(ByteOrder.LITTLE_ENDIAN);
        java.util.ArrayList<Object> values = new java.util.ArrayList<>();
        for (Column c : columns) {
            switch (c.type().id()) {
                case UTF8, BINARY -> {
                    byte[] b = new byte[in.getInt()];
                    in.get(b);
                    values.add(
                            c.type().id() == io.quiver.format.proto.TypeId.UTF8
                                    ? new String(b, StandardCharsets.UTF_8)
                                    : b);
                }
                default -> values.add(in.getLong());
            }
        }
        return values;
    }
}

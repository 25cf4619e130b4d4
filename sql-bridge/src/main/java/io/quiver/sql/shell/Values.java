package io.quiver.sql.shell;

import io.quiver.sql.exec.ResultValues;
import java.lang.reflect.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads JDBC values into a few plain shapes the printers share, and renders them as text.
 *
 * <p>{@link #read} turns driver-specific objects into: null, {@code String}, {@code Number},
 * {@code Boolean}, {@code byte[]} (from {@code byte[]} or a {@code Blob}), {@code List} (from a
 * {@code java.sql.Array}, elements read the same way), or {@code java.time} values for SQL dates
 * and times, whose {@code toString} is ISO-8601. Anything else is kept and shown by its {@code
 * toString}.
 */
final class Values {

    /** Vectors longer than this are cut in table cells, a full row of 768 floats helps nobody. */
    static final int TABLE_VECTOR_LIMIT = 8;

    /** How many values a cut vector still shows. */
    static final int TABLE_VECTOR_HEAD = 5;

    /** The largest blob csv and json print: hex or base64 of it must fit a Java string. */
    static final long MAX_PRINTED_BLOB = 512L << 20;

    private static final HexFormat HEX = HexFormat.of();

    private Values() {}

    /** The size of a blob a table cell shows without reading it: media blobs can be gigabytes. */
    record BlobSize(long bytes) {}

    /**
     * The value of {@code column} (1-based) of the current row, in one of the shapes above; with
     * {@code blobBytes} false a {@code Blob} becomes a {@link BlobSize} and is not read.
     */
    static Object read(ResultSet rows, int column, boolean blobBytes) throws SQLException {
        Object value = ResultValues.read(rows, column);
        if (value instanceof Blob blob && !blobBytes) {
            try {
                return new BlobSize(blob.length());
            } finally {
                blob.free();
            }
        }
        return normalize(value);
    }

    static Object normalize(Object value) throws SQLException {
        return switch (value) {
            case null -> null;
            case java.sql.Array array -> {
                try {
                    yield elements(array.getArray());
                } finally {
                    array.free();
                }
            }
            case Blob blob -> {
                try {
                    long length = blob.length();
                    if (length > MAX_PRINTED_BLOB) {
                        throw new SQLException("a blob of " + length + " bytes is too large to print");
                    }
                    yield blob.getBytes(1, (int) length);
                } finally {
                    blob.free();
                }
            }
            case Clob clob -> clob.getSubString(1, Math.toIntExact(clob.length()));
            // java.sql.Date/Time/Timestamp print with a space and drop nothing useful in java.time
            case Timestamp ts -> ts.toLocalDateTime();
            case java.sql.Date date -> date.toLocalDate();
            case Time time -> time.toLocalTime();
            case byte[] bytes -> bytes;
            // a driver may hand out a vector as a plain float[] or Float[]
            default -> value.getClass().isArray() ? elements(value) : value;
        };
    }

    /** The elements of a Java array (boxed or primitive, as drivers differ), each normalized. */
    private static List<Object> elements(Object javaArray) throws SQLException {
        int length = Array.getLength(javaArray);
        List<Object> list = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            list.add(normalize(Array.get(javaArray, i)));
        }
        return Collections.unmodifiableList(list);
    }

    /** A table cell: {@code NULL}, cut vectors, {@code <blob N bytes>}, control characters escaped. */
    static String tableText(Object value) {
        return switch (value) {
            case null -> "NULL";
            case byte[] bytes -> "<blob " + bytes.length + " bytes>";
            case BlobSize size -> "<blob " + size.bytes() + " bytes>";
            case List<?> list -> listText(list, true);
            default -> escapeControls(value.toString());
        };
    }

    /** A csv field: null for SQL NULL (printed empty), {@code \x} hex for binary, whole vectors. */
    static String csvText(Object value) {
        return switch (value) {
            case null -> null;
            case byte[] bytes -> "\\x" + HEX.formatHex(bytes);
            case List<?> list -> listText(list, false);
            default -> value.toString();
        };
    }

    private static String listText(List<?> list, boolean cut) {
        boolean cutting = cut && list.size() > TABLE_VECTOR_LIMIT;
        int shown = cutting ? TABLE_VECTOR_HEAD : list.size();
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                text.append(", ");
            }
            Object element = list.get(i);
            text.append(cut ? tableText(element) : element == null ? "NULL" : csvText(element));
        }
        if (cutting) {
            text.append(", …] (").append(list.size()).append(" values)");
            return text.toString();
        }
        return text.append(']').toString();
    }

    /** Keeps each table row on one line: newlines, tabs and other controls become escapes. */
    private static String escapeControls(String text) {
        if (text.chars().noneMatch(Character::isISOControl)) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        text.chars().forEach(c -> {
            switch (c) {
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        escaped.append(String.format("\\u%04x", c));
                    } else {
                        escaped.append((char) c);
                    }
                }
            }
        });
        return escaped.toString();
    }
}

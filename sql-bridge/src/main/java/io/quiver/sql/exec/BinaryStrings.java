package io.quiver.sql.exec;

import io.quiver.sql.schema.BlobValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.calcite.avatica.util.ByteString;

/**
 * SQL's binary string functions where Quiver computes them itself, called from the code Calcite
 * generates: SUBSTRING and OVERLAY of a VARBINARY value (Calcite's OVERLAY failed for a start
 * past the end), and the functions that read a BLOB handle
 * ({@link BlobValue}) in place of its bytes (io.quiver.sql.plan.BlobReads puts those calls in).
 * A handle's OCTET_LENGTH reads no byte and its SUBSTRING reads only the bytes it returns, so
 * {@code SUBSTRING(pic FROM 100001 FOR 16)} of a 10 MB blob touches one 64 KiB chunk. Positions
 * are 1-based and count bytes, a start before 1 shortens the result, as in PostgreSQL's bytea;
 * NULL in, NULL out.
 */
public final class BinaryStrings {
    private BinaryStrings() {}

    /** {@code SUBSTRING(b FROM start)} of a VARBINARY value. */
    public static ByteString substring(ByteString b, Integer start) {
        if (b == null || start == null) {
            return null;
        }
        return slice(b, start, Long.MAX_VALUE);
    }

    /** {@code SUBSTRING(b FROM start FOR length)} of a VARBINARY value: the bytes at start .. start + length - 1. */
    public static ByteString substring(ByteString b, Integer start, Integer length) {
        if (b == null || start == null || length == null) {
            return null;
        }
        return slice(b, start, end(start, length));
    }

    /** {@code OVERLAY(b PLACING replacement FROM start)}: replaces as many bytes as the replacement has. */
    public static ByteString overlay(ByteString b, ByteString replacement, Integer start) {
        return replacement == null ? null : overlay(b, replacement, start, replacement.length());
    }

    /**
     * {@code OVERLAY(b PLACING replacement FROM start FOR length)}: the bytes before start, the
     * replacement, then the bytes from start + length on, as PostgreSQL defines it (so a start
     * before 1 is a negative substring length, 22011).
     */
    public static ByteString overlay(ByteString b, ByteString replacement, Integer start, Integer length) {
        if (b == null || replacement == null || start == null || length == null) {
            return null;
        }
        return slice(b, 1, end(1, start - 1))
                .concat(replacement)
                .concat(slice(b, (long) start + length, Long.MAX_VALUE));
    }

    /** A BLOB's bytes, for any expression other than those below. */
    public static ByteString blobBytes(BlobValue blob) {
        if (blob == null) {
            return null;
        }
        try {
            return new ByteString(blob.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code OCTET_LENGTH} of a BLOB, known without reading it. */
    public static Integer blobLength(BlobValue blob) {
        if (blob == null) {
            return null;
        }
        long length = blob.length();
        if (length > Integer.MAX_VALUE) {
            throw new ArithmeticException(
                    "numeric value out of range: OCTET_LENGTH of a BLOB of " + length + " bytes does not fit INTEGER");
        }
        return (int) length;
    }

    /** {@code SUBSTRING(blob FROM start)}: reads the bytes from start on. */
    public static ByteString blobSubstring(BlobValue blob, Integer start) {
        if (blob == null || start == null) {
            return null;
        }
        return slice(blob, start, Long.MAX_VALUE);
    }

    /** {@code SUBSTRING(blob FROM start FOR length)}: reads only those bytes. */
    public static ByteString blobSubstring(BlobValue blob, Integer start, Integer length) {
        if (blob == null || start == null || length == null) {
            return null;
        }
        return slice(blob, start, end(start, length));
    }

    /**
     * Bytes as a BLOB value: a BLOB column's values that a query had to read (to sort, group or
     * make them distinct) come back as BLOBs all the same.
     */
    public static BlobValue blob(ByteString bytes) {
        return bytes == null ? null : BlobValue.of(bytes.getBytes());
    }

    /** The position after the last byte of {@code SUBSTRING(.. FROM start FOR length)}. */
    static long end(int start, int length) {
        if (length < 0) {
            throw new SubstringLengthException(length);
        }
        return (long) start + length;
    }

    private static ByteString slice(ByteString b, long from, long to) {
        long begin = Math.max(from, 1);
        long end = Math.min(to, b.length() + 1L);
        return begin >= end ? ByteString.EMPTY : b.substring((int) begin - 1, (int) end - 1);
    }

    private static ByteString slice(BlobValue blob, long from, long to) {
        long begin = Math.max(from, 1);
        long end = Math.min(to, blob.length() + 1);
        if (begin >= end) {
            return ByteString.EMPTY;
        }
        if (end - begin > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("SUBSTRING of a BLOB returns at most 2 GiB, not " + (end - begin)
                    + " bytes; read longer ranges through JDBC's Blob.getBinaryStream");
        }
        try {
            return new ByteString(blob.read(begin - 1, (int) (end - begin)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.quiver.sql.schema;

import io.quiver.blob.Blob;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeFactoryImpl;

/**
 * A BLOB value in query results: a read-only {@link java.sql.Blob} that reads nothing until asked
 * and streams from the table (every chunk's checksum checked). It stays readable while the
 * connection that returned it is open. Values given in SQL text (X'...') or bound as bytes are
 * plain byte arrays wrapped the same way.
 *
 * <p>In SQL a BLOB column is a VARBINARY; a scan yields these handles in its place, and the plan
 * turns a handle into bytes only where an expression needs them (io.quiver.sql.plan.BlobReads).
 */
public final class BlobValue implements java.sql.Blob {
    private final Blob stored;
    private final byte[] bytes;

    private BlobValue(Blob stored, byte[] bytes) {
        this.stored = stored;
        this.bytes = bytes;
    }

    public static BlobValue of(Blob stored) {
        return new BlobValue(stored, null);
    }

    public static BlobValue of(byte[] bytes) {
        return new BlobValue(null, bytes.clone());
    }

    /**
     * The type of a handle in a plan: an opaque Java type, which no SQL operator accepts, so only
     * the functions that read a handle (io.quiver.sql.exec.BinaryStrings) ever see one.
     */
    public static RelDataType handleType(RelDataTypeFactory types, boolean nullable) {
        return types.createTypeWithNullability(types.createJavaType(BlobValue.class), nullable);
    }

    /** Whether a plan's type is {@link #handleType}. */
    public static boolean isHandle(RelDataType type) {
        return type instanceof RelDataTypeFactoryImpl.JavaType j && j.getJavaClass() == BlobValue.class;
    }

    /** Whether a Calcite type is a BLOB column's ({@link #sqlType}). */
    public static boolean isBlobType(RelDataType type) {
        return type instanceof org.apache.calcite.rel.type.RelDataTypeFactoryImpl.JavaType java
                && java.getJavaClass() == BlobValue.class;
    }

    /** All the bytes (for small blobs, and for copying a blob into another table). */
    public byte[] bytes() throws IOException {
        return stored == null ? bytes.clone() : stored.readAllBytes();
    }

    @Override
    public long length() {
        return stored == null ? bytes.length : stored.length();
    }

    @Override
    public byte[] getBytes(long pos, int length) throws SQLException {
        checkRange(pos, length);
        try {
            return read(pos - 1, length);
        } catch (IOException e) {
            throw new SQLException("reading blob: " + e.getMessage(), e);
        }
    }

    /**
     * The {@code length} bytes from {@code offset} (0-based); a range outside the blob is an
     * IllegalArgumentException. A stored blob reads (and checks) only the chunks the range touches.
     */
    public byte[] read(long offset, int length) throws IOException {
        if (offset < 0 || length < 0 || offset + length > length()) {
            throw new IllegalArgumentException(
                    length + " bytes from offset " + offset + " are outside the blob's " + length() + " bytes");
        }
        if (stored == null) {
            return Arrays.copyOfRange(bytes, (int) offset, (int) offset + length);
        }
        byte[] out = new byte[length];
        try (SeekableByteChannel channel = stored.channel().position(offset)) {
            ByteBuffer into = ByteBuffer.wrap(out);
            while (into.hasRemaining()) {
                if (channel.read(into) < 0) {
                    throw new EOFException(
                            "blob ended after " + into.position() + " of " + length + " bytes from offset " + offset);
                }
            }
        }
        return out;
    }

    @Override
    public InputStream getBinaryStream() throws SQLException {
        try {
            return stored == null ? new java.io.ByteArrayInputStream(bytes) : stored.openStream();
        } catch (IOException e) {
            throw new SQLException("reading blob: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream getBinaryStream(long pos, long length) throws SQLException {
        checkRange(pos, length);
        if (stored == null) {
            return new java.io.ByteArrayInputStream(bytes, (int) (pos - 1), (int) length);
        }
        try {
            var channel = stored.channel().position(pos - 1);
            return java.nio.channels.Channels.newInputStream(new BoundedChannel(channel, length));
        } catch (IOException e) {
            throw new SQLException("reading blob: " + e.getMessage(), e);
        }
    }

    private void checkRange(long pos, long length) throws SQLException {
        if (pos < 1 || length < 0 || pos - 1 + length > length()) {
            throw new SQLException("blob range from " + pos + " of " + length + " bytes is outside its " + length()
                    + " bytes (positions start at 1)");
        }
    }

    @Override
    public long position(byte[] pattern, long start) throws SQLException {
        throw new SQLFeatureNotSupportedException("searching in a blob");
    }

    @Override
    public long position(java.sql.Blob pattern, long start) throws SQLException {
        throw new SQLFeatureNotSupportedException("searching in a blob");
    }

    @Override
    public int setBytes(long pos, byte[] values) throws SQLException {
        throw readOnly();
    }

    @Override
    public int setBytes(long pos, byte[] values, int offset, int len) throws SQLException {
        throw readOnly();
    }

    @Override
    public OutputStream setBinaryStream(long pos) throws SQLException {
        throw readOnly();
    }

    @Override
    public void truncate(long len) throws SQLException {
        throw readOnly();
    }

    private static SQLException readOnly() {
        return new SQLFeatureNotSupportedException("stored blobs are read-only: write a new value with UPDATE");
    }

    @Override
    public void free() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BlobValue other)) {
            return false;
        }
        try {
            return Arrays.equals(bytes(), other.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int hashCode() {
        return Long.hashCode(length());
    }

    @Override
    public String toString() {
        return "<blob " + length() + " bytes>";
    }
}

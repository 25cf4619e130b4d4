package io.quiver.sql.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quiver.blob.Blob;
import io.quiver.sql.schema.BlobValue;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.Random;
import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;

/**
 * The functions on BLOB handles read no more of the stored blob than they return, counted by a
 * blob that counts every byte it hands out; and they answer as the same functions on VARBINARY.
 */
class BinaryStringsTest {
    /** A stored blob that counts the bytes read from it, however they are read. */
    private static final class CountingBlob implements Blob {
        private final byte[] bytes;
        long read;

        CountingBlob(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public InputStream openStream() {
            return new ByteArrayInputStream(bytes) {
                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    int n = super.read(b, off, len);
                    read += Math.max(0, n);
                    return n;
                }

                @Override
                public synchronized int read() {
                    int b = super.read();
                    read += b < 0 ? 0 : 1;
                    return b;
                }
            };
        }

        @Override
        public SeekableByteChannel channel() {
            return new SeekableByteChannel() {
                private long position;

                @Override
                public int read(ByteBuffer dst) {
                    if (position >= bytes.length) {
                        return -1;
                    }
                    int n = (int) Math.min(dst.remaining(), bytes.length - position);
                    dst.put(bytes, (int) position, n);
                    position += n;
                    read += n;
                    return n;
                }

                @Override
                public int write(ByteBuffer src) {
                    throw new NonWritableChannelException();
                }

                @Override
                public long position() {
                    return position;
                }

                @Override
                public SeekableByteChannel position(long p) {
                    position = p;
                    return this;
                }

                @Override
                public long size() {
                    return bytes.length;
                }

                @Override
                public SeekableByteChannel truncate(long size) {
                    throw new NonWritableChannelException();
                }

                @Override
                public boolean isOpen() {
                    return true;
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public byte[] readAllBytes() {
            read += bytes.length;
            return bytes.clone();
        }
    }

    private static byte[] random(int length) {
        byte[] b = new byte[length];
        new Random(length).nextBytes(b);
        return b;
    }

    @Test
    void lengthAndSubstringReadOnlyWhatTheyReturn() {
        byte[] bytes = random(10_000_000);
        CountingBlob stored = new CountingBlob(bytes);
        BlobValue blob = BlobValue.of(stored);

        assertEquals(bytes.length, BinaryStrings.blobLength(blob));
        assertEquals(0, stored.read, "OCTET_LENGTH reads nothing");

        ByteString part = BinaryStrings.blobSubstring(blob, 100_001, 16);
        assertArrayEquals(Arrays.copyOfRange(bytes, 100_000, 100_016), part.getBytes());
        assertEquals(16, stored.read, "SUBSTRING FROM 100001 FOR 16 reads 16 bytes");

        stored.read = 0;
        assertEquals(ByteString.EMPTY, BinaryStrings.blobSubstring(blob, bytes.length + 1, 5));
        assertEquals(ByteString.EMPTY, BinaryStrings.blobSubstring(blob, -5, 3));
        assertEquals(0, stored.read, "a SUBSTRING outside the blob reads nothing");

        assertArrayEquals(
                Arrays.copyOf(bytes, 2),
                BinaryStrings.blobSubstring(blob, -1, 4).getBytes());
        assertArrayEquals(
                Arrays.copyOfRange(bytes, bytes.length - 3, bytes.length),
                BinaryStrings.blobSubstring(blob, bytes.length - 2).getBytes());
        assertEquals(5, stored.read, "only the bytes that exist in the range are read");

        stored.read = 0;
        assertArrayEquals(bytes, BinaryStrings.blobBytes(blob).getBytes());
        assertEquals(bytes.length, stored.read, "any other use reads the whole blob");
    }

    /** Blob handles and VARBINARY values give the same answer for every start and length around a short value. */
    @Test
    void handlesAnswerAsVarbinaryDoes() {
        byte[] bytes = random(7);
        BlobValue blob = BlobValue.of(new CountingBlob(bytes));
        ByteString value = new ByteString(bytes);
        for (int start = -10; start <= 10; start++) {
            assertEquals(BinaryStrings.substring(value, start), BinaryStrings.blobSubstring(blob, start));
            for (int length = 0; length <= 10; length++) {
                ByteString expected = BinaryStrings.substring(value, start, length);
                assertEquals(expected, BinaryStrings.blobSubstring(blob, start, length), start + ", " + length);
                // PostgreSQL: the bytes at positions start .. start + length - 1 that exist.
                int from = Math.max(start, 1);
                int to = Math.min(start + length, bytes.length + 1);
                byte[] model = from < to ? Arrays.copyOfRange(bytes, from - 1, to - 1) : new byte[0];
                assertArrayEquals(model, expected.getBytes(), start + ", " + length);
            }
        }
        assertThrows(SubstringLengthException.class, () -> BinaryStrings.blobSubstring(blob, 1, -1));
        assertThrows(SubstringLengthException.class, () -> BinaryStrings.substring(value, 1, -1));
        assertNull(BinaryStrings.blobSubstring(null, 1, 1));
        assertNull(BinaryStrings.blobSubstring(blob, null, 1));
        assertNull(BinaryStrings.blobLength(null));
        assertNull(BinaryStrings.blobBytes(null));
        assertNull(BinaryStrings.blob(null));
        assertEquals(value, BinaryStrings.blobBytes(BinaryStrings.blob(value)));
    }
}

package io.quiver.blob;

import io.quiver.format.CorruptFileException;
import io.quiver.format.FileEnvelope;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a data file stores for one BLOB value (SPEC.md section 13): either the bytes themselves,
 * for values below the inline threshold, or where they live in a blob pack. The encoding is a
 * tag byte followed by the payload, so a reader can tell the two apart without the schema.
 */
public sealed interface BlobDescriptor {
    byte INLINE_TAG = 1;
    byte PACKED_TAG = 2;
    /** Tag, pack id, offset, length, CRC32C. */
    int PACKED_LENGTH = 1 + FileEnvelope.FILE_ID_LENGTH + 8 + 8 + 4;

    long length();

    byte[] encode();

    /** A value small enough to stay in the data file. */
    record Inline(byte[] bytes) implements BlobDescriptor {
        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public byte[] encode() {
            return encode(bytes, 0, bytes.length);
        }

        /** The encoding of an inline value held in bytes [offset, offset + length), in one copy. */
        static byte[] encode(byte[] value, int offset, int length) {
            byte[] out = new byte[1 + length];
            out[0] = INLINE_TAG;
            System.arraycopy(value, offset, out, 1, length);
            return out;
        }
    }

    /** A value stored in pack {@code packId} at {@code offset}, followed by its chunk checksums. */
    record Packed(byte[] packId, long offset, long length, int crc32c) implements BlobDescriptor {
        public Packed {
            if (packId.length != FileEnvelope.FILE_ID_LENGTH) {
                throw new IllegalArgumentException("a pack id has 16 bytes, got " + packId.length);
            }
        }

        /** The pack's name in the blobs folder, derived from its id (never from stored text). */
        public String packFileName() {
            return packFileName(packId);
        }

        public static String packFileName(byte[] packId) {
            return HexFormat.of().formatHex(packId) + BlobPackWriter.SUFFIX;
        }

        @Override
        public byte[] encode() {
            ByteBuffer b = ByteBuffer.allocate(PACKED_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            b.put(PACKED_TAG).put(packId).putLong(offset).putLong(length).putInt(crc32c);
            return b.array();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Packed p
                    && Arrays.equals(packId, p.packId)
                    && offset == p.offset
                    && length == p.length
                    && crc32c == p.crc32c;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(packId) * 31 + Long.hashCode(offset);
        }

        @Override
        public String toString() {
            return "Packed[" + packFileName() + " @" + offset + " +" + length + "]";
        }
    }

    /** Decodes a stored descriptor; {@code where} names the file it came from in errors. */
    static BlobDescriptor decode(byte[] stored, String where) throws CorruptFileException {
        if (stored.length == 0) {
            throw new CorruptFileException(where, "empty blob descriptor");
        }
        if (stored[0] == INLINE_TAG) {
            return new Inline(Arrays.copyOfRange(stored, 1, stored.length));
        }
        if (stored[0] != PACKED_TAG || stored.length != PACKED_LENGTH) {
            throw new CorruptFileException(
                    where, "invalid blob descriptor (tag " + stored[0] + ", " + stored.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(stored, 1, stored.length - 1).order(ByteOrder.LITTLE_ENDIAN);
        byte[] id = new byte[FileEnvelope.FILE_ID_LENGTH];
        b.get(id);
        long offset = b.getLong();
        long length = b.getLong();
        if (offset < 0 || length < 0) {
            throw new CorruptFileException(where, "blob descriptor has a negative offset or length");
        }
        return new Packed(id, offset, length, b.getInt());
    }

    /** The pack a stored descriptor points into, or null for an inline value; cheap, for bookkeeping. */
    static byte[] packIdOf(byte[] stored) {
        return stored.length == PACKED_LENGTH && stored[0] == PACKED_TAG
                ? Arrays.copyOfRange(stored, 1, 1 + FileEnvelope.FILE_ID_LENGTH)
                : null;
    }
}

package io.quiver.format;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Jazzer fuzz test of the envelope reader. Regression mode (every build) replays the inputs
 * under {@code src/test/resources/io/quiver/format/FileEnvelopeFuzzTestInputs/open}; fuzzing
 * mode: {@code JAZZER_FUZZ=1 ./mvnw test -pl format-spec -Dtest=FileEnvelopeFuzzTest}.
 *
 * <p>Input: one flags byte, then the file. Flag bits 0-2 make the header, metadata and whole-file
 * checksums right (so that the fuzzer gets past them); bits 3-4 pick the expected kind.
 */
class FileEnvelopeFuzzTest {
    private static final String NAME = "fuzzed.file";

    @FuzzTest(maxDuration = "60s")
    void open(byte[] input) throws Exception {
        if (input.length == 0) {
            return;
        }
        int flags = input[0];
        byte[] file = Arrays.copyOfRange(input, 1, input.length);
        fixChecksums(file, flags);
        FileKind kind = FileKind.values()[((flags >>> 3) & 3) % FileKind.values().length];
        try {
            OpenEnvelope e = FileEnvelope.open(NAME, MemorySegment.ofArray(file), kind);
            byte[] meta = e.metadata();
            if (e.bodyStart() > e.bodyEnd() || e.bodyEnd() + meta.length + FileEnvelope.FOOTER_LENGTH != file.length) {
                throw new IllegalStateException("accepted an envelope whose parts do not add up: body [" + e.bodyStart()
                        + ", " + e.bodyEnd() + "), metadata " + meta.length + ", file " + file.length);
            }
            e.checkBodyRange("body", e.bodyStart(), e.bodyEnd() - e.bodyStart());
            e.verifyFileChecksum();
        } catch (CorruptFileException | UnsupportedFormatVersionException e) {
            if (!e.getMessage().startsWith(NAME + ": ")) {
                throw new IllegalStateException("error does not name the file: " + e.getMessage(), e);
            }
        }
    }

    static void fixChecksums(byte[] file, int flags) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if ((flags & 1) != 0 && file.length >= FileEnvelope.HEADER_LENGTH) {
            b.putInt(28, Crc32c.of(file, 28));
        }
        int footer = file.length - FileEnvelope.FOOTER_LENGTH;
        if ((flags & 2) != 0 && footer >= 0) {
            long offset = b.getLong(footer);
            long length = Integer.toUnsignedLong(b.getInt(footer + 8));
            if (offset >= 0 && offset <= footer && length <= footer - offset) {
                b.putInt(footer + 12, Crc32c.of(MemorySegment.ofArray(file), offset, length));
            }
        }
        if ((flags & 4) != 0 && file.length >= 8) {
            b.putInt(file.length - 8, Crc32c.of(file, file.length - 8));
        }
    }
}

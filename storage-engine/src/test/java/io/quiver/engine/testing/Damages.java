package io.quiver.engine.testing;

import io.quiver.format.Crc32c;
import io.quiver.format.FileEnvelope;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/** Damaged copies of a file's bytes: truncations, bit flips, and a header of another format version. */
public final class Damages {
    /** One damaged copy and how it was made. */
    public record Damage(String what, byte[] bytes) {}

    private Damages() {}

    /**
     * About {@code truncations} truncated copies (every short length, every length near the end,
     * random ones between) and {@code flips} copies with one bit flipped, sampled more densely in
     * the header, footer and metadata block than in the body; plus a zeroed and an extended copy.
     */
    public static List<Damage> sample(byte[] file, Random random, int truncations, int flips) {
        List<Damage> out = new ArrayList<>();
        TreeSet<Integer> lengths = new TreeSet<>();
        int edge = Math.min(truncations / 3, file.length);
        for (int i = 0; i < edge; i++) {
            lengths.add(i);
            lengths.add(file.length - 1 - i);
        }
        while (lengths.size() < Math.min(truncations, file.length)) {
            lengths.add(random.nextInt(file.length));
        }
        for (int length : lengths) {
            out.add(new Damage(
                    "truncated to " + length + " of " + file.length + " bytes", Arrays.copyOf(file, length)));
        }
        int tail = FileEnvelope.FOOTER_LENGTH + Math.max(1, file.length / 4);
        for (int i = 0; i < flips; i++) {
            int at = switch (i % 4) {
                case 0 -> random.nextInt(FileEnvelope.HEADER_LENGTH);
                case 1 -> file.length - 1 - random.nextInt(FileEnvelope.FOOTER_LENGTH);
                case 2 -> file.length - 1 - random.nextInt(Math.min(tail, file.length));
                default -> random.nextInt(file.length);
            };
            int bit = random.nextInt(8);
            byte[] b = file.clone();
            b[at] ^= (byte) (1 << bit);
            out.add(new Damage("bit " + bit + " of byte " + at + " of " + file.length + " flipped", b));
        }
        out.add(new Damage("zeroed", new byte[file.length]));
        out.add(new Damage("one byte appended", Arrays.copyOf(file, file.length + 1)));
        return out;
    }

    /** The file with its header's format version set to {@code version} and a valid header checksum. */
    public static byte[] withFormatVersion(byte[] file, int version) {
        byte[] b = file.clone();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        buf.putShort(6, (short) version);
        buf.putInt(28, Crc32c.of(b, 28));
        return b;
    }
}

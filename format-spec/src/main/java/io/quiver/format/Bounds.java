package io.quiver.format;

/**
 * Checks sizes and offsets read from disk before they are used, so that a damaged file gives a
 * {@link CorruptFileException} instead of a wrong slice, a huge allocation or a crash.
 */
public final class Bounds {
    private Bounds() {}

    /** Checks that [offset, offset + length) lies within [0, limit). */
    public static void checkRange(String file, String what, long offset, long length, long limit)
            throws CorruptFileException {
        if (offset < 0 || length < 0 || offset > limit || length > limit - offset) {
            throw new CorruptFileException(
                    file,
                    what + " at offset " + offset + " with length " + length + " lies outside [0, " + limit + ")");
        }
    }
}

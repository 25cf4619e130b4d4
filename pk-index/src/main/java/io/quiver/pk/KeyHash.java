package io.quiver.pk;

/**
 * The 64-bit hash of an encoded primary key (SPEC.md section 14.2). It only has to spread keys
 * evenly over buckets and make false matches rare: every match is confirmed against the row's
 * key, so collisions cost a read, never a wrong answer.
 */
public final class KeyHash {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private KeyHash() {}

    public static long of(byte[] key) {
        long h = GOLDEN ^ (key.length * 0xC2B2AE3D27D4EB4FL);
        int i = 0;
        for (; i + 8 <= key.length; i += 8) {
            h = Long.rotateLeft((h ^ mix(littleEndian(key, i, 8))) * GOLDEN, 31);
        }
        if (i < key.length) {
            h = Long.rotateLeft((h ^ mix(littleEndian(key, i, key.length - i))) * GOLDEN, 31);
        }
        return mix(h);
    }

    /** {@code n} bytes from {@code at} as a little-endian number, missing high bytes zero. */
    private static long littleEndian(byte[] b, int at, int n) {
        long w = 0;
        for (int k = n - 1; k >= 0; k--) {
            w = (w << 8) | (b[at + k] & 0xffL);
        }
        return w;
    }

    /** SplitMix64's finalizer: every input bit affects every output bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The bucket of a hash among {@code buckets} (a power of two): its top bits. */
    public static int bucket(long hash, int buckets) {
        return buckets == 1 ? 0 : (int) (hash >>> (64 - Integer.numberOfTrailingZeros(buckets)));
    }
}

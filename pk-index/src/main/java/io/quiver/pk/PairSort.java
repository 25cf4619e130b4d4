package io.quiver.pk;

/**
 * Sorts 64-bit hashes as unsigned numbers, carrying an int per hash along: a primitive sort, so
 * indexing a million rows allocates no objects.
 */
final class PairSort {
    private static final int INSERTION_LIMIT = 24;

    private PairSort() {}

    static void sortUnsigned(long[] keys, int[] values) {
        sort(keys, values, 0, keys.length - 1);
    }

    private static void sort(long[] k, int[] v, int lo, int hi) {
        while (hi - lo > INSERTION_LIMIT) {
            long pivot = medianOfThree(k[lo], k[lo + (hi - lo) / 2], k[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (Long.compareUnsigned(k[i], pivot) < 0) {
                    i++;
                }
                while (Long.compareUnsigned(k[j], pivot) > 0) {
                    j--;
                }
                if (i <= j) {
                    swap(k, v, i++, j--);
                }
            }
            // Recurse into the smaller side, loop on the larger: the stack stays logarithmic.
            if (j - lo < hi - i) {
                sort(k, v, lo, j);
                lo = i;
            } else {
                sort(k, v, i, hi);
                hi = j;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            for (int j = i; j > lo && Long.compareUnsigned(k[j - 1], k[j]) > 0; j--) {
                swap(k, v, j - 1, j);
            }
        }
    }

    private static long medianOfThree(long a, long b, long c) {
        if (Long.compareUnsigned(a, b) > 0) {
            long t = a;
            a = b;
            b = t;
        }
        if (Long.compareUnsigned(b, c) > 0) {
            b = c;
        }
        return Long.compareUnsigned(a, b) > 0 ? a : b;
    }

    private static void swap(long[] k, int[] v, int i, int j) {
        long tk = k[i];
        k[i] = k[j];
        k[j] = tk;
        int tv = v[i];
        v[i] = v[j];
        v[j] = tv;
    }
}

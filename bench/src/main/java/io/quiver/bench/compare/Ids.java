package io.quiver.bench.compare;

import java.util.Arrays;
import org.apache.arrow.vector.BigIntVector;

/** The {@code id} values of result batches as a plain array, for checking answers. */
final class Ids {
    private Ids() {}

    /** {@code ids} followed by the values of {@code more}. */
    static long[] append(long[] ids, BigIntVector more) {
        long[] out = Arrays.copyOf(ids, ids.length + more.getValueCount());
        for (int i = 0; i < more.getValueCount(); i++) {
            out[ids.length + i] = more.get(i);
        }
        return out;
    }
}

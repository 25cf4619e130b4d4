package io.quiver.engine.loader;

import java.io.Serializable;

/**
 * Where a {@link DataLoader} stands: enough to build a loader that continues with exactly the
 * batches the first one had not yet returned. It is small and serializable, so a training job
 * can store it with its checkpoint.
 *
 * @param version the dataset version read
 * @param plan a fingerprint of everything that decides the batches (columns, filter, batch
 *     size, shuffle seed, shard, drop-last); a loader resumed under another plan is refused
 * @param epoch the epoch being read
 * @param nextBatch how many batches of this epoch were already returned
 */
public record LoaderState(long version, String plan, long epoch, long nextBatch) implements Serializable {
    public LoaderState {
        if (epoch < 0 || nextBatch < 0) {
            throw new IllegalArgumentException("epoch and nextBatch must not be negative: " + epoch + ", " + nextBatch);
        }
    }
}

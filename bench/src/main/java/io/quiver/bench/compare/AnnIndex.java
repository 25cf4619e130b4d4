package io.quiver.bench.compare;

import java.io.IOException;

/** A system's vector index over SIFT-small, built once, searched single-threaded by the caller. */
interface AnnIndex extends AutoCloseable {
    /** The ids of the k nearest rows (L2), nearest first; only rows with {@code grp < 10} when filtered. */
    long[] search(float[] query, int k, AnnSetting setting, boolean filtered) throws IOException;

    /** Seconds the index took to build. */
    double buildSeconds();

    @Override
    void close() throws IOException;
}

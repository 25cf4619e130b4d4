package io.quiver.engine.ann;

import java.io.IOException;

/** One way of answering "the 10 nearest ids to this query", set up once per benchmark trial. */
interface AnnSearcher extends AutoCloseable {
    long[] search(float[] query, int k, int ef) throws IOException;

    @Override
    default void close() throws IOException {}
}

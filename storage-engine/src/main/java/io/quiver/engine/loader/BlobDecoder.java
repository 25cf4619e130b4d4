package io.quiver.engine.loader;

import io.quiver.blob.Blob;
import java.io.IOException;

/** Turns a blob into what training consumes (e.g. bytes into an image); runs on the read-ahead threads. */
@FunctionalInterface
public interface BlobDecoder<T> {
    T decode(Blob blob) throws IOException;
}

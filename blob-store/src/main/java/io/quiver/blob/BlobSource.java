package io.quiver.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the bytes of a blob being written come from. The writer streams them in fixed-size
 * chunks, so a blob of any size is written with bounded memory.
 */
@FunctionalInterface
public interface BlobSource {
    /** Opens the bytes; the writer reads to the end and closes the stream. */
    InputStream open() throws IOException;

    static BlobSource of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return () -> new ByteArrayInputStream(copy);
    }

    static BlobSource of(Path file) {
        return () -> Files.newInputStream(file);
    }

    /** A stream that can be read once: the blob holds whatever it yields up to its end. */
    static BlobSource of(InputStream stream) {
        boolean[] used = {false};
        return () -> {
            if (used[0]) {
                throw new IllegalStateException("a stream blob source can be read only once");
            }
            used[0] = true;
            return stream;
        };
    }
}

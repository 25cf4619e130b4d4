package io.quiver.engine.blob;

import io.quiver.blob.Blob;
import io.quiver.engine.Dataset;
import java.io.IOException;
import java.io.InputStream;
import org.apache.arrow.vector.FieldVector;

/** The two ways the blob benchmarks read a blob through its handle. */
enum BlobRead {
    /** {@link Blob#readAllBytes}: a new array per blob. */
    WHOLE {
        @Override
        long read(Blob blob, byte[] buffer) throws IOException {
            return blob.readAllBytes().length;
        }
    },
    /** {@link Blob#openStream} into a reused buffer. */
    STREAMED {
        @Override
        long read(Blob blob, byte[] buffer) throws IOException {
            long bytes = 0;
            try (InputStream in = blob.openStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    bytes += n;
                }
            }
            return bytes;
        }
    };

    abstract long read(Blob blob, byte[] buffer) throws IOException;

    /** Reads the blob of each of the first {@code rows} rows of a column of descriptors; returns the bytes read. */
    long readColumn(Dataset dataset, FieldVector column, int rows, byte[] buffer) throws IOException {
        long bytes = 0;
        for (int i = 0; i < rows; i++) {
            bytes += read(dataset.blob(column, i), buffer);
        }
        return bytes;
    }
}

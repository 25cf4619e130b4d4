package io.quiver.sql.exec;

import io.quiver.engine.Dataset;
import io.quiver.sql.schema.BlobValue;
import java.io.IOException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarBinaryVector;

/**
 * How a BLOB cell of a scanned batch becomes a SQL value: Quiver's scans return blob descriptors
 * that the dataset turns into lazily read handles; other formats return the bytes themselves.
 */
@FunctionalInterface
public interface BlobCells {
    /** The bytes are in the batch (formats without out-of-line blobs). */
    BlobCells INLINE = (v, row) -> BlobValue.of(((VarBinaryVector) v).get(row));

    /** The SQL value of a non-null cell. */
    BlobValue read(FieldVector v, int row) throws IOException;

    /** Blob descriptors of a Quiver dataset's scan. */
    static BlobCells of(Dataset ds) {
        return (v, row) -> BlobValue.of(ds.blob(v, row));
    }
}

package io.quiver.engine.scan;

import io.quiver.blob.BlobStore;
import java.io.IOException;
import org.apache.arrow.vector.VarBinaryVector;

/** Replaces a column of stored blob descriptors with the blobs' bytes, for scans that ask for them. */
public final class BlobBytes {
    private BlobBytes() {}

    public static void materialize(BlobStore store, VarBinaryVector column, String where) throws IOException {
        int n = column.getValueCount();
        // One buffer of the exact size: growing it by doubling re-zeroes and re-copies large blobs.
        long total = 0;
        for (int i = 0; i < n; i++) {
            if (!column.isNull(i)) {
                total += BlobStore.lengthOf(column.get(i), where);
            }
        }
        try (VarBinaryVector bytes = new VarBinaryVector(column.getField(), column.getAllocator())) {
            bytes.allocateNew(total, n);
            for (int i = 0; i < n; i++) {
                if (!column.isNull(i)) {
                    bytes.setSafe(i, store.blob(column.get(i), where).readAllBytes());
                }
            }
            bytes.setValueCount(n);
            bytes.makeTransferPair(column).transfer();
        }
    }
}

package io.quiver.engine;

import io.quiver.engine.commit.Snapshot;
import io.quiver.engine.pk.KeyCodec;
import io.quiver.engine.scan.FragmentData;
import io.quiver.engine.scan.RowTaker;
import io.quiver.engine.scan.TableFiles;
import io.quiver.engine.schema.TableSchema;
import io.quiver.format.proto.Fragment;
import io.quiver.pk.KeyHash;
import io.quiver.pk.PkIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Finds rows of one version by primary key: the key's hash is probed in each fragment's key
 * index, newest fragment first; a hit that is not deleted is confirmed by reading the row's key,
 * so hash collisions cost a read and never a wrong row.
 */
final class KeyLookup {
    private final Snapshot snapshot;
    private final TableFiles files;
    private final BufferAllocator allocator;
    private final KeyCodec codec;
    private final TableSchema keySchema;
    private static final long[] NONE = new long[0];

    /** The fragments with a key index, newest first, and their indexes (opened on first use). */
    private final Fragment[] indexed;

    private final PkIndex[] indexes;

    KeyLookup(Snapshot snapshot, TableFiles files, BufferAllocator allocator, KeyCodec codec) {
        this.snapshot = snapshot;
        this.files = files;
        this.allocator = allocator;
        this.codec = codec;
        this.keySchema = snapshot.schema().project(codec.key().columns());
        List<Fragment> newestFirst = new ArrayList<>(snapshot.fragments());
        java.util.Collections.reverse(newestFirst);
        this.indexed = newestFirst.stream().filter(Fragment::hasPkIndex).toArray(Fragment[]::new);
        this.indexes = new PkIndex[indexed.length];
    }

    /** Row addresses of live rows whose key hash equals the key's, newest fragment first (almost always 0 or 1). */
    long[] candidates(byte[] key) throws IOException {
        long hash = KeyHash.of(key);
        long[] out = NONE;
        for (int i = 0; i < indexed.length; i++) {
            if (indexes[i] == null) {
                indexes[i] = files.pkIndex(indexed[i]);
            }
            int[] rows = indexes[i].rows(hash);
            if (rows.length == 0) {
                continue;
            }
            Fragment f = indexed[i];
            FragmentData data = f.hasDeletion() ? files.open(f) : null;
            for (int row : rows) {
                if (data == null || !data.isDeleted(row)) {
                    out = Arrays.copyOf(out, out.length + 1);
                    out[out.length - 1] = (f.getId() << 32) | row;
                }
            }
        }
        return out;
    }

    /** For each key, the address of the live row holding it, or -1: one read of every candidate's key. */
    long[] findAll(List<byte[]> keys) throws IOException {
        long[] found = new long[keys.size()];
        Arrays.fill(found, -1);
        long[] addresses = new long[16];
        int[] owner = new int[16];
        int n = 0;
        for (int k = 0; k < keys.size(); k++) {
            for (long address : candidates(keys.get(k))) {
                if (n == addresses.length) {
                    addresses = Arrays.copyOf(addresses, n * 2);
                    owner = Arrays.copyOf(owner, n * 2);
                }
                addresses[n] = address;
                owner[n++] = k;
            }
        }
        if (n == 0) {
            return found;
        }
        try (VectorSchemaRoot rows =
                RowTaker.take(allocator, files.version(snapshot), Arrays.copyOf(addresses, n), keySchema)) {
            List<FieldVector> keyVectors =
                    codec.key().columns().stream().map(rows::getVector).toList();
            for (int i = 0; i < n; i++) {
                if (found[owner[i]] < 0 && Arrays.equals(codec.encode(keyVectors, i), keys.get(owner[i]))) {
                    found[owner[i]] = addresses[i];
                }
            }
        }
        return found;
    }

    /** The row of {@code rows} whose key columns (by name) equal {@code key}, or -1. */
    int matching(VectorSchemaRoot rows, byte[] key) {
        List<FieldVector> keyVectors =
                codec.key().columns().stream().map(rows::getVector).toList();
        for (int i = 0; i < rows.getRowCount(); i++) {
            if (Arrays.equals(codec.encode(keyVectors, i), key)) {
                return i;
            }
        }
        return -1;
    }
}

package io.quiver.engine;

import io.quiver.engine.commit.Committer;
import io.quiver.engine.commit.KeyedWriteTransaction;
import io.quiver.engine.commit.NewFragment;
import io.quiver.engine.commit.Snapshot;
import io.quiver.engine.commit.Transaction;
import io.quiver.engine.pk.KeyCodec;
import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.write.FragmentWriter;
import io.quiver.format.proto.OperationKind;
import io.quiver.pk.KeyHash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.roaringbitmap.RoaringBitmap;

/**
 * Writes to a table with a primary key (SPEC.md section 14.4). The new rows are written once, to
 * new fragments with their key indexes; then, against the version the commit lands on, an insert
 * checks that none of their keys is present and an upsert marks the rows holding them deleted.
 * Keys repeated within the new rows are refused before anything is written.
 */
final class KeyedWrites {
    private KeyedWrites() {}

    /** Batches of new rows: one, or the batches of a reader. */
    @FunctionalInterface
    interface Batches {
        void forEach(BatchConsumer consumer) throws IOException;
    }

    @FunctionalInterface
    interface BatchConsumer {
        void accept(VectorSchemaRoot batch) throws IOException;
    }

    /** New rows on disk (not yet committed) and their encoded keys, in row order. */
    record Rows(List<NewFragment> fragments, List<byte[]> keys) {}

    static Rows write(Dataset dataset, Snapshot base, PrimaryKey key, Batches batches) throws IOException {
        KeyCodec codec = new KeyCodec(key, base.schema());
        List<byte[]> keys = new ArrayList<>();
        List<NewFragment> fragments;
        try (FragmentWriter writer =
                FragmentWriter.forAppend(dataset.layout(), base.schema(), dataset.writeOptions(), key)) {
            batches.forEach(batch -> {
                base.schema().checkCompatible(batch.getSchema());
                List<FieldVector> keyVectors =
                        key.columns().stream().map(batch::getVector).toList();
                for (int i = 0; i < batch.getRowCount(); i++) {
                    keys.add(codec.encode(keyVectors, i));
                }
                writer.write(batch);
            });
            List<byte[]> repeated = repeated(keys);
            if (!repeated.isEmpty()) {
                throw duplicates("the new rows hold the same key more than once", codec, repeated);
            }
            fragments = writer.finish();
        }
        return new Rows(fragments, keys);
    }

    /**
     * Keys that occur more than once, in row order. Sorting the keys' 64-bit hashes finds the few
     * that may repeat, and only those are compared whole: a hash set of all the keys cost a fifth of
     * a million-row insert, as {@code ByteBuffer}'s hash of short keys collides often enough to
     * chain its buckets into trees.
     */
    private static List<byte[]> repeated(List<byte[]> keys) {
        long[] hashes = new long[keys.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = KeyHash.of(keys.get(i));
        }
        long[] sorted = hashes.clone();
        Arrays.sort(sorted);
        Set<Long> shared = new HashSet<>();
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                shared.add(sorted[i]);
            }
        }
        List<byte[]> repeated = new ArrayList<>();
        Set<ByteBuffer> seen = new HashSet<>();
        for (int i = 0; i < hashes.length && !shared.isEmpty(); i++) {
            if (shared.contains(hashes[i]) && !seen.add(ByteBuffer.wrap(keys.get(i)))) {
                repeated.add(keys.get(i));
            }
        }
        return repeated;
    }

    private static DuplicateKeyException duplicates(String what, KeyCodec codec, List<byte[]> keys) {
        return new DuplicateKeyException(
                what,
                keys.stream()
                        .limit(DuplicateKeyException.MAX_LISTED)
                        .map(codec::decode)
                        .toList(),
                keys.size());
    }

    /**
     * The commit of written rows on top of {@code base}: an insert (APPEND) fails with a
     * {@link DuplicateKeyException} if any key is present; an upsert (UPSERT) replaces the rows
     * holding them. {@code read} (null: none) are the addresses the rows' keys were read at, which
     * must still hold them ({@link ReadRows#checkKeys}).
     */
    static Transaction prepare(
            Dataset dataset, Snapshot base, PrimaryKey key, OperationKind kind, Rows rows, long[] read)
            throws IOException {
        KeyCodec codec = new KeyCodec(key, base.schema());
        long[] found = new KeyLookup(base, dataset.files(), dataset.allocator(), codec).findAll(rows.keys());
        if (read != null) {
            ReadRows.checkKeys(dataset, base, codec, rows.keys(), found, read);
        }
        Map<Long, RoaringBitmap> replaced = new HashMap<>();
        List<byte[]> present = new ArrayList<>();
        for (int i = 0; i < found.length; i++) {
            if (found[i] >= 0) {
                present.add(rows.keys().get(i));
                replaced.computeIfAbsent(found[i] >>> 32, id -> new RoaringBitmap())
                        .add((int) (found[i] & 0xFFFF_FFFFL));
            }
        }
        if (kind == OperationKind.APPEND && !present.isEmpty()) {
            throw duplicates("insert into " + dataset.path() + " at version " + base.version(), codec, present);
        }
        Deleter.Marked marked = Deleter.mark(dataset, base, replaced);
        return new KeyedWriteTransaction(
                base.version(), kind, rows.fragments(), marked.deletions(), marked.removed(), marked.rows());
    }

    /**
     * Commits written rows. If preparing fails (a duplicate key, an I/O error), nothing of this
     * write is in any version yet, so its files are removed; failures after that are the
     * committer's to clean up, which knows whether a version may have been published.
     */
    static long commit(Dataset dataset, Snapshot base, PrimaryKey key, OperationKind kind, Rows rows, long[] read)
            throws IOException {
        return dataset.commit(base, b -> {
            try {
                return prepare(dataset, b, key, kind, rows, read);
            } catch (IOException | RuntimeException e) {
                Committer.deleteQuietly(dataset.layout(), NewFragment.paths(rows.fragments()));
                throw e;
            }
        });
    }
}

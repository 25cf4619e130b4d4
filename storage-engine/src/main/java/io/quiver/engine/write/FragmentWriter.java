package io.quiver.engine.write;

import io.quiver.blob.BlobPacker;
import io.quiver.blob.BlobSource;
import io.quiver.blob.BlobStore;
import io.quiver.blob.WrittenPack;
import io.quiver.engine.WriteOptions;
import io.quiver.engine.commit.NewFragment;
import io.quiver.engine.commit.TableLayout;
import io.quiver.engine.datafile.DataFileWriter;
import io.quiver.engine.datafile.WrittenDataFile;
import io.quiver.engine.io.DurableFiles;
import io.quiver.engine.pk.KeyCodec;
import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.format.CorruptFileException;
import io.quiver.format.proto.BlobPackRef;
import io.quiver.format.proto.PkIndexRef;
import io.quiver.pk.KeyHash;
import io.quiver.pk.PkIndexWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Writes incoming batches into new fragments of at most {@code maxRowsPerFragment} rows each,
 * and their BLOB values into new blob packs. Nothing is visible until the caller commits the
 * returned fragments; {@link #close} without {@link #finish} deletes everything written.
 */
public final class FragmentWriter implements AutoCloseable {
    private final TableLayout layout;
    private final TableSchema schema;
    private final WriteOptions options;
    /** Whether BLOB columns of incoming batches hold blob bytes (appends) or stored descriptors (rewrites). */
    private final boolean blobBytesIn;

    private final BlobColumns blobs;
    /** The table's key, when it has one: each fragment gets an index of its rows' key hashes. */
    private final KeyCodec keys;

    private final int[] keyPositions;
    private long[] currentHashes = new long[64];
    private final Map<String, BlobPackRef> existingPacks;
    private final List<Written> written = new ArrayList<>();
    private final List<Path> paths = new ArrayList<>();
    private DataFileWriter current;
    private Set<String> currentPacks = new TreeSet<>();
    /** Rows of incoming batches so far: where the next batch starts, for errors that name a row. */
    private long rowsIn;

    private boolean done;

    /** A finished data file, the hex ids of the packs its rows point into, and its key index. */
    private record Written(WrittenDataFile file, Set<String> packs, PkIndexRef pkIndex) {}

    private FragmentWriter(
            TableLayout layout,
            TableSchema schema,
            WriteOptions options,
            boolean blobBytesIn,
            BlobStore store,
            Map<String, BlobPackRef> existingPacks,
            Set<String> relocatedPacks,
            PrimaryKey key)
            throws IOException {
        this.layout = layout;
        this.keys = key == null ? null : new KeyCodec(key, schema);
        this.keyPositions = key == null ? new int[0] : key.positions(schema);
        if (key != null) {
            ensureDir(layout, layout.root().resolve(TableLayout.INDEXES));
        }
        this.schema = schema;
        this.options = options;
        this.blobBytesIn = blobBytesIn;
        this.existingPacks = Map.copyOf(existingPacks);
        if (schema.hasBlobs()) {
            ensureDir(layout, layout.blobsDir());
            this.blobs = new BlobColumns(
                    new BlobPacker(layout.blobsDir(), options.blobInlineBytes(), options.blobPackBytes()),
                    store,
                    relocatedPacks);
        } else {
            this.blobs = null;
        }
    }

    /**
     * For appends: the BLOB columns of incoming batches hold the bytes to store.
     *
     * @param key the table's primary key, or null
     */
    public static FragmentWriter forAppend(TableLayout layout, TableSchema schema, WriteOptions options, PrimaryKey key)
            throws IOException {
        return new FragmentWriter(layout, schema, options, true, null, Map.of(), Set.of(), key);
    }

    /**
     * For rewrites of existing rows: BLOB columns hold stored descriptors, kept as they are
     * unless they point into one of {@code relocatedPacks} (hex ids), whose blobs are copied.
     *
     * @param existingPacks the packs the rewritten fragments list, by hex id
     */
    public static FragmentWriter forRewrite(
            TableLayout layout,
            TableSchema schema,
            WriteOptions options,
            BlobStore store,
            Map<String, BlobPackRef> existingPacks,
            Set<String> relocatedPacks,
            PrimaryKey key)
            throws IOException {
        return new FragmentWriter(layout, schema, options, false, store, existingPacks, relocatedPacks, key);
    }

    /** Tables created before blobs and key indexes existed lack their folders. */
    private static void ensureDir(TableLayout layout, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            DurableFiles.syncDirectory(layout.root());
        }
    }

    /** Writes every batch of a reader. */
    public void writeAll(ArrowReader reader) throws IOException {
        while (reader.loadNextBatch()) {
            write(reader.getVectorSchemaRoot());
        }
    }

    public void write(VectorSchemaRoot batch) throws IOException {
        write(batch, Map.of(), null);
    }

    /**
     * Writes a batch whose BLOB columns named in {@code sources} come from those sources (one per
     * row, null for a null value) instead of from the batch, which must not hold them; their
     * descriptors are allocated from {@code allocator}.
     */
    public void write(VectorSchemaRoot batch, Map<String, List<BlobSource>> sources, BufferAllocator allocator)
            throws IOException {
        int rows = batch.getRowCount();
        for (var e : sources.entrySet()) {
            if (!schema.column(e.getKey()).type().isBlob()) {
                throw new IllegalArgumentException("column " + e.getKey() + " is not a BLOB column");
            }
            if (e.getValue().size() != rows) {
                throw new IllegalArgumentException("column " + e.getKey() + " has "
                        + e.getValue().size() + " blob sources for a batch of " + rows + " rows");
            }
        }
        schema.project(schema.names().stream()
                        .filter(n -> !sources.containsKey(n))
                        .toList())
                .checkCompatible(batch.getSchema());
        if (blobBytesIn) {
            // New values are checked before any is written; rewritten rows were checked when written.
            List<FieldVector> incoming = schema.columns().stream()
                    .map(c -> sources.containsKey(c.name()) ? null : batch.getVector(c.name()))
                    .toList();
            MaxLengths.check(schema.columns(), incoming, rows, rowsIn + 1);
            FiniteVectors.check(schema.columns(), incoming, rows, rowsIn + 1);
        }
        rowsIn += rows;
        List<FieldVector> vectors = new ArrayList<>();
        List<FieldVector> owned = new ArrayList<>();
        try {
            for (Column c : schema.columns()) {
                List<BlobSource> columnSources = sources.get(c.name());
                FieldVector v = columnSources != null
                        ? blobs.storeSources(c.name(), allocator, columnSources)
                        : encode(c, batch.getVector(c.name()), rows);
                if (v != batch.getVector(c.name())) {
                    owned.add(v);
                }
                vectors.add(v);
            }
            writeVectors(vectors, rows);
        } finally {
            owned.forEach(FieldVector::close);
        }
    }

    private FieldVector encode(Column c, FieldVector v, int rows) throws IOException {
        if (!c.type().isBlob()) {
            return v;
        }
        if (blobBytesIn) {
            return blobs.storeBytes((VarBinaryVector) v, rows);
        }
        return blobs.relocates() ? blobs.relocate((VarBinaryVector) v, rows, "rewritten fragment") : v;
    }

    private void writeVectors(List<FieldVector> vectors, int rows) throws IOException {
        int from = 0;
        while (from < rows) {
            if (current == null) {
                Path path = layout.root().resolve(layout.newDataFile());
                paths.add(path);
                current = new DataFileWriter(path, schema.columns(), options.dataFile());
            }
            int n = (int) Math.min(rows - from, options.maxRowsPerFragment() - current.rowCount());
            noteKeys(vectors, from, n);
            current.write(vectors, from, n);
            notePacks(vectors, from, n);
            from += n;
            if (current.rowCount() == options.maxRowsPerFragment()) {
                finishCurrent();
            }
        }
    }

    /** Records which packs the rows just written point into: their fragment must list them. */
    private void notePacks(List<FieldVector> vectors, int from, int n) {
        if (blobs == null) {
            return;
        }
        for (int c = 0; c < vectors.size(); c++) {
            if (!schema.columns().get(c).type().isBlob()) {
                continue;
            }
            VarBinaryVector v = (VarBinaryVector) vectors.get(c);
            for (int i = from; i < from + n; i++) {
                byte[] pack = v.isNull(i) ? null : BlobStore.packIdOf(v.get(i));
                if (pack != null) {
                    currentPacks.add(HexFormat.of().formatHex(pack));
                }
            }
        }
    }

    /** Hashes the keys of the rows about to be written into the current file. */
    private void noteKeys(List<FieldVector> vectors, int from, int n) {
        if (keys == null) {
            return;
        }
        List<FieldVector> keyVectors =
                java.util.Arrays.stream(keyPositions).mapToObj(vectors::get).toList();
        int at = (int) current.rowCount();
        if (at + n > currentHashes.length) {
            currentHashes = java.util.Arrays.copyOf(currentHashes, Math.max(at + n, currentHashes.length * 2));
        }
        for (int i = 0; i < n; i++) {
            currentHashes[at + i] = KeyHash.of(keys.encode(keyVectors, from + i));
        }
    }

    private void finishCurrent() throws IOException {
        WrittenDataFile file = current.finish();
        PkIndexRef index = null;
        if (keys != null) {
            String relative = layout.newPkIndexFile();
            Path path = layout.root().resolve(relative);
            paths.add(path);
            PkIndexWriter.Written w = PkIndexWriter.write(
                    path,
                    java.util.Arrays.copyOf(currentHashes, (int) file.rowCount()),
                    keys.key().buckets());
            index = PkIndexRef.newBuilder()
                    .setPath(relative)
                    .setFileId(com.google.protobuf.ByteString.copyFrom(w.fileId()))
                    .setSizeBytes(w.sizeBytes())
                    .build();
        }
        written.add(new Written(file, currentPacks, index));
        current = null;
        currentPacks = new TreeSet<>();
    }

    /** Finishes the last file and the blob packs; returns the fragments written, in order. */
    public List<NewFragment> finish() throws IOException {
        if (current != null && current.rowCount() > 0) {
            finishCurrent();
        } else if (current != null) {
            current.close();
            current = null;
        }
        Map<String, BlobPackRef> created = new HashMap<>();
        for (WrittenPack p : blobs == null ? List.<WrittenPack>of() : blobs.finish()) {
            created.put(
                    HexFormat.of().formatHex(p.packId()),
                    BlobPackRef.newBuilder()
                            .setPath(TableLayout.blobPackPath(p.fileName()))
                            .setFileId(com.google.protobuf.ByteString.copyFrom(p.packId()))
                            .setSizeBytes(p.sizeBytes())
                            .build());
        }
        List<NewFragment> out = new ArrayList<>();
        Set<String> listed = new TreeSet<>();
        for (Written w : written) {
            List<BlobPackRef> refs = new ArrayList<>();
            List<String> firstListed = new ArrayList<>();
            for (String pack : w.packs()) {
                BlobPackRef ref = created.containsKey(pack) ? created.get(pack) : existingPacks.get(pack);
                if (ref == null) {
                    throw new CorruptFileException(
                            BlobStore.packFileName(HexFormat.of().parseHex(pack)),
                            "a rewritten row points into this blob pack, which its fragment does not list");
                }
                refs.add(ref);
                if (created.containsKey(pack) && listed.add(pack)) {
                    firstListed.add(ref.getPath());
                }
            }
            NewFragment plain = NewFragment.of(layout, w.file());
            out.add(new NewFragment(plain.rows(), plain.files(), refs, firstListed, w.pkIndex()));
        }
        done = true;
        return List.copyOf(out);
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
        if (blobs != null) {
            blobs.close();
        }
        if (!done) {
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package io.quiver.engine;

import io.quiver.blob.Blob;
import io.quiver.blob.BlobSource;
import io.quiver.blob.BlobStore;
import io.quiver.engine.commit.AppendTransaction;
import io.quiver.engine.commit.Committer;
import io.quiver.engine.commit.IndexTransaction;
import io.quiver.engine.commit.ManifestFiles;
import io.quiver.engine.commit.OverwriteTransaction;
import io.quiver.engine.commit.Snapshot;
import io.quiver.engine.commit.TableLayout;
import io.quiver.engine.datafile.ColumnStats;
import io.quiver.engine.datafile.PageCache;
import io.quiver.engine.expr.BoundFilter;
import io.quiver.engine.expr.Expr;
import io.quiver.engine.pk.KeyCodec;
import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.scan.BlobBytes;
import io.quiver.engine.scan.FragmentData;
import io.quiver.engine.scan.RowTaker;
import io.quiver.engine.scan.ScanSpec;
import io.quiver.engine.scan.TableFiles;
import io.quiver.engine.scan.TableScanner;
import io.quiver.engine.scan.VersionFiles;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.ColumnType;
import io.quiver.engine.schema.TableSchema;
import io.quiver.engine.vector.IndexBuilder;
import io.quiver.engine.vector.IndexInfo;
import io.quiver.engine.vector.IndexMaintenance;
import io.quiver.engine.vector.NearestCache;
import io.quiver.engine.vector.NearestQuery;
import io.quiver.engine.vector.NearestSearch;
import io.quiver.engine.vector.VectorIndexOptions;
import io.quiver.engine.write.FragmentWriter;
import io.quiver.format.proto.Fragment;
import io.quiver.format.proto.Manifest;
import io.quiver.format.proto.Operation;
import io.quiver.format.proto.OperationKind;
import io.quiver.format.proto.VectorIndexRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A Quiver table: a directory of immutable files and one manifest per version (SPEC.md). A
 * {@code Dataset} is a handle on one version of it. Reads see that version; every write commits
 * a new version on top of the newest one (rebasing over other writers where it can, see
 * {@link CommitConflictException}) and moves the handle to it.
 *
 * <p>Batches and readers are allocated from the handle's allocator: close them before the
 * dataset. Handles are safe to share between threads.
 */
public final class Dataset implements AutoCloseable {
    private final TableLayout layout;
    private final BufferAllocator allocator;
    private final TableFiles files;
    private final BlobStore blobs;
    private final NearestCache nearestCache = new NearestCache();
    private final Projections projections = new Projections();
    private final WriteOptions writeOptions;
    private volatile Snapshot snapshot;
    private volatile boolean closed;
    /** Opened past a damaged newest manifest ({@link #openNewestReadable}): reads only. */
    private final boolean recovery;

    private Dataset(TableLayout layout, Snapshot snapshot, DatasetOptions options) {
        this(layout, snapshot, options, false);
    }

    private Dataset(TableLayout layout, Snapshot snapshot, DatasetOptions options, boolean recovery) {
        this.recovery = recovery;
        this.layout = layout;
        this.snapshot = snapshot;
        this.writeOptions = options.writeOptions();
        this.allocator = options.allocator() == null
                ? new RootAllocator()
                : options.allocator().newChildAllocator("quiver:" + layout.root(), 0, Long.MAX_VALUE);
        this.files = new TableFiles(layout, new PageCache(options.pageCacheBytes()));
        this.blobs = new BlobStore(layout.blobsDir());
    }

    /** Creates an empty table at {@code path}; fails if one exists there. */
    public static Dataset create(Path path, Schema schema) throws IOException {
        return create(path, schema, DatasetOptions.DEFAULT);
    }

    public static Dataset create(Path path, Schema schema, DatasetOptions options) throws IOException {
        return create(path, schema, null, options);
    }

    /**
     * Creates an empty table whose rows are identified by {@code key} (null: no key). Key columns
     * must be NOT NULL; inserts then refuse keys the table holds, and upserts, updates, deletes
     * and lookups by key become available.
     */
    public static Dataset create(Path path, Schema schema, PrimaryKey key, DatasetOptions options) throws IOException {
        TableLayout layout = new TableLayout(path);
        TableSchema tableSchema = TableSchema.fromArrow(schema);
        if (key != null) {
            key.check(tableSchema);
        }
        if (Files.isDirectory(layout.versionsDir())
                && !ManifestFiles.listVersions(layout).isEmpty()) {
            throw new TableExistsException("a table already exists at " + layout.root());
        }
        layout.createDirectories();
        Manifest first = Manifest.newBuilder()
                .setVersion(1)
                .setCommitTimeMicros(Committer.nowMicros())
                .setSchema(tableSchema.toProto())
                .setNextFieldId(tableSchema.maxFieldId() + 1)
                .setOperation(
                        Operation.newBuilder().setKind(OperationKind.CREATE).setSummary("create"))
                .putAllProperties(key == null ? Map.of() : key.properties())
                .build();
        if (!ManifestFiles.publish(layout, first)) {
            throw new TableExistsException("a table was created at " + layout.root() + " concurrently");
        }
        return new Dataset(layout, new Snapshot(first, tableSchema), options);
    }

    /** Opens the newest version of the table at {@code path}. */
    public static Dataset open(Path path) throws IOException {
        return open(path, DatasetOptions.DEFAULT);
    }

    public static Dataset open(Path path, DatasetOptions options) throws IOException {
        TableLayout layout = new TableLayout(path);
        return new Dataset(layout, ManifestFiles.readLatest(layout), options);
    }

    /**
     * Recovery after storage damage: opens the newest version whose manifest can be read, skipping
     * damaged newer ones ({@link #open} refuses them with a {@link
     * io.quiver.format.CorruptFileException} naming the file), so that the data can be read and
     * copied out. The handle is read-only: a damaged version's change was acknowledged, and a
     * commit on an older version would lose it for good. To write again, restore the damaged
     * manifest from a backup, or move it out of {@code _versions/} deliberately, accepting the
     * loss of that version's change.
     */
    public static Dataset openNewestReadable(Path path, DatasetOptions options) throws IOException {
        TableLayout layout = new TableLayout(path);
        return new Dataset(layout, ManifestFiles.readNewestReadable(layout), options, true);
    }

    /** Opens one version of the table (time travel). */
    public static Dataset open(Path path, long version) throws IOException {
        return open(path, version, DatasetOptions.DEFAULT);
    }

    public static Dataset open(Path path, long version, DatasetOptions options) throws IOException {
        TableLayout layout = new TableLayout(path);
        ManifestFiles.listVersions(layout); // TableNotFoundException rather than a missing version
        return new Dataset(layout, ManifestFiles.read(layout, version), options);
    }

    public Path path() {
        return layout.root();
    }

    public long version() {
        return snapshot.version();
    }

    /**
     * Moves the handle to the newest version, taking in commits made through other handles or
     * processes; returns it. Costs one file-existence check when nothing was committed since.
     */
    public synchronized long refresh() throws IOException {
        checkOpen();
        Snapshot current = snapshot;
        if (Files.exists(layout.manifestPath(current.version() + 1))) {
            Snapshot newest = ManifestFiles.readLatest(layout);
            if (newest.version() > current.version()) {
                snapshot = newest;
            }
        }
        return snapshot.version();
    }

    public Schema schema() {
        return snapshot.schema().toArrow();
    }

    public TableSchema tableSchema() {
        return snapshot.schema();
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    /** Rows in this version. */
    public long count() {
        return snapshot.rowCount();
    }

    /** Rows in this version that pass {@code filter}. */
    public long count(Expr filter) throws IOException {
        return scan().filter(filter).count();
    }

    public Scan scan() {
        checkOpen();
        return new Scan(this);
    }

    TableScanner open(ScanSpec spec) {
        return open(spec, null);
    }

    /** A scan of the fragments with these ids (all: null); an id this version lacks is an error. */
    TableScanner open(ScanSpec spec, long[] fragmentIds) {
        checkOpen();
        Snapshot s = snapshot;
        return new TableScanner(allocator, files, fragmentIds == null ? s.fragments() : s.fragments(fragmentIds), spec);
    }

    /**
     * Statistics of every column over this version's data files, from their footers: rows, nulls,
     * and bounds in the column's statistics domain (Long; Double; a decimal's unscaled BigInteger;
     * UTF-8 bytes, long values' bounds cut short). Deleted rows still count: estimates for query planners,
     * not answers.
     */
    public Map<String, ColumnStats> columnStats() throws IOException {
        checkOpen();
        Snapshot s = snapshot;
        VersionFiles version = files.version(s);
        Map<String, ColumnStats> stats = new LinkedHashMap<>();
        for (Column c : s.schema().columns()) {
            stats.put(c.name(), new ColumnStats(0, 0, null, null));
        }
        for (Fragment f : s.fragments()) {
            FragmentData data = version.fragment(f.getId());
            for (Column c : s.schema().columns()) {
                stats.merge(
                        c.name(),
                        data.fileStats(c.fieldId()),
                        (a, b) -> a.merge(b, c.type().statsDomain()));
            }
        }
        return stats;
    }

    /** The fragments of this version, in scan order. */
    public List<FragmentInfo> fragments() {
        checkOpen();
        List<FragmentInfo> out = new ArrayList<>();
        for (Fragment f : snapshot.fragments()) {
            out.add(new FragmentInfo(f.getId(), f.getPhysicalRows(), Snapshot.liveRows(f)));
        }
        return out;
    }

    /**
     * The rows at the given addresses (from the {@value ScanSpec#ROW_ADDRESS} column of a scan), in
     * the order given. The caller closes the returned root.
     *
     * @param columns the columns to return; all when none are named
     */
    public VectorSchemaRoot take(long[] rowAddresses, String... columns) throws IOException {
        checkOpen();
        Snapshot s = snapshot;
        TableSchema projection = s.schema().project(columns.length == 0 ? null : Arrays.asList(columns));
        return RowTaker.take(allocator, files.version(s), rowAddresses, projection);
    }

    /** The table's primary key, if it has one. */
    public Optional<PrimaryKey> primaryKey() {
        return Optional.ofNullable(PrimaryKey.of(snapshot.manifest()));
    }

    /**
     * Appends every batch of {@code data} as one commit; returns the new version. No rows commit
     * nothing (the current version is returned), here and in every append, insert and upsert. On a
     * table with a primary key this is {@link #insert}.
     */
    public long append(ArrowReader data) throws IOException {
        if (primaryKey().isPresent()) {
            return insert(data);
        }
        return append(writer -> writer.writeAll(data));
    }

    /**
     * Appends one batch; returns the new version. The values of BLOB columns are the blob bytes
     * (plain binary vectors), stored inline or in blob packs by size.
     */
    public long append(VectorSchemaRoot data) throws IOException {
        if (primaryKey().isPresent()) {
            return insert(data);
        }
        return append(writer -> writer.write(data));
    }

    /**
     * Appends one batch whose BLOB columns named in {@code blobs} are streamed from those
     * sources (files, streams, arrays; one per row, null for a null value) with bounded memory,
     * whatever their size. {@code data} holds the other columns, in table order.
     */
    public long append(VectorSchemaRoot data, Map<String, List<BlobSource>> blobs) throws IOException {
        if (primaryKey().isPresent()) {
            throw new IllegalArgumentException(
                    "streaming blobs into a table with a primary key is not supported yet; insert their bytes");
        }
        return append(writer -> writer.write(data, blobs, allocator));
    }

    /**
     * Adds rows whose keys the table does not hold; returns the new version. A key already in the
     * table, or twice in {@code rows}, fails the whole insert with a {@link DuplicateKeyException}
     * and writes nothing. Checked against the version the commit lands on, so concurrent inserts
     * of one key cannot both succeed.
     */
    public long insert(VectorSchemaRoot rows) throws IOException {
        return keyedWrite(OperationKind.APPEND, c -> c.accept(rows), null);
    }

    /** {@link #insert(VectorSchemaRoot)} of every batch of a reader, as one commit. */
    public long insert(ArrowReader rows) throws IOException {
        return keyedWrite(
                OperationKind.APPEND,
                c -> {
                    while (rows.loadNextBatch()) {
                        c.accept(rows.getVectorSchemaRoot());
                    }
                },
                null);
    }

    /**
     * Inserts rows, replacing whole any row that holds one of their keys; returns the new version.
     * A key twice in {@code rows} is a {@link DuplicateKeyException}. Of two upserts of one key
     * committed concurrently, the later wins.
     */
    public long upsert(VectorSchemaRoot rows) throws IOException {
        return keyedWrite(OperationKind.UPSERT, c -> c.accept(rows), null);
    }

    /**
     * {@link #upsert} of rows computed from rows read earlier (a read-modify-write), committed only
     * if what was read is still what the table holds: {@code readRows[i]} is the address the key
     * of row i was read at (from the {@value ScanSpec#ROW_ADDRESS} column of a scan or {@link
     * #getAllWithAddresses}), or -1 when no row held it. If, at the version the commit lands on, a
     * key is held by another row or by none (another writer updated, deleted or inserted it since),
     * this is a {@link RowsChangedException} and nothing changes; commits of other rows are not
     * conflicts. Returns the new version.
     */
    public long upsert(VectorSchemaRoot rows, long[] readRows) throws IOException {
        return keyedWrite(OperationKind.UPSERT, c -> c.accept(rows), readRows.clone());
    }

    private synchronized long keyedWrite(OperationKind kind, KeyedWrites.Batches batches, long[] read)
            throws IOException {
        checkOpen();
        Snapshot base = snapshot;
        PrimaryKey key = requireKey(base);
        KeyedWrites.Rows rows = KeyedWrites.write(this, base, key, batches);
        if (rows.fragments().isEmpty()) {
            return base.version(); // nothing to write: no empty version
        }
        return KeyedWrites.commit(this, base, key, kind, rows, read);
    }

    private static PrimaryKey requireKey(Snapshot s) {
        PrimaryKey key = PrimaryKey.of(s.manifest());
        if (key == null) {
            throw new IllegalStateException("the table has no primary key");
        }
        return key;
    }

    /** Deletes the rows holding these keys (each given as its column values); returns how many there were. */
    public long deleteByKey(List<Object[]> keys) throws IOException {
        return deleteByKey(keys, null);
    }

    /**
     * {@link #deleteByKey} of keys read earlier, committed only if the rows read still hold them:
     * {@code readRows[i]} is the address key i was read at, or -1 when no row held it (see {@link
     * #upsert(VectorSchemaRoot, long[])}); otherwise a {@link RowsChangedException} and nothing
     * changes.
     */
    public synchronized long deleteByKey(List<Object[]> keys, long[] readRows) throws IOException {
        checkOpen();
        long[] read = readRows == null ? null : readRows.clone();
        long[] deleted = new long[1];
        commit(snapshot, base -> {
            KeyCodec codec = new KeyCodec(requireKey(base), base.schema());
            List<byte[]> encoded = keys.stream().map(codec::encode).toList();
            long[] found = new KeyLookup(base, files, allocator, codec).findAll(encoded);
            if (read != null) {
                ReadRows.checkKeys(this, base, codec, encoded, found, read);
            }
            Deleter.Marked marked = Deleter.mark(this, base, ReadRows.byFragment(found));
            deleted[0] = marked.rows();
            return new io.quiver.engine.commit.DeleteTransaction(
                    base.version(), marked.deletions(), marked.removed(), marked.rows());
        });
        return deleted[0];
    }

    /**
     * Replaces the rows at {@code addresses} with {@code rows} in one commit (how SQL updates a table
     * without a primary key, whose rows only their addresses name). The addresses were read at
     * version {@code readVersion}; if anything was committed since, they may name other rows, so
     * the replacement is a {@link CommitConflictException} and nothing changes. Returns the new
     * version.
     */
    public long replaceRows(long readVersion, long[] addresses, VectorSchemaRoot rows) throws IOException {
        return replaceRows(addresses, rows, b -> {
            if (b.version() != readVersion) {
                throw new CommitConflictException("the rows to replace were read at version " + readVersion
                        + " and version " + b.version() + " was committed since; read them again and retry");
            }
        });
    }

    /**
     * Replaces the rows read at {@code readRows} with {@code rows} (none: deletes them) in one
     * commit, if all of them are still live at the version the commit lands on: commits since the
     * read that left these rows alone (appends, changes of other rows) are no conflict; one that
     * deleted, replaced or compacted any of them is a {@link RowsChangedException}, and nothing
     * changes. Returns the new version.
     */
    public long replaceRows(long[] readRows, VectorSchemaRoot rows) throws IOException {
        Map<Long, org.roaringbitmap.RoaringBitmap> read = ReadRows.byFragment(readRows);
        return replaceRows(readRows, rows, b -> ReadRows.checkLive(this, b, files, read));
    }

    /** What must hold of the version a replacement lands on. */
    private interface ReplaceGuard {
        void check(Snapshot landing) throws IOException;
    }

    private synchronized long replaceRows(long[] addresses, VectorSchemaRoot rows, ReplaceGuard guard)
            throws IOException {
        checkOpen();
        Snapshot base = snapshot;
        if (rows.getRowCount() > 0 && PrimaryKey.of(base.manifest()) != null) {
            // The new rows would have no key index: a keyed table's rows are replaced by upsert.
            throw new IllegalStateException("rows of a table with a primary key are replaced by upsert");
        }
        Map<Long, org.roaringbitmap.RoaringBitmap> replaced = ReadRows.byFragment(addresses);
        try (FragmentWriter writer = FragmentWriter.forAppend(layout, base.schema(), writeOptions, null)) {
            writer.write(rows);
            var fragments = writer.finish();
            return commit(base, b -> {
                try {
                    guard.check(b);
                    Deleter.Marked marked = Deleter.mark(this, b, replaced);
                    return new io.quiver.engine.commit.KeyedWriteTransaction(
                            b.version(),
                            OperationKind.UPSERT,
                            fragments,
                            marked.deletions(),
                            marked.removed(),
                            marked.rows());
                } catch (IOException | RuntimeException e) {
                    Committer.deleteQuietly(layout, io.quiver.engine.commit.NewFragment.paths(fragments));
                    throw e;
                }
            });
        }
    }

    /**
     * Changes the rows that pass {@code filter}: {@code updater} gets them, all columns, and sets
     * new values in place (key columns must not change); they are then upserted. Returns the new
     * version.
     */
    public long update(Expr filter, RowUpdater updater) throws IOException {
        return update(scan().filter(filter).rowAddresses(), updater);
    }

    /** {@link #update(Expr, RowUpdater)} of the rows holding these keys (absent keys are skipped). */
    public long updateByKey(List<Object[]> keys, RowUpdater updater) throws IOException {
        return update(addressesOf(snapshot, keys), updater);
    }

    private long update(long[] addresses, RowUpdater updater) throws IOException {
        Snapshot base = snapshot;
        PrimaryKey key = requireKey(base);
        try (VectorSchemaRoot rows = take(addresses)) {
            for (FieldVector v : rows.getFieldVectors()) {
                if (ColumnType.isBlobField(v.getField())) {
                    BlobBytes.materialize(blobs, (VarBinaryVector) v, "column " + v.getName());
                }
            }
            KeyCodec codec = new KeyCodec(key, base.schema());
            List<byte[]> before = keysOf(codec, rows);
            updater.update(rows);
            List<byte[]> after = keysOf(codec, rows);
            for (int i = 0; i < before.size(); i++) {
                if (!Arrays.equals(before.get(i), after.get(i))) {
                    throw new IllegalArgumentException("an update changed the key " + codec.decode(before.get(i))
                            + " to " + codec.decode(after.get(i)) + "; keys cannot be updated");
                }
            }
            return upsert(rows);
        }
    }

    private static List<byte[]> keysOf(KeyCodec codec, VectorSchemaRoot rows) {
        List<FieldVector> keyVectors =
                codec.key().columns().stream().map(rows::getVector).toList();
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < rows.getRowCount(); i++) {
            keys.add(codec.encode(keyVectors, i));
        }
        return keys;
    }

    private long[] addressesOf(Snapshot s, List<Object[]> keys) throws IOException {
        KeyCodec codec = new KeyCodec(requireKey(s), s.schema());
        return Arrays.stream(new KeyLookup(s, files, allocator, codec)
                        .findAll(keys.stream().map(codec::encode).toList()))
                .filter(a -> a >= 0)
                .toArray();
    }

    /** The row holding this key (its column values, in key order), as column name to value; null if none. */
    public Map<String, Object> get(Object... key) throws IOException {
        checkOpen();
        Snapshot s = snapshot;
        KeyCodec codec = new KeyCodec(requireKey(s), s.schema());
        byte[] encoded = codec.encode(key);
        KeyLookup lookup = new KeyLookup(s, files, allocator, codec);
        long[] candidates = lookup.candidates(encoded);
        if (candidates.length == 0) {
            return null;
        }
        try (VectorSchemaRoot rows = RowTaker.take(allocator, files.version(s), candidates, s.schema())) {
            int at = lookup.matching(rows, encoded);
            return at < 0 ? null : RowValues.row(this, rows, at);
        }
    }

    /** The rows holding these keys, in the order of the keys found (absent keys are skipped). */
    public VectorSchemaRoot getAll(List<Object[]> keys, String... columns) throws IOException {
        checkOpen();
        return take(addressesOf(snapshot, keys), columns);
    }

    /**
     * {@link #getAll}, with a last column {@value ScanSpec#ROW_ADDRESS} holding each row's address,
     * both read from one version: what a read-modify-write passes to the guarded writes.
     */
    public VectorSchemaRoot getAllWithAddresses(List<Object[]> keys, String... columns) throws IOException {
        checkOpen();
        Snapshot s = snapshot;
        long[] addresses = addressesOf(s, keys);
        TableSchema projection = s.schema().project(columns.length == 0 ? null : Arrays.asList(columns));
        VectorSchemaRoot rows = RowTaker.take(allocator, files.version(s), addresses, projection);
        org.apache.arrow.vector.BigIntVector column = new org.apache.arrow.vector.BigIntVector(
                org.apache.arrow.vector.types.pojo.Field.notNullable(
                        ScanSpec.ROW_ADDRESS, new org.apache.arrow.vector.types.pojo.ArrowType.Int(64, true)),
                allocator);
        try {
            column.allocateNew(addresses.length);
            for (int i = 0; i < addresses.length; i++) {
                column.set(i, addresses[i]);
            }
            column.setValueCount(addresses.length);
        } catch (RuntimeException e) {
            column.close();
            rows.close();
            throw e;
        }
        List<FieldVector> vectors = new ArrayList<>(rows.getFieldVectors());
        vectors.add(column);
        // The new root owns the taken vectors and the addresses: closing it frees them all.
        return new VectorSchemaRoot(vectors);
    }

    /**
     * The blob in row {@code row} of a BLOB column read from this table (by a scan, a take or a
     * loader), or null when the value is null. Handles read lazily and stay valid until the
     * dataset is closed.
     */
    public Blob blob(FieldVector column, int row) throws IOException {
        checkOpen();
        if (!(column instanceof VarBinaryVector v) || !ColumnType.isBlobField(column.getField())) {
            throw new IllegalArgumentException("column " + column.getName()
                    + " does not hold blob descriptors (a BLOB column read without materialized bytes)");
        }
        return v.isNull(row) ? null : blobs.blob(v.get(row), "column " + column.getName());
    }

    private interface WriteStep {
        void writeTo(FragmentWriter writer) throws IOException;
    }

    private synchronized long append(WriteStep data) throws IOException {
        checkOpen();
        Snapshot base = snapshot;
        try (FragmentWriter writer = FragmentWriter.forAppend(layout, base.schema(), writeOptions, null)) {
            data.writeTo(writer);
            var fragments = writer.finish();
            if (fragments.isEmpty()) {
                return base.version(); // nothing to write: no empty version
            }
            return commit(base, b -> new AppendTransaction(base.version(), fragments));
        }
    }

    /** Replaces the table's schema and rows with {@code data}'s; returns the new version. */
    public synchronized long overwrite(ArrowReader data) throws IOException {
        checkOpen();
        Snapshot base = snapshot;
        if (PrimaryKey.of(base.manifest()) != null) {
            throw new IllegalStateException("overwrite of a table with a primary key is not supported yet");
        }
        TableSchema schema = TableSchema.appendArrow(
                new TableSchema(List.of()),
                data.getVectorSchemaRoot().getSchema().getFields(),
                base.manifest().getNextFieldId());
        try (FragmentWriter writer = FragmentWriter.forAppend(layout, schema, writeOptions, null)) {
            writer.writeAll(data);
            var fragments = writer.finish();
            return commit(
                    base, b -> new OverwriteTransaction(base.version(), schema, fragments, OperationKind.OVERWRITE));
        }
    }

    /** Marks every row that passes {@code filter} deleted; returns how many were. */
    public synchronized long delete(Expr filter) throws IOException {
        checkOpen();
        long[] deleted = new long[1];
        Snapshot start = snapshot;
        commit(start, base -> {
            try {
                var txn = Deleter.prepare(this, base, filter);
                deleted[0] = txn.deletedRows();
                return txn;
            } catch (IllegalArgumentException e) {
                if (base == start) {
                    throw e;
                }
                // The filter was valid on this handle's version; a schema change committed since broke it.
                throw new CommitConflictException(
                        "delete conflicts with version " + base.version() + " committed since version "
                                + start.version() + ": " + e.getMessage() + "; re-read the table and retry");
            }
        });
        return deleted[0];
    }

    /** Adds nullable columns whose values are null in every existing row. */
    public synchronized long addColumns(List<Field> fields) throws IOException {
        checkOpen();
        return commit(snapshot, base -> SchemaEvolution.addNullColumns(base, fields));
    }

    /**
     * Adds columns computed from existing ones: {@code compute} gets batches of the
     * {@code inputColumns} and fills a batch of the new columns with as many rows.
     */
    public synchronized long addColumns(List<Field> fields, List<String> inputColumns, ColumnComputer compute)
            throws IOException {
        checkOpen();
        return commit(snapshot, base -> SchemaEvolution.addComputedColumns(this, base, fields, inputColumns, compute));
    }

    /** Removes columns from the schema; their bytes go when compaction rewrites the fragments. */
    public synchronized long dropColumns(String... names) throws IOException {
        checkOpen();
        PrimaryKey key = PrimaryKey.of(snapshot.manifest());
        for (String name : names) {
            if (key != null && key.columns().contains(name)) {
                throw new IllegalArgumentException("column " + name + " is part of the primary key " + key.columns());
            }
        }
        return commit(snapshot, base -> SchemaEvolution.dropColumns(base, List.of(names)));
    }

    /** Merges small fragments and drops deleted rows, with the default policy. */
    public CompactionResult compact() throws IOException {
        return compact(CompactionOptions.DEFAULT);
    }

    public synchronized CompactionResult compact(CompactionOptions options) throws IOException {
        checkOpen();
        CompactionResult[] result = {CompactionResult.NOTHING};
        Snapshot base = snapshot;
        if (Compactor.plan(this, base, options).isEmpty()) {
            return CompactionResult.NOTHING;
        }
        commit(base, b -> {
            var rewritten = Compactor.rewrite(this, b, options);
            result[0] = rewritten.result();
            return rewritten.transaction();
        });
        // Rows compaction moved are searched exactly until their index holds them again.
        for (VectorIndexRef ref : snapshot.manifest().getVectorIndexesList()) {
            if (IndexMaintenance.lostRows(ref, snapshot)) {
                optimizeIndex(ref.getName());
            }
        }
        return result[0];
    }

    /**
     * Compacts if the policy says this version is due (too many small delta fragments, or too many
     * deleted rows); returns {@link CompactionResult#NOTHING} otherwise. {@link AutoCompactor}
     * runs this in the background.
     */
    public synchronized CompactionResult compactIfDue(AutoCompaction policy) throws IOException {
        checkOpen();
        return policy.due(snapshot) ? compact(policy.compaction()) : CompactionResult.NOTHING;
    }

    /** Every version that can still be opened, oldest first. */
    public List<VersionInfo> versions() throws IOException {
        List<VersionInfo> out = new ArrayList<>();
        for (long v : ManifestFiles.listVersions(layout)) {
            Snapshot s;
            try {
                s = ManifestFiles.read(layout, v);
            } catch (io.quiver.format.CorruptFileException e) {
                continue;
            }
            Manifest m = s.manifest();
            long micros = m.getCommitTimeMicros();
            out.add(new VersionInfo(
                    v,
                    Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000),
                    m.getOperation().getKind().name(),
                    m.getOperation().getSummary(),
                    s.rowCount()));
        }
        return out;
    }

    /**
     * Removes versions committed more than {@code olderThan} ago (never the newest), then files no
     * remaining version references that are also older than that (so that a writer still
     * preparing a commit never loses its files). A zero age reclaims everything at once and is
     * safe only while no other writer is working on the table.
     */
    public synchronized CleanupResult cleanup(Duration olderThan) throws IOException {
        checkWritable();
        checkOpen();
        return Cleaner.cleanup(layout, olderThan);
    }

    /**
     * Reads every byte of this version's files and checks every checksum, that every blob a row
     * points to is one its pack holds, and every vector index's structure; then that every
     * version's manifest can be read (the newest damaged one is thrown, any others suppressed in it).
     */
    public void verify() throws IOException {
        checkOpen();
        Snapshot s = snapshot;
        for (var f : s.fragments()) {
            files.verify(f);
        }
        BlobAudit.verify(this, s);
        KeyAudit.verify(this, s);
        for (VectorIndexRef ref : s.manifest().getVectorIndexesList()) {
            files.vectorIndex(ref); // opening one checks every byte and link (SPEC.md 15.2)
        }
        List<io.quiver.format.CorruptFileException> damaged = ManifestFiles.unreadable(layout);
        if (!damaged.isEmpty()) {
            io.quiver.format.CorruptFileException first = damaged.getFirst();
            damaged.subList(1, damaged.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    /**
     * Builds a vector index over every row of this version's VECTOR column {@code column} and
     * commits it; returns the new version. Rows added later are searched exactly until
     * {@link #optimizeIndex} adds them to the graph.
     */
    public synchronized long createVectorIndex(String column, VectorIndexOptions options) throws IOException {
        checkOpen();
        Snapshot base = snapshot;
        Column c = IndexBuilder.vectorColumn(base.schema(), column);
        String name = options.nameFor(column);
        if (vectorIndex(base, name) != null) {
            throw new IllegalArgumentException("vector index " + name + " already exists");
        }
        return commit(
                base,
                b -> new IndexTransaction(
                        b.version(), name, IndexBuilder.buildAll(allocator, files, b, c, name, options), null));
    }

    /** Drops a vector index; returns the new version. */
    public synchronized long dropIndex(String name) throws IOException {
        checkOpen();
        Snapshot base = snapshot;
        VectorIndexRef ref = existingVectorIndex(base, name);
        return commit(base, b -> new IndexTransaction(b.version(), name, null, ref.getPath()));
    }

    /** The vector indexes of this version, with how many of its rows each holds. */
    public List<IndexInfo> indexes() {
        checkOpen();
        Snapshot s = snapshot;
        return s.manifest().getVectorIndexesList().stream()
                .map(ref -> IndexMaintenance.info(ref, s))
                .toList();
    }

    /**
     * Inserts the rows added since the index was built into a copy of its graph (or rebuilds it
     * when many of its rows are gone) and commits; returns the version, unchanged when the index
     * was current.
     */
    public synchronized long optimizeIndex(String name) throws IOException {
        checkOpen();
        Snapshot base = snapshot;
        VectorIndexRef ref = existingVectorIndex(base, name);
        VectorIndexRef next =
                IndexMaintenance.optimized(allocator, files, base, ref, VectorIndexOptions.DEFAULTS.buildThreads());
        if (next == null) {
            return base.version();
        }
        return commit(base, b -> new IndexTransaction(b.version(), name, next, ref.getPath()));
    }

    private static VectorIndexRef existingVectorIndex(Snapshot s, String name) {
        VectorIndexRef ref = vectorIndex(s, name);
        if (ref == null) {
            throw new IllegalArgumentException("no vector index " + name);
        }
        return ref;
    }

    private static VectorIndexRef vectorIndex(Snapshot s, String name) {
        return s.manifest().getVectorIndexesList().stream()
                .filter(i -> i.getName().equals(name))
                .findFirst()
                .orElse(null);
    }

    void nearest(NearestQuery query, BoundFilter filter, TableSchema projection, VectorSchemaRoot out)
            throws IOException {
        checkOpen();
        NearestSearch.run(allocator, files, nearestCache, snapshot, query, filter, projection, out);
    }

    Projections projections() {
        return projections;
    }

    TableLayout layout() {
        return layout;
    }

    WriteOptions writeOptions() {
        return writeOptions;
    }

    TableFiles files() {
        return files;
    }

    BlobStore blobStore() {
        return blobs;
    }

    long commit(Snapshot base, Committer.Preparer preparer) throws IOException {
        checkWritable();
        Snapshot committed = Committer.commit(layout, base, preparer);
        snapshot = committed;
        return committed.version();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("dataset " + layout.root() + " is closed");
        }
    }

    private void checkWritable() {
        if (recovery) {
            throw new IllegalStateException("dataset " + layout.root() + " was opened read-only for recovery"
                    + " (openNewestReadable): a newer version's manifest is damaged");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        files.close();
        blobs.close();
        allocator.close();
    }

    @Override
    public String toString() {
        return "Dataset[" + layout.root() + " @ version " + version() + "]";
    }
}

package io.quiver.engine.scan;

import io.quiver.engine.commit.DeletionFiles;
import io.quiver.engine.commit.Snapshot;
import io.quiver.engine.commit.TableLayout;
import io.quiver.engine.datafile.ColumnReader;
import io.quiver.engine.datafile.DataFileReader;
import io.quiver.engine.datafile.PageCache;
import io.quiver.format.CorruptFileException;
import io.quiver.format.proto.DataFileRef;
import io.quiver.format.proto.Fragment;
import io.quiver.format.proto.PkIndexRef;
import io.quiver.format.proto.VectorIndexRef;
import io.quiver.pk.PkIndex;
import io.quiver.vector.VectorIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * The open files of one table, shared by every version read through a dataset handle: data
 * files stay mapped and deletion vectors decoded until {@link #close}. Files are immutable, so
 * a cached reader is valid for every version that references it.
 */
public final class TableFiles implements AutoCloseable {
    private final TableLayout layout;
    private final PageCache pageCache;
    private final Map<String, DataFileReader> dataFiles = new ConcurrentHashMap<>();
    private final Map<String, RoaringBitmap> deletions = new ConcurrentHashMap<>();
    private final Map<String, PkIndex> pkIndexes = new ConcurrentHashMap<>();
    private final Map<String, VectorIndex> vectorIndexes = new ConcurrentHashMap<>();
    private volatile VersionFiles lastVersion;
    private boolean closed;

    public TableFiles(TableLayout layout, PageCache pageCache) {
        this.layout = layout;
        this.pageCache = pageCache;
    }

    public TableLayout layout() {
        return layout;
    }

    /**
     * The fragments of a version, opened on first use. The version last asked for is kept (a
     * handle reads its current version until it commits), so repeated takes open nothing.
     */
    public VersionFiles version(Snapshot snapshot) {
        VersionFiles v = lastVersion;
        if (v == null || v.snapshot() != snapshot) {
            v = new VersionFiles(this, snapshot);
            lastVersion = v;
        }
        return v;
    }

    /** Opens (or finds open) every file of a fragment. */
    public FragmentData open(Fragment fragment) throws IOException {
        Map<Integer, ColumnReader> columns = new HashMap<>();
        for (DataFileRef ref : fragment.getFilesList()) {
            DataFileReader reader = dataFile(ref);
            if (reader.rowCount() != fragment.getPhysicalRows()) {
                throw new CorruptFileException(
                        ref.getPath(),
                        "holds " + reader.rowCount() + " rows, the manifest says " + fragment.getPhysicalRows());
            }
            for (int fieldId : ref.getFieldIdsList()) {
                ColumnReader c = reader.column(fieldId);
                if (c == null) {
                    throw new CorruptFileException(
                            ref.getPath(), "lacks field " + fieldId + " that the manifest says it holds");
                }
                if (columns.put(fieldId, c) != null) {
                    throw new CorruptFileException(
                            ref.getPath(),
                            "field " + fieldId + " is held by two files of fragment " + fragment.getId());
                }
            }
        }
        RoaringBitmap deleted = null;
        if (fragment.hasDeletion()) {
            deleted = deletionVector(fragment);
        }
        return new FragmentData(fragment, columns, deleted);
    }

    private synchronized DataFileReader dataFile(DataFileRef ref) throws IOException {
        if (closed) {
            throw new IllegalStateException("dataset is closed");
        }
        DataFileReader reader = dataFiles.get(ref.getPath());
        if (reader == null) {
            Path path = layout.resolve(ref.getPath(), "manifest");
            try {
                reader = DataFileReader.open(
                        path, ref.getPath(), ref.getFileId().toByteArray(), ref.getSizeBytes(), pageCache);
            } catch (NoSuchFileException e) {
                throw new CorruptFileException(ref.getPath(), "is missing from the table directory");
            }
            dataFiles.put(ref.getPath(), reader);
        } else if (!reader.matches(ref.getFileId().toByteArray(), ref.getSizeBytes())) {
            // An open file is reused by every version naming it; each naming must agree with it.
            throw new CorruptFileException(ref.getPath(), "file id or size differs from what the manifest recorded");
        }
        return reader;
    }

    private RoaringBitmap deletionVector(Fragment fragment) throws IOException {
        // Keyed by everything the checks compare, so a cached vector is only reused where it was checked.
        String key = fragment.getDeletion().toString() + "|" + fragment.getId() + "|" + fragment.getPhysicalRows();
        RoaringBitmap bitmap = deletions.get(key);
        if (bitmap == null) {
            bitmap = DeletionFiles.read(layout, fragment.getDeletion(), fragment.getId(), fragment.getPhysicalRows());
            deletions.put(key, bitmap);
        }
        return bitmap;
    }

    /** The primary-key index of a fragment (which must have one), opened and checked once. */
    public PkIndex pkIndex(Fragment fragment) throws IOException {
        PkIndexRef ref = fragment.getPkIndex();
        return openIndex(
                pkIndexes,
                ref.getPath(),
                ref.getSizeBytes(),
                path -> PkIndex.open(path, ref.getPath(), ref.getFileId().toByteArray()));
    }

    /** A vector index of the table, opened and checked (every byte) once, on first use. */
    public VectorIndex vectorIndex(VectorIndexRef ref) throws IOException {
        return openIndex(
                vectorIndexes,
                ref.getPath(),
                ref.getSizeBytes(),
                path -> VectorIndex.open(path, ref.getPath(), ref.getFileId().toByteArray()));
    }

    private interface IndexOpener<T> {
        T open(Path path) throws IOException;
    }

    private <T> T openIndex(Map<String, T> cache, String relative, long sizeBytes, IndexOpener<T> opener)
            throws IOException {
        T index = cache.get(relative);
        if (index != null) {
            return index;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("dataset is closed");
            }
            index = cache.get(relative);
            if (index == null) {
                Path path = layout.resolve(relative, "manifest");
                try {
                    if (Files.size(path) != sizeBytes) {
                        throw new CorruptFileException(
                                relative, "has " + Files.size(path) + " bytes, the manifest says " + sizeBytes);
                    }
                    index = opener.open(path);
                } catch (NoSuchFileException e) {
                    throw new CorruptFileException(relative, "is missing from the table directory");
                }
                cache.put(relative, index);
            }
            return index;
        }
    }

    /** Reads every byte of a fragment's files and checks all checksums. */
    public void verify(Fragment fragment) throws IOException {
        for (DataFileRef ref : fragment.getFilesList()) {
            dataFile(ref).verify();
        }
        if (fragment.hasPkIndex()) {
            pkIndex(fragment).verify(fragment.getPhysicalRows());
        }
        if (fragment.hasDeletion()) {
            DeletionFiles.read(layout, fragment.getDeletion(), fragment.getId(), fragment.getPhysicalRows());
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            dataFiles.values().forEach(DataFileReader::close);
            dataFiles.clear();
            pkIndexes.values().forEach(PkIndex::close);
            pkIndexes.clear();
            vectorIndexes.values().forEach(VectorIndex::close);
            vectorIndexes.clear();
            deletions.clear();
            lastVersion = null;
        }
    }
}

package io.quiver.engine.scan;

import io.quiver.engine.commit.DeletionFiles;
import io.quiver.engine.commit.TableLayout;
import io.quiver.engine.datafile.ColumnReader;
import io.quiver.engine.datafile.DataFileReader;
import io.quiver.engine.datafile.PageCache;
import io.quiver.format.CorruptFileException;
import io.quiver.format.proto.DataFileRef;
import io.quiver.format.proto.Fragment;
import java.io.IOException;
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
  private boolean closed;

  public TableFiles(TableLayout layout, PageCache pageCache) {
    this.layout = layout;
    this.pageCache = pageCache;
  }

  public TableLayout layout() {
    return layout;
  }

  /** Opens (or finds open) every file of a fragment. */
  public FragmentData open(Fragment fragment) throws IOException {
    Map<Integer, ColumnReader> columns = new HashMap<>();
    for (DataFileRef ref : fragment.getFilesList()) {
      DataFileReader reader = dataFile(ref);
      if (reader.rowCount() != fragment.getPhysicalRows()) {
        throw new CorruptFileException(ref.getPath(), "holds " + reader.rowCount() + " rows, the manifest says " + fragment.getPhysicalRows());
      }
      for (int fieldId : ref.getFieldIdsList()) {
        ColumnReader c = reader.column(fieldId);
        if (c == null) {
          throw new CorruptFileException(ref.getPath(), "lacks field " + fieldId + " that the manifest says it holds");
        }
        columns.put(fieldId, c);
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
      reader = DataFileReader.open(layout.resolve(ref.getPath(), "manifest"), ref.getPath(), ref.getFileId().toByteArray(), ref.getSizeBytes(), pageCache);
      dataFiles.put(ref.getPath(), reader);
    }
    return reader;
  }

  private RoaringBitmap deletionVector(Fragment fragment) throws IOException {
    String path = fragment.getDeletion().getPath();
    RoaringBitmap bitmap = deletions.get(path);
    if (bitmap == null) {
      bitmap = DeletionFiles.read(layout, fragment.getDeletion(), fragment.getId(), fragment.getPhysicalRows());
      deletions.put(path, bitmap);
    }
    return bitmap;
  }

  /** Reads every byte of a fragment's files and checks all checksums. */
  public void verify(Fragment fragment) throws IOException {
    for (DataFileRef ref : fragment.getFilesList()) {
      dataFile(ref).verify();
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
      deletions.clear();
    }
  }
}

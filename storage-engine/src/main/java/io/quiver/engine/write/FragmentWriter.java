package io.quiver.engine.write;

import io.quiver.engine.WriteOptions;
import io.quiver.engine.commit.NewFragment;
import io.quiver.engine.commit.TableLayout;
import io.quiver.engine.datafile.DataFileWriter;
import io.quiver.engine.schema.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Writes incoming batches into new fragments of at most {@code maxRowsPerFragment} rows each.
 * Nothing is visible until the caller commits the returned fragments; {@link #close} without
 * {@link #finish} deletes everything written.
 */
public final class FragmentWriter implements AutoCloseable {
    private final TableLayout layout;
    private final TableSchema schema;
    private final WriteOptions options;
    private final List<NewFragment> finished = new ArrayList<>();
    private final List<Path> written = new ArrayList<>();
    private DataFileWriter current;
    private boolean done;

    public FragmentWriter(TableLayout layout, TableSchema schema, WriteOptions options) {
        this.layout = layout;
        this.schema = schema;
        this.options = options;
    }

    /** Writes every batch of a reader. */
    public void writeAll(ArrowReader reader) throws IOException {
        while (reader.loadNextBatch()) {
            write(reader.getVectorSchemaRoot());
        }
    }

    public void write(VectorSchemaRoot batch) throws IOException {
        schema.checkCompatible(batch.getSchema());
        List<FieldVector> vectors = batch.getFieldVectors();
        int rows = batch.getRowCount();
        int from = 0;
        while (from < rows) {
            if (current == null) {
                Path path = layout.root().resolve(layout.newDataFile());
                written.add(path);
                current = new DataFileWriter(path, schema.columns(), options.dataFile());
            }
            int n = (int) Math.min(rows - from, options.maxRowsPerFragment() - current.rowCount());
            current.write(vectors, from, n);
            from += n;
            if (current.rowCount() == options.maxRowsPerFragment()) {
                finishCurrent();
            }
        }
    }

    private void finishCurrent() throws IOException {
        finished.add(NewFragment.of(layout, current.finish()));
        current = null;
    }

    /** Finishes the last file; returns the fragments written, in order. */
    public List<NewFragment> finish() throws IOException {
        if (current != null && current.rowCount() > 0) {
            finishCurrent();
        } else if (current != null) {
            current.close();
            current = null;
        }
        done = true;
        return List.copyOf(finished);
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
        if (!done) {
            for (Path p : written) {
                Files.deleteIfExists(p);
            }
        }
    }
}

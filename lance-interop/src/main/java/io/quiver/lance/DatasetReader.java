package io.quiver.lance;

import io.quiver.sql.exec.CountedBatches;
import java.io.IOException;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.lance.Dataset;
import org.lance.ipc.LanceScanner;

/**
 * Every row of a Lance dataset opened for one COPY FROM, batch by batch (the buffers are handed
 * over, not copied); closing the reader closes the scan and the dataset.
 */
final class DatasetReader extends ArrowReader {
    private final Dataset dataset;
    private final LanceScanner scanner;
    private final ArrowReader source;
    private boolean closed;

    DatasetReader(Dataset dataset, LanceScanner scanner) {
        super(dataset.allocator());
        this.dataset = dataset;
        this.scanner = scanner;
        this.source = scanner.scanBatches();
    }

    @Override
    protected Schema readSchema() throws IOException {
        return source.getVectorSchemaRoot().getSchema();
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        return CountedBatches.handOverNext(source, getVectorSchemaRoot());
    }

    @Override
    public long bytesRead() {
        return source.bytesRead();
    }

    @Override
    protected void closeReadSource() throws IOException {
        if (closed) {
            return; // a loader may close the reader it was handed, and its caller again
        }
        closed = true;
        try {
            source.close();
        } finally {
            try {
                LanceScans.closeScanner(scanner);
            } finally {
                dataset.close();
            }
        }
    }
}

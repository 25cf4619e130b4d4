package io.quiver.bench.compare;

import java.io.IOException;
import java.io.InterruptedIOException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.Dataset;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.ScanOptions;

/** Runs a Lance scan and hands each batch to a consumer, closing the scanner and its stream after. */
final class LanceScans {
    @FunctionalInterface
    interface BatchConsumer {
        void accept(VectorSchemaRoot batch) throws IOException;
    }

    private LanceScans() {}

    static void forEachBatch(Dataset dataset, ScanOptions options, BatchConsumer consumer) throws IOException {
        // Not try-with-resources: LanceScanner.close() is declared to throw Exception.
        LanceScanner scanner = dataset.newScan(options);
        try (ArrowReader reader = scanner.scanBatches()) {
            while (reader.loadNextBatch()) {
                consumer.accept(reader.getVectorSchemaRoot());
            }
        } finally {
            close(scanner);
        }
    }

    private static void close(LanceScanner scanner) throws IOException {
        try {
            scanner.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted closing a Lance scanner");
        } catch (Exception e) {
            throw new IOException("closing a Lance scanner", e);
        }
    }
}

package io.quiver.bench.compare;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.Dataset;
import org.lance.WriteParams;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.ScanOptions;

/** The two Lance calls the harness makes in several places: creating a dataset, and scanning one. */
final class LanceIo {
    @FunctionalInterface
    interface BatchConsumer {
        void accept(VectorSchemaRoot batch) throws IOException;
    }

    private LanceIo() {}

    /** Writes a new dataset at {@code dir} from {@code rows}, with Lance's default parameters. */
    static Dataset create(BufferAllocator allocator, ArrowReader rows, Path dir) {
        return Dataset.write()
                .allocator(allocator)
                .reader(rows)
                .uri(dir.toString())
                .mode(WriteParams.WriteMode.CREATE)
                .execute();
    }

    /** Runs a scan and hands each batch to {@code consumer}, closing the scanner and its stream after. */
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

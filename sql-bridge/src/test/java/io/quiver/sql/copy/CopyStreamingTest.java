package io.quiver.sql.copy;

import static io.quiver.sql.copy.CopyTestSupport.column;
import static io.quiver.sql.copy.CopyTestSupport.schema;
import static io.quiver.sql.copy.CopyTestSupport.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.format.proto.TypeId;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A big CSV streams: batches of at most batchRows, reused vectors, memory of one batch. */
class CopyStreamingTest {
    @TempDir
    Path dir;

    @Test
    void csvOf200000RowsInBatchesOf1000() throws Exception {
        Path file = dir.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("id,label,v\n");
            for (int i = 0; i < 200_000; i++) {
                w.write(i + ",\"row " + i + "\",\"[" + i + ", 1, 2, 3]\"\n");
            }
        }
        Schema s = schema(column("id", TypeId.INT64, false), column("label", TypeId.UTF8, true), vector("v", 4, true));
        long rows = 0;
        long peak = 0;
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader reader =
                        CopyReader.open(CopyFormat.CSV, file, s, allocator, CopyOptions.DEFAULTS.withBatchRows(1000))) {
            while (reader.loadNextBatch()) {
                int n = reader.getVectorSchemaRoot().getRowCount();
                assertTrue(n > 0 && n <= 1000, "batch of " + n);
                BigIntVector ids = (BigIntVector) reader.getVectorSchemaRoot().getVector("id");
                assertEquals(rows, ids.get(0), "rows in file order");
                rows += n;
                peak = Math.max(peak, allocator.getAllocatedMemory());
            }
        }
        assertEquals(200_000, rows);
        assertTrue(peak < 4 << 20, "off-heap memory of one batch, not the file: " + peak);
    }
}

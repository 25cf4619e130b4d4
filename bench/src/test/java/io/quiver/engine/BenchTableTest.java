package io.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmarks' fixtures, at a small size: the cached table and the batch reader. Nothing here is random. */
class BenchTableTest {
    private static final int ROWS = 2 * BenchTable.BATCH_ROWS + 100;

    @Test
    void generatesTheTableOnceAndReusesIt(@TempDir Path root) throws IOException {
        FileTime generated;
        Path table;
        try (Dataset ds = BenchTable.openOrCreate(root, ROWS)) {
            table = ds.path();
            assertEquals(ROWS, ds.count());
            generated = Files.getLastModifiedTime(table.resolve("_versions"));
            try (VectorSchemaRoot rows = ds.take(new long[] {0, ROWS - 1}, "id", "label")) {
                assertEquals(ROWS - 1, ((BigIntVector) rows.getVector("id")).get(1));
                assertEquals(
                        SampleRows.label(ROWS - 1),
                        rows.getVector("label").getObject(1).toString());
            }
        }
        try (Dataset again = BenchTable.openOrCreate(root, ROWS)) {
            assertEquals(table, again.path());
            assertEquals(
                    generated,
                    Files.getLastModifiedTime(table.resolve("_versions")),
                    "the cached table was written again");
        }
    }

    @Test
    void replacesACachedTableThatDoesNotCheckOut(@TempDir Path root) throws IOException {
        Path table = root.resolve(ROWS + "-" + BenchTable.parametersHash(ROWS));
        try (Dataset wrong = Dataset.create(table, SampleRows.SCHEMA)) {
            assertEquals(0, wrong.count());
        }
        try (Dataset ds = BenchTable.openOrCreate(root, ROWS)) {
            assertEquals(ROWS, ds.count());
        }
    }

    @Test
    void readerSharesPrebuiltBatchesWithoutConsumingThem(@TempDir Path dir) throws IOException {
        try (BufferAllocator allocator = new RootAllocator()) {
            List<VectorSchemaRoot> batches = new ArrayList<>();
            for (int b = 0; b < 3; b++) {
                VectorSchemaRoot batch = VectorSchemaRoot.create(SampleRows.SCHEMA, allocator);
                batches.add(batch);
                SampleRows.fill(batch, b * 100L, 100);
            }
            for (String name : new String[] {"first", "second"}) {
                try (Dataset ds = Dataset.create(
                                dir.resolve(name), SampleRows.SCHEMA, DatasetOptions.DEFAULT.withAllocator(allocator));
                        BatchReader reader = BatchReader.of(allocator, batches)) {
                    ds.append(reader);
                    try (VectorSchemaRoot rows = ds.take(new long[] {299, 0}, "embedding")) {
                        assertArrayEquals(
                                new Object[] {
                                    batches.get(2).getVector("embedding").getObject(99),
                                    batches.get(0).getVector("embedding").getObject(0)
                                },
                                new Object[] {
                                    rows.getVector(0).getObject(0),
                                    rows.getVector(0).getObject(1)
                                });
                    }
                }
            }
            batches.forEach(VectorSchemaRoot::close);
        }
    }
}

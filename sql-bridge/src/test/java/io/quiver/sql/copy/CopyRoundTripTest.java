package io.quiver.sql.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random round trips: rows of every column type, NULLs included, written by CopyWriter
 * from a result set and read back by CopyReader in each format, equal to the model. A failure
 * names the format and the seed; rerun that case alone to reproduce it.
 */
class CopyRoundTripTest {
    @TempDir
    Path dir;

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (CopyFormat format : List.of(CopyFormat.CSV, CopyFormat.JSON, CopyFormat.ARROW)) {
            for (long seed = 1; seed <= 4; seed++) {
                cases.add(Arguments.of(format, seed * 7919, (int) (seed * 97), seed % 2 == 0));
            }
            cases.add(Arguments.of(format, 5L, 0, true)); // no rows at all
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} seed {1}, {2} rows, header {3}")
    @MethodSource("cases")
    void roundTrip(CopyFormat format, long seed, int count, boolean header) throws Exception {
        String context = format + " seed " + seed;
        Random random = new Random(seed);
        List<Object[][]> rows = RandomRows.rows(random, count);
        CopyOptions options = new CopyOptions(header, seed % 3 == 0 ? ';' : ',', 1 + random.nextInt(50));
        Path file = dir.resolve("rows." + format.name().toLowerCase());
        long written = CopyWriter.write(
                format,
                file,
                FakeResultSet.of(
                        RandomRows.columns(), rows.stream().map(r -> r[0]).toList()),
                options);
        assertEquals(count, written, context);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), context + ": only the file, no temporary left");
        }
        Schema schema = RandomRows.schema();
        try (BufferAllocator allocator = new RootAllocator()) {
            ArrowReader reader = CopyReader.open(format, file, schema, allocator, options);
            assertEquals(schema, reader.getVectorSchemaRoot().getSchema(), context + ": the reader's schema");
            Rows.assertRows(rows.stream().map(r -> r[1]).toList(), Rows.read(reader, options.batchRows()), context);
        }
    }
}

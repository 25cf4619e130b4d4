package io.quiver.sql.copy;

import static io.quiver.sql.copy.CopyTestSupport.column;
import static io.quiver.sql.copy.CopyTestSupport.schema;
import static io.quiver.sql.copy.CopyTestSupport.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.format.proto.TypeId;
import io.quiver.vector.Fvecs;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fvecs (SIFT-small, and written by COPY TO) and Arrow IPC streams with columns to convert. */
class CopyFvecsAndArrowTest {
    private static final Path SIFT = Path.of("..", "datasets", "siftsmall", "siftsmall_base.fvecs");

    @TempDir
    Path dir;

    @Test
    void siftSmallBase() throws Exception {
        Schema s = schema(vector("embedding", 128, false), column("id", TypeId.INT64, false));
        List<Object[]> rows = CopyTestSupport.read(SIFT, CopyFormat.FVECS, s, CopyOptions.DEFAULTS.withBatchRows(1000));
        List<float[]> direct = Fvecs.readAll(SIFT);
        assertEquals(10_000, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals((long) i, rows.get(i)[1], "ids in file order");
        }
        for (int i : new int[] {0, 1, 4999, 9999}) {
            assertArrayEquals(direct.get(i), (float[]) rows.get(i)[0], "vector " + i);
        }
    }

    @Test
    void fvecsRoundTrip() throws Exception {
        Random random = new Random(42);
        List<Object[]> jdbc = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Object[] boxed = new Object[16];
            float[] v = new float[16];
            for (int j = 0; j < 16; j++) {
                v[j] = random.nextFloat();
                boxed[j] = (double) v[j]; // a driver may hand doubles for a REAL ARRAY
            }
            vectors.add(v);
            jdbc.add(new Object[] {i, FakeResultSet.array(boxed)});
        }
        Path file = dir.resolve("out.fvecs");
        var columns = List.of(
                new FakeResultSet.Column("id", java.sql.Types.INTEGER, "INTEGER", 10, 0, false),
                new FakeResultSet.Column("v", java.sql.Types.ARRAY, "REAL ARRAY", 0, 0, false));
        assertEquals(
                300, CopyWriter.write(CopyFormat.FVECS, file, FakeResultSet.of(columns, jdbc), CopyOptions.DEFAULTS));
        List<Object[]> rows = CopyTestSupport.read(
                file,
                CopyFormat.FVECS,
                schema(column("id", TypeId.INT32, false), vector("v", 16, false)),
                CopyOptions.DEFAULTS);
        for (int i = 0; i < 300; i++) {
            assertArrayEquals(vectors.get(i), (float[]) rows.get(i)[1]);
        }
        var wrong = List.of(new FakeResultSet.Column("name", java.sql.Types.VARCHAR, "VARCHAR", 10, 0, true));
        assertThrows(
                IllegalArgumentException.class,
                () -> CopyWriter.write(
                        CopyFormat.FVECS,
                        dir.resolve("x.fvecs"),
                        FakeResultSet.of(wrong, List.of()),
                        CopyOptions.DEFAULTS));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "a failed COPY TO leaves no file");
        }
    }

    /** A stream (not file) of int32 ids and text, loaded into int64 and a differently cased name. */
    @Test
    void arrowStreamWithWideningCasts() throws Exception {
        Path file = dir.resolve("in.arrows");
        try (BufferAllocator allocator = new RootAllocator()) {
            Schema source = schema(column("ID", TypeId.INT32, true), column("label", TypeId.UTF8, true));
            try (VectorSchemaRoot root = VectorSchemaRoot.create(source, allocator);
                    OutputStream out = Files.newOutputStream(file);
                    ArrowStreamWriter writer = new ArrowStreamWriter(root, null, out)) {
                writer.start();
                for (int batch = 0; batch < 3; batch++) {
                    IntVector ids = (IntVector) root.getVector(0);
                    VarCharVector labels = (VarCharVector) root.getVector(1);
                    for (int i = 0; i < 100; i++) {
                        ids.setSafe(i, batch * 100 + i);
                        labels.setSafe(i, ("row " + (batch * 100 + i)).getBytes());
                    }
                    root.setRowCount(100);
                    writer.writeBatch();
                }
                writer.end();
            }
        }
        Schema target = schema(
                column("id", TypeId.INT64, false),
                column("label", TypeId.UTF8, true),
                column("extra", TypeId.FLOAT64, true));
        List<Object[]> rows =
                CopyTestSupport.read(file, CopyFormat.ARROW, target, CopyOptions.DEFAULTS.withBatchRows(64));
        assertEquals(300, rows.size());
        assertEquals(299L, rows.get(299)[0]);
        assertEquals("row 150", rows.get(150)[1]);
        assertEquals(null, rows.get(3)[2]);

        Schema narrower = schema(column("id", TypeId.INT16, true), column("label", TypeId.UTF8, true));
        CopyFormatException e = assertThrows(
                CopyFormatException.class,
                () -> CopyTestSupport.read(file, CopyFormat.ARROW, narrower, CopyOptions.DEFAULTS));
        assertTrue(e.getMessage().contains("column id: cannot convert"), e.getMessage());
    }
}

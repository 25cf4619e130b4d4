package io.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Dataset#replaceRows}: the UPDATE of a keyless table, by the addresses its rows were read at. */
class ReplaceRowsTest {
    private static final Schema SCHEMA = new Schema(List.of(
            Field.nullable("id", new ArrowType.Int(64, true)), Field.nullable("name", ArrowType.Utf8.INSTANCE)));

    @TempDir
    Path dir;

    @Test
    void replacesExactlyTheAddressedRowsInOneCommit() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(dir, SCHEMA, DatasetOptions.DEFAULT.withAllocator(allocator))) {
            try (VectorSchemaRoot rows = rows(allocator, new long[] {1, 2, 3, 4}, "a", "b", "c", "d")) {
                ds.append(rows);
            }
            long[] addresses = ds.scan()
                    .filter(io.quiver.engine.expr.Filters.in("id", 2L, 4L))
                    .rowAddresses();
            long read = ds.version();
            try (VectorSchemaRoot changed = rows(allocator, new long[] {2, 4}, "B", "D")) {
                ds.replaceRows(read, addresses, changed);
            }
            assertEquals(read + 1, ds.version());
            assertEquals(List.of("1=a", "2=B", "3=c", "4=D"), contents(ds));
            try (VectorSchemaRoot none = rows(allocator, new long[0])) {
                ds.replaceRows(
                        ds.version(),
                        ds.scan()
                                .filter(io.quiver.engine.expr.Filters.eq("id", 3L))
                                .rowAddresses(),
                        none);
            }
            assertEquals(List.of("1=a", "2=B", "4=D"), contents(ds));
        }
    }

    @Test
    void aCommitSinceTheRowsWereReadIsAConflictAndChangesNothing() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(dir, SCHEMA, DatasetOptions.DEFAULT.withAllocator(allocator))) {
            try (VectorSchemaRoot rows = rows(allocator, new long[] {1, 2}, "a", "b")) {
                ds.append(rows);
            }
            long[] addresses = ds.scan().rowAddresses();
            long read = ds.version();
            try (Dataset other = Dataset.open(dir, DatasetOptions.DEFAULT.withAllocator(allocator));
                    VectorSchemaRoot more = rows(allocator, new long[] {3}, "c")) {
                other.append(more);
            }
            try (VectorSchemaRoot changed = rows(allocator, new long[] {1, 2}, "A", "B")) {
                assertThrows(CommitConflictException.class, () -> ds.replaceRows(read, addresses, changed));
            }
            ds.refresh();
            assertEquals(List.of("1=a", "2=b", "3=c"), contents(ds));
        }
    }

    private static VectorSchemaRoot rows(BufferAllocator allocator, long[] ids, String... names) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        root.allocateNew();
        BigIntVector id = (BigIntVector) root.getVector("id");
        VarCharVector name = (VarCharVector) root.getVector("name");
        for (int i = 0; i < ids.length; i++) {
            id.setSafe(i, ids[i]);
            name.setSafe(i, names[i].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        root.setRowCount(ids.length);
        return root;
    }

    private static List<String> contents(Dataset ds) throws Exception {
        List<String> out = new ArrayList<>();
        try (ArrowReader reader = ds.scan().toArrowReader()) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot b = reader.getVectorSchemaRoot();
                for (int i = 0; i < b.getRowCount(); i++) {
                    out.add(b.getVector("id").getObject(i) + "="
                            + b.getVector("name").getObject(i));
                }
            }
        }
        out.sort(null);
        return out;
    }
}

package io.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.testing.IdRows;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write of no rows commits no version (a header-only CSV once made an empty one). */
class EmptyWritesTest {
    @TempDir
    Path dir;

    @Test
    void appendsInsertsAndUpsertsOfNoRowsCommitNothing() throws Exception {
        try (BufferAllocator root = new RootAllocator();
                Dataset plain = IdRows.create(dir.resolve("plain"), root);
                Dataset keyed = IdRows.create(dir.resolve("keyed"), root, PrimaryKey.of("id"))) {
            for (Dataset ds : List.of(plain, keyed)) {
                long before = IdRows.append(ds, 1, 2);
                assertEquals(before, IdRows.append(ds));
                try (VectorSchemaRoot none = IdRows.batch(root)) {
                    assertEquals(before, ds.append(none));
                    if (ds == keyed) {
                        assertEquals(before, ds.insert(none));
                        assertEquals(before, ds.upsert(none));
                    }
                }
                assertEquals(List.of(before), List.of(ds.version()));
                assertEquals(before, ds.versions().getLast().version(), "no version was published");
                assertEquals(List.of(1L, 2L), IdRows.ids(ds));
            }
        }
    }
}

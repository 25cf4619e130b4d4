package io.quiver.engine.pk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.Dataset;
import io.quiver.engine.testing.IdRows;
import io.quiver.engine.testing.TestRandom;
import io.quiver.format.CorruptFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged key index is noticed by the lookups and duplicate checks that read the damaged
 * bytes (SPEC 14.3: a bucket's checksum is checked the first time a probe reads it), not only by
 * verify(): every key looked up, and every key inserted again, either answers right or fails
 * naming the index file.
 */
@ExtendWith(TestRandom.class)
class DamagedKeyIndexTest {
    @TempDir
    Path dir;

    @Test
    void lookupsAndDuplicateChecksNoticeADamagedBucket(Random random) throws Exception {
        for (int round = 0; round < 6; round++) {
            Path table = dir.resolve("t" + round);
            try (BufferAllocator root = new RootAllocator()) {
                try (Dataset ds = IdRows.create(table, root, PrimaryKey.of("id"))) {
                    IdRows.append(ds, IdRows.range(0, 400));
                }
                Path index;
                try (Stream<Path> files = Files.list(table.resolve("indexes"))) {
                    index = files.toList().getFirst();
                }
                byte[] bytes = Files.readAllBytes(index);
                // Inside the entries (past the header), where a probe reads.
                int at = 64 + random.nextInt(Math.max(1, bytes.length / 2 - 64));
                bytes[at] ^= (byte) (1 << random.nextInt(8));
                Files.write(index, bytes);
                int noticed = 0;
                List<String> wrong = new ArrayList<>();
                try (Dataset ds = IdRows.open(table, root)) {
                    for (long id = 0; id < 400; id++) {
                        try {
                            if (ds.get(id) == null) {
                                wrong.add("lookup " + id);
                            }
                        } catch (CorruptFileException e) {
                            assertTrue(e.getMessage().contains("indexes/"), e.getMessage());
                            noticed++;
                        }
                    }
                }
                try (Dataset ds = IdRows.open(table, root)) {
                    for (long id = 0; id < 400; id += 1 + random.nextInt(20)) {
                        try {
                            IdRows.append(ds, id);
                            wrong.add("insert of the held key " + id + " succeeded");
                        } catch (io.quiver.engine.DuplicateKeyException e) {
                            // right: the key is held
                        } catch (CorruptFileException e) {
                            assertTrue(e.getMessage().contains("indexes/"), e.getMessage());
                            noticed++;
                        }
                    }
                }
                assertTrue(wrong.isEmpty(), "byte " + at + ": wrong answers " + wrong);
                assertTrue(noticed > 0, "byte " + at + ": no lookup noticed the damaged index");
            }
        }
    }
}

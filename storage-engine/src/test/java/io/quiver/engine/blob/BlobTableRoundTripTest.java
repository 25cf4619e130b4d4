package io.quiver.engine.blob;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.blob.BlobSource;
import io.quiver.engine.Dataset;
import io.quiver.engine.testing.TestRandom;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A table with a BLOB column written by several appends, from batch bytes and from every kind of
 * source, into many small fragments and packs: every version reads back equal to the model, by
 * scan, bytes scan and take, through the writing handle, a reopened one and time travel.
 */
@ExtendWith(TestRandom.class)
class BlobTableRoundTripTest {
    private static final int APPENDS = 6;

    @TempDir
    Path dir;

    /** Inline threshold 0 packs every blob, even empty ones; 4096 is the default. */
    @ParameterizedTest(name = "inline threshold {0}")
    @ValueSource(ints = {0, 4096})
    void everyVersionReadsBackAsWritten(int inlineBytes, Random random) throws IOException {
        Path table = dir.resolve("t");
        // Small fragments and packs, so rows of one append span fragments and packs roll over.
        long maxRows = 3 + random.nextInt(30);
        long packBytes = 1 + random.nextInt(2 << 20);
        BlobRows model = new BlobRows();
        Map<Long, BlobRows> versions = new TreeMap<>();
        long nextId = 0;
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.create(
                        table, BlobRows.SCHEMA, BlobRows.options(allocator, maxRows, inlineBytes, packBytes))) {
            for (int a = 0; a < APPENDS; a++) {
                Map<Long, BlobRows.Row> batch = new LinkedHashMap<>();
                if (a < 2) {
                    // Every edge size and a 1 MiB blob, once from bytes and once from sources.
                    for (int size : BlobRows.EDGE_SIZES) {
                        batch.put(nextId++, new BlobRows.Row("edge " + size, BlobRows.randomBytes(random, size)));
                    }
                    batch.put(nextId++, new BlobRows.Row("1 MiB", BlobRows.randomBytes(random, 1 << 20)));
                }
                int rows = 1 + random.nextInt(40);
                for (int i = 0; i < rows; i++) {
                    batch.put(nextId++, BlobRows.randomRow(random));
                }
                long version = a % 2 == 0 ? model.appendBytes(ds, batch) : appendFromSources(ds, model, batch, random);
                versions.put(version, model.copy());
                model.check(ds, random, "append " + a + " (version " + version + ")");
            }
            ds.verify();
        }

        // A handle opened afresh (new page cache, packs mapped anew) and every older version.
        try (BufferAllocator allocator = new RootAllocator()) {
            try (Dataset reopened = Dataset.open(table, BlobRows.options(allocator, 1 << 20, 4096, 1 << 20))) {
                model.check(reopened, random, "reopened");
                reopened.verify();
            }
            for (var e : versions.entrySet()) {
                try (Dataset old =
                        Dataset.open(table, e.getKey(), BlobRows.options(allocator, 1 << 20, 4096, 1 << 20))) {
                    e.getValue().check(old, random, "version " + e.getKey());
                    old.verify();
                }
            }
        }
    }

    /**
     * Appends the batch's blobs from sources, in turn from a file, a stream (half of them handing
     * out a few bytes per read, like a socket), another stream and an array; null blobs from null
     * sources. Checks the writer closed every stream it was given.
     */
    private long appendFromSources(Dataset ds, BlobRows model, Map<Long, BlobRows.Row> batch, Random random)
            throws IOException {
        List<BlobSource> sources = new ArrayList<>();
        List<TrackedStream> streams = new ArrayList<>();
        int n = 0;
        for (BlobRows.Row r : batch.values()) {
            if (r.blob() == null) {
                sources.add(null);
                continue;
            }
            switch (n++ % 4) { // round robin: every kind of source in every such append
                case 0 -> {
                    Path file = Files.createTempFile(dir, "source", ".bin");
                    Files.write(file, r.blob());
                    sources.add(BlobSource.of(file));
                }
                case 1, 2 -> {
                    TrackedStream s =
                            new TrackedStream(r.blob(), random.nextBoolean() ? 1 + random.nextInt(7) : 1 << 20);
                    streams.add(s);
                    sources.add(BlobSource.of(s));
                }
                default -> sources.add(BlobSource.of(r.blob()));
            }
        }
        long version = model.appendSources(ds, batch, sources);
        for (TrackedStream s : streams) {
            assertTrue(s.closed, "the writer closes the streams of its sources");
        }
        return version;
    }

    /** A stream that returns at most {@code maxRead} bytes per read and records being closed. */
    private static final class TrackedStream extends InputStream {
        private final ByteArrayInputStream in;
        private final int maxRead;
        boolean closed;

        TrackedStream(byte[] bytes, int maxRead) {
            this.in = new ByteArrayInputStream(bytes);
            this.maxRead = maxRead;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, maxRead));
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}

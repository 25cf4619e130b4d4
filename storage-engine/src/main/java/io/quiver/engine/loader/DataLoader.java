package io.quiver.engine.loader;

import io.quiver.blob.Blob;
import io.quiver.engine.Dataset;
import io.quiver.engine.DatasetOptions;
import io.quiver.engine.expr.Expr;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Feeds a training job: batches of one dataset version, sharded across ranks, in table order
 * or in a seeded shuffle per epoch, read ahead by background threads, resumable from
 * {@link #state()}. The same version, plan, rank and epoch give the same batches, bit for bit.
 *
 * <p>Each batch is a {@link LoaderBatch} (Arrow columns, a row view, decoded blobs) the caller
 * closes before closing the loader. BLOB columns come as lazy {@link io.quiver.blob.Blob}
 * handles; a {@link BlobDecoder} set per column runs on the read-ahead threads.
 *
 * <p>Two shuffles: {@link Builder#shuffle} is a true global permutation of the epoch's rows,
 * gathered with {@link Dataset#take} one page read per column per row; {@link
 * Builder#blockShuffle} permutes runs of neighbouring rows and mixes them within a shuffle
 * buffer, so each batch decodes few pages (faster, less random). Unshuffled batches read
 * consecutive rows.
 */
public final class DataLoader implements AutoCloseable {
    private final Dataset dataset;
    private final String[] columns;
    private final int batchSize;
    private final long[] rows;
    private final long batches;
    private final String plan;
    private final long epoch;
    private final ThreadPoolExecutor prefetcher;
    private final Map<String, BlobDecoder<?>> decoders;
    private final ArrayDeque<Future<LoaderBatch>> ahead = new ArrayDeque<>();
    private final int prefetch;
    private long nextToSubmit;
    private long nextToReturn;

    private DataLoader(Builder b, Dataset own, long[] rows, String plan) {
        this.dataset = own;
        this.columns = b.columns;
        this.batchSize = b.batchSize;
        this.rows = rows;
        this.batches = EpochPlan.batchCount(rows.length, b.batchSize, b.dropLast);
        this.plan = plan;
        this.epoch = b.epoch;
        this.prefetch = b.prefetch;
        this.decoders = Map.copyOf(b.decoders);
        this.nextToSubmit = b.resumeAt;
        this.nextToReturn = b.resumeAt;
        int threads = b.workers > 0
                ? b.workers
                : Math.min(b.prefetch, Runtime.getRuntime().availableProcessors());
        this.prefetcher = b.prefetch == 0
                ? null
                : new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "quiver-loader-prefetch");
                    t.setDaemon(true);
                    return t;
                });
    }

    public static Builder builder(Dataset dataset) {
        return new Builder(dataset);
    }

    /** Batches this rank reads in the epoch (the last partial one counts unless dropped). */
    public long batchCount() {
        return batches;
    }

    /** The next batch, or null when the epoch is done. */
    public LoaderBatch next() throws IOException {
        if (nextToReturn >= batches) {
            return null;
        }
        if (prefetcher == null) {
            return read(nextToReturn++);
        }
        while (nextToSubmit < batches && ahead.size() <= prefetch) {
            long batch = nextToSubmit++;
            ahead.add(prefetcher.submit(() -> read(batch)));
        }
        Future<LoaderBatch> f = ahead.poll();
        nextToReturn++;
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading ahead", e);
        } catch (ExecutionException e) {
            // A read-ahead thread's failure, as if the read had run here.
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new IOException(e.getCause());
            }
        }
    }

    private LoaderBatch read(long batch) throws IOException {
        VectorSchemaRoot root = dataset.take(EpochPlan.batch(rows, batch, batchSize), columns);
        try {
            Map<String, List<Object>> decoded = new HashMap<>();
            for (var d : decoders.entrySet()) {
                FieldVector column = root.getVector(d.getKey());
                List<Object> values = new ArrayList<>(root.getRowCount());
                for (int i = 0; i < root.getRowCount(); i++) {
                    Blob blob = dataset.blob(column, i);
                    values.add(blob == null ? null : d.getValue().decode(blob));
                }
                decoded.put(d.getKey(), Collections.unmodifiableList(values));
            }
            return new LoaderBatch(dataset, root, decoded);
        } catch (IOException | RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** Where the loader stands: a loader built with {@link Builder#resumeFrom} continues from here. */
    public LoaderState state() {
        return new LoaderState(dataset.version(), plan, epoch, nextToReturn);
    }

    /** Stops reading ahead and releases batches read ahead but not returned. */
    @Override
    public void close() {
        if (prefetcher != null) {
            // Batches never started allocate nothing; started ones are waited for and released.
            List<Runnable> neverStarted = new ArrayList<>();
            prefetcher.getQueue().drainTo(neverStarted);
            prefetcher.shutdown();
            for (Future<LoaderBatch> f : ahead) {
                if (neverStarted.contains(f)) {
                    continue;
                }
                try {
                    f.get().close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    // nothing was allocated for a batch that failed
                }
            }
            ahead.clear();
        }
        dataset.close();
    }

    /** How to read: everything is optional but the dataset. */
    public static final class Builder {
        private final Dataset source;
        private String[] columns = new String[0];
        private Expr filter;
        private int batchSize = 1024;
        private int rank;
        private int worldSize = 1;
        private EpochPlan.Shuffle shuffle = EpochPlan.Shuffle.NONE;
        private long epoch;
        private boolean dropLast;
        private int prefetch = 2;
        private int workers;
        private LoaderState resume;
        private long resumeAt;
        private final Map<String, BlobDecoder<?>> decoders = new LinkedHashMap<>();

        private Builder(Dataset source) {
            this.source = source;
        }

        /** Columns to return, in order (default: all). */
        public Builder columns(String... names) {
            this.columns = names.clone();
            return this;
        }

        /** Only rows passing the filter are read. */
        public Builder filter(Expr filter) {
            this.filter = filter;
            return this;
        }

        public Builder batchSize(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("batch size must be positive, got " + rows);
            }
            this.batchSize = rows;
            return this;
        }

        /**
         * This loader reads shard {@code rank} of {@code worldSize}; every shard has the same number
         * of rows and batches (see {@link #dropLast}).
         */
        public Builder shard(int rank, int worldSize) {
            if (worldSize < 1 || rank < 0 || rank >= worldSize) {
                throw new IllegalArgumentException("need 0 <= rank < worldSize, got rank " + rank + " of " + worldSize);
            }
            this.rank = rank;
            this.worldSize = worldSize;
            return this;
        }

        /** A global shuffle per epoch, from this seed (every rank must use the same seed). */
        public Builder shuffle(long seed) {
            this.shuffle = new EpochPlan.Shuffle(EpochPlan.Shuffle.Kind.GLOBAL, seed, 1, 1);
            return this;
        }

        /**
         * A block shuffle per epoch, from this seed (every rank must use the same arguments): runs of
         * {@code blockRows} neighbouring rows in a random order, mixed within windows of
         * {@code bufferRows} rows (the shuffle buffer). E.g. 1,024 and 16,384.
         */
        public Builder blockShuffle(long seed, int blockRows, int bufferRows) {
            if (blockRows < 1 || bufferRows < 1) {
                throw new IllegalArgumentException(
                        "blockRows and bufferRows must be positive, got " + blockRows + ", " + bufferRows);
            }
            this.shuffle = new EpochPlan.Shuffle(EpochPlan.Shuffle.Kind.BLOCK, seed, blockRows, bufferRows);
            return this;
        }

        public Builder epoch(long epoch) {
            if (epoch < 0) {
                throw new IllegalArgumentException("epoch must not be negative, got " + epoch);
            }
            this.epoch = epoch;
            return this;
        }

        /**
         * Whether the last, partial batch of the epoch is dropped. With several ranks it also
         * decides how ranks get equal shares (every rank must read as many batches as the others):
         * dropped, the epoch's last {@code rows mod worldSize} rows are left out; kept (the
         * default), the epoch is padded by repeating its first rows, as PyTorch's
         * DistributedSampler does.
         */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Batches read ahead in the background (0: read on the caller's thread). */
        public Builder prefetch(int batches) {
            if (batches < 0) {
                throw new IllegalArgumentException("prefetch must not be negative, got " + batches);
            }
            this.prefetch = batches;
            return this;
        }

        /**
         * Threads reading (and decoding) batches ahead in parallel; batches still come in order.
         * Default: one per batch read ahead, at most one per core.
         */
        public Builder workers(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("workers must be positive, got " + threads);
            }
            this.workers = threads;
            return this;
        }

        /**
         * Decodes every blob of a BLOB column on the read-ahead threads (e.g. bytes into an image);
         * read the results with {@link LoaderBatch#decoded}.
         */
        public Builder decode(String column, BlobDecoder<?> decoder) {
            decoders.put(column, java.util.Objects.requireNonNull(decoder));
            return this;
        }

        /** Continue where a loader with the same plan stopped (its epoch and position). */
        public Builder resumeFrom(LoaderState state) {
            this.resume = state;
            this.resumeAt = 0;
            return this;
        }

        public DataLoader build() throws IOException {
            for (String column : decoders.keySet()) {
                if (!source.tableSchema().column(column).type().isBlob()) {
                    throw new IllegalArgumentException("a decoder needs a BLOB column; " + column + " is not one");
                }
                if (columns.length > 0 && !Arrays.asList(columns).contains(column)) {
                    throw new IllegalArgumentException("a decoder is set for column " + column + ", which is not read");
                }
            }
            long version = resume == null ? source.version() : resume.version();
            String plan = String.join(",", columns) + "|" + filter + "|" + batchSize + "|" + shuffle + "|" + rank + "/"
                    + worldSize + "|" + dropLast;
            if (resume != null) {
                if (!resume.plan().equals(plan)) {
                    throw new IllegalArgumentException(
                            "the state was saved by a loader with another plan: " + resume.plan());
                }
                epoch = resume.epoch();
                resumeAt = resume.nextBatch();
            }
            // A private handle at the version, so writes through the caller's handle never move it.
            Dataset own =
                    Dataset.open(source.path(), version, DatasetOptions.DEFAULT.withAllocator(source.allocator()));
            try {
                var scan = own.scan();
                if (filter != null) {
                    scan.filter(filter);
                }
                long[] tableOrder = scan.rowAddresses();
                long[] mine = EpochPlan.rows(tableOrder, shuffle, epoch, rank, worldSize, dropLast);
                DataLoader loader = new DataLoader(this, own, mine, plan);
                if (resumeAt > loader.batches) {
                    throw new IllegalArgumentException("the state is past the epoch's " + loader.batches + " batches");
                }
                return loader;
            } catch (IOException | RuntimeException e) {
                own.close();
                throw e;
            }
        }
    }
}

package io.quiver.bench.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Checksum;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One system's side of the table workloads, each operation done the way that system's own API
 * does it best. Row positions are 0..N-1 in table order (what Lance's take accepts; Quiver maps
 * them to row addresses beforehand). Results come back in a form both sides share, so that the
 * harness can check that they agree before it reports a time. An operation the system cannot do
 * throws {@link NotSupportedException}.
 */
interface TableSide extends AutoCloseable {
    /** "quiver" or "lance". */
    String system();

    /** Writes the batches (Quiver's form) as a new table in {@code dir}, which becomes the table read next. */
    void write(Path dir, List<VectorSchemaRoot> batches) throws IOException;

    /** Work after a write that the later workloads rely on (Lance: its BTREE index on id; Quiver: its map of positions to row addresses); seconds. */
    double prepareIndexes() throws IOException;

    /** Reads id, label and embedding of every row. */
    ScanTotals fullScan() throws IOException;

    /** Reads id, label and embedding of the rows with {@code lo <= id < hi}. */
    ScanTotals rangeScan(long lo, long hi) throws IOException;

    /** The ids of the rows at these positions (id, label and embedding are read), in request order. */
    long[] take(long[] positions) throws IOException;

    /** The label of the row holding this key (every column is read); null when there is none. */
    String lookup(long key) throws IOException;

    /** Inserts or replaces whole rows by key; the batch is in Quiver's form. */
    void upsert(VectorSchemaRoot rows) throws IOException;

    /** Inserts a row whose key the table holds; true if the system refused it and wrote nothing. */
    boolean refusesDuplicateKey(VectorSchemaRoot existingRow) throws IOException;

    /** Reads whole the blobs of the rows at these positions into {@code checksum}; returns the bytes read. */
    long readBlobs(long[] positions, Checksum checksum) throws IOException;

    /**
     * Streams one epoch of every row (id and embedding) in batches of {@code batchRows}, in table
     * order or (shuffled) in a seeded global shuffle: the system's own, or, where it has none,
     * the given permutation of positions.
     */
    ScanTotals loadEpoch(int batchRows, boolean shuffled, long seed, long[] permutation) throws IOException;

    /** Row count of the table now. */
    long count() throws IOException;

    /** What a system reads in {@link #loadEpoch}, said in the results. */
    String loaderNote(boolean shuffled);

    @Override
    void close() throws IOException;
}

package io.quiver.trino.read;

import io.quiver.engine.Dataset;
import io.quiver.engine.Scan;
import io.quiver.engine.expr.Expr;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.trino.QuiverErrors;
import io.quiver.trino.QuiverTables;
import io.quiver.trino.metadata.QuiverColumnHandle;
import io.quiver.trino.metadata.QuiverTableHandle;
import io.quiver.trino.pushdown.DistanceCall;
import io.quiver.trino.pushdown.DistanceColumnHandle;
import io.quiver.trino.pushdown.EngineFilter;
import io.trino.spi.Page;
import io.trino.spi.TrinoException;
import io.trino.spi.block.Block;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorPageSource;
import io.trino.spi.connector.SourcePage;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Streams one split's rows as Trino pages: a scan of one fragment, or, for a pushed top-k, the
 * engine's nearest-neighbour search over the whole version followed by up to k rows whose vector
 * is NULL (they have no distance; Trino's own top-k above places them as its NULLS FIRST/LAST
 * says). Each batch is copied into Trino blocks and released before the next is read.
 */
public final class QuiverPageSource implements ConnectorPageSource {
    private final QuiverTables.Lease lease;
    private final String table;
    private final List<ColumnHandle> columns;
    private final List<ArrowBlocks> converters = new ArrayList<>();
    private final DistanceBlocks distances;
    private final Deque<Supplier<ArrowReader>> pending = new ArrayDeque<>();
    private final boolean nearest;
    private ArrowReader reader;
    private int readers; // opened so far: in a nearest-neighbour split, the first is the search
    private long positions;
    private long bytes;
    private long readNanos;
    private boolean finished;

    public QuiverPageSource(
            QuiverTables.Lease lease, QuiverTableHandle table, OptionalLong fragment, List<ColumnHandle> columns) {
        this.lease = lease;
        this.table = table.table();
        this.columns = List.copyOf(columns);
        Dataset dataset = lease.dataset();
        TableSchema schema = dataset.tableSchema();
        DistanceCall call = table.distance().orElse(null);
        this.distances = call == null ? null : new DistanceBlocks(call);
        this.nearest = table.nearestK().isPresent();
        Set<String> read = new LinkedHashSet<>();
        boolean blobs = false;
        for (ColumnHandle c : this.columns) {
            if (c instanceof QuiverColumnHandle q) {
                Column column = schema.column(q.name());
                read.add(column.name());
                blobs |= column.type().isBlob();
                converters.add(ArrowBlocks.of(column.type()));
            } else {
                converters.add(null);
                if (!nearest) {
                    read.add(((DistanceColumnHandle) c).call().column());
                }
            }
        }
        List<String> names = List.copyOf(read);
        Expr filter = EngineFilter.of(table.constraint(), table.likes());
        boolean withBlobs = blobs;
        Supplier<Scan> scan = () -> {
            Scan s = dataset.scan().columns(names);
            return withBlobs ? s.withBlobBytes() : s;
        };
        if (nearest) {
            int k = table.nearestK().getAsInt();
            pending.add(() -> scan.get()
                    .filter(filter)
                    .nearest(call.column(), call.query(), k)
                    .metric(call.function().metric())
                    .ef(table.nearestEf())
                    .toArrowReader());
            Expr noVector = new Expr.IsNull(call.column());
            pending.add(() -> scan.get()
                    .filter(filter == null ? noVector : new Expr.And(List.of(filter, noVector)))
                    .limit(k)
                    .toArrowReader());
        } else {
            pending.add(() -> {
                Scan s = scan.get().filter(filter);
                fragment.ifPresent(s::fragments);
                table.limit().ifPresent(s::limit);
                return s.toArrowReader();
            });
        }
    }

    @Override
    public SourcePage getNextSourcePage() {
        long started = System.nanoTime();
        try {
            while (!finished) {
                if (reader == null) {
                    if (pending.isEmpty()) {
                        finished = true;
                        break;
                    }
                    reader = pending.poll().get();
                    readers++;
                }
                if (reader.loadNextBatch()) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    if (root.getRowCount() > 0) {
                        return SourcePage.create(page(root));
                    }
                } else {
                    reader.close();
                    reader = null;
                }
            }
            return null;
        } catch (IOException e) {
            throw QuiverErrors.read(table, e);
        } catch (TrinoException e) {
            throw e;
        } catch (RuntimeException e) { // the engine refusing what it read: typed, with the table
            throw new TrinoException(QuiverErrors.QUIVER_READ_ERROR, "table " + table + ": " + e.getMessage(), e);
        } finally {
            readNanos += System.nanoTime() - started;
        }
    }

    private Page page(VectorSchemaRoot root) {
        int rows = root.getRowCount();
        Block[] blocks = new Block[columns.size()];
        for (int c = 0; c < blocks.length; c++) {
            if (columns.get(c) instanceof QuiverColumnHandle q) {
                blocks[c] = converters.get(c).toBlock(root.getVector(q.name()), rows);
            } else if (nearest) {
                // The search's distances are its last column (a table may have a column of that
                // name); the rows without a vector that follow it have none.
                Float4Vector reported =
                        readers == 1 ? (Float4Vector) root.getFieldVectors().getLast() : null;
                blocks[c] = distances.fromReported(reported, rows);
            } else {
                String vectorColumn =
                        ((DistanceColumnHandle) columns.get(c)).call().column();
                blocks[c] = distances.compute((FixedSizeListVector) root.getVector(vectorColumn), rows);
            }
        }
        Page page = new Page(rows, blocks);
        positions += rows;
        bytes += page.getSizeInBytes();
        return page;
    }

    @Override
    public long getCompletedBytes() {
        return bytes;
    }

    @Override
    public OptionalLong getCompletedPositions() {
        return OptionalLong.of(positions);
    }

    @Override
    public long getReadTimeNanos() {
        return readNanos;
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void close() throws IOException {
        try {
            if (reader != null) {
                reader.close();
                reader = null;
            }
        } finally {
            finished = true;
            lease.close();
        }
    }
}

package io.quiver.engine;

import io.quiver.engine.commit.Committer;
import io.quiver.engine.commit.DeleteTransaction;
import io.quiver.engine.commit.DeletionFiles;
import io.quiver.engine.commit.Snapshot;
import io.quiver.engine.expr.BoundFilter;
import io.quiver.engine.expr.Expr;
import io.quiver.engine.scan.ScanSpec;
import io.quiver.engine.scan.TableFiles;
import io.quiver.engine.scan.TableScanner;
import io.quiver.engine.schema.TableSchema;
import io.quiver.format.proto.DeletionFileRef;
import io.quiver.format.proto.Fragment;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.BigIntVector;
import org.roaringbitmap.RoaringBitmap;

/** Computes a delete: the rows of each fragment that pass the filter, as new deletion vectors. */
final class Deleter {
    private Deleter() {}

    static DeleteTransaction prepare(Dataset dataset, Snapshot base, Expr filter) throws IOException {
        BoundFilter bound = BoundFilter.bind(filter, base.schema());
        ScanSpec spec = new ScanSpec(
                new TableSchema(List.of()), bound, -1, ScanSpec.defaultBatchSize(bound.columns()), true, false);
        Map<Long, RoaringBitmap> matches = new HashMap<>();
        for (Fragment fragment : base.fragments()) {
            RoaringBitmap rows = new RoaringBitmap();
            try (TableScanner scanner =
                    new TableScanner(dataset.allocator(), dataset.files(), List.of(fragment), spec)) {
                while (scanner.loadNextBatch()) {
                    BigIntVector addresses =
                            (BigIntVector) scanner.getVectorSchemaRoot().getVector(ScanSpec.ROW_ADDRESS);
                    for (int i = 0; i < addresses.getValueCount(); i++) {
                        rows.add((int) (addresses.get(i) & 0xFFFF_FFFFL));
                    }
                }
            }
            matches.put(fragment.getId(), rows);
        }
        Marked marked = mark(dataset, base, matches);
        return new DeleteTransaction(base.version(), marked.deletions(), marked.removed(), marked.rows());
    }

    /** New deletion vectors: what a change marks deleted, by fragment, on top of what already was. */
    record Marked(Map<Long, DeletionFileRef> deletions, Set<Long> removed, long rows) {}

    /**
     * Writes the deletion files that add {@code matches} (row offsets by fragment id) to the
     * fragments' deletion vectors; a fragment left with no live row is removed instead. On
     * failure, the files written so far are deleted.
     */
    static Marked mark(Dataset dataset, Snapshot base, Map<Long, RoaringBitmap> matches) throws IOException {
        TableFiles files = dataset.files();
        Map<Long, DeletionFileRef> deletions = new HashMap<>();
        Set<Long> removed = new HashSet<>();
        long deletedRows = 0;
        try {
            for (Fragment fragment : base.fragments()) {
                RoaringBitmap rows = matches.get(fragment.getId());
                if (rows == null || rows.isEmpty()) {
                    continue;
                }
                deletedRows += rows.getLongCardinality();
                RoaringBitmap before = files.open(fragment).deleted();
                RoaringBitmap all = before == null ? rows : RoaringBitmap.or(before, rows);
                if (all.getLongCardinality() == fragment.getPhysicalRows()) {
                    removed.add(fragment.getId());
                } else {
                    deletions.put(fragment.getId(), DeletionFiles.write(dataset.layout(), fragment.getId(), all));
                }
            }
        } catch (IOException | RuntimeException e) {
            Committer.deleteQuietly(
                    dataset.layout(),
                    deletions.values().stream().map(DeletionFileRef::getPath).toList());
            throw e;
        }
        return new Marked(deletions, removed, deletedRows);
    }
}

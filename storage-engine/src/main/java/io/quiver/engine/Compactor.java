package io.quiver.engine;

import io.quiver.engine.commit.Committer;
import io.quiver.engine.commit.CompactTransaction;
import io.quiver.engine.commit.NewFragment;
import io.quiver.engine.commit.Snapshot;
import io.quiver.engine.scan.ScanSpec;
import io.quiver.engine.scan.TableScanner;
import io.quiver.engine.write.FragmentWriter;
import io.quiver.format.proto.Fragment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses runs of adjacent fragments worth rewriting (small ones to merge, ones with many
 * deleted rows) and rewrites each run's live rows into full-size fragments in its place.
 */
final class Compactor {
    private Compactor() {}

    record Rewritten(CompactTransaction transaction, CompactionResult result) {}

    /** Runs of adjacent candidates that are worth a rewrite: two or more, or any with many deletions. */
    static List<List<Fragment>> plan(Snapshot base, CompactionOptions options) {
        List<List<Fragment>> runs = new ArrayList<>();
        List<Fragment> run = new ArrayList<>();
        boolean runHasDeletions = false;
        for (Fragment f : base.fragments()) {
            long deleted = f.hasDeletion() ? f.getDeletion().getDeletedRows() : 0;
            boolean manyDeleted = deleted > options.maxDeletedFraction() * f.getPhysicalRows();
            boolean small = f.getPhysicalRows() - deleted < options.targetRowsPerFragment();
            if (manyDeleted || small) {
                run.add(f);
                runHasDeletions |= manyDeleted;
                continue;
            }
            if (run.size() >= 2 || runHasDeletions) {
                runs.add(run);
            }
            run = new ArrayList<>();
            runHasDeletions = false;
        }
        if (run.size() >= 2 || runHasDeletions) {
            runs.add(run);
        }
        return runs;
    }

    static Rewritten rewrite(Dataset dataset, Snapshot base, CompactionOptions options) throws IOException {
        ScanSpec spec = new ScanSpec(
                base.schema(), null, -1, ScanSpec.defaultBatchSize(base.schema().columns()), false, false);
        WriteOptions write = dataset.writeOptions().withMaxRowsPerFragment(options.targetRowsPerFragment());
        List<CompactTransaction.Run> runs = new ArrayList<>();
        long physical = 0;
        long live = 0;
        int removed = 0;
        int added = 0;
        try {
            for (List<Fragment> run : plan(base, options)) {
                List<NewFragment> written;
                try (FragmentWriter writer = new FragmentWriter(dataset.layout(), base.schema(), write);
                        TableScanner scanner = new TableScanner(dataset.allocator(), dataset.files(), run, spec)) {
                    writer.writeAll(scanner);
                    written = writer.finish();
                }
                runs.add(new CompactTransaction.Run(
                        run.stream().map(Fragment::getId).toList(), written));
                physical += run.stream().mapToLong(Fragment::getPhysicalRows).sum();
                live += written.stream().mapToLong(NewFragment::rows).sum();
                removed += run.size();
                added += written.size();
            }
        } catch (IOException | RuntimeException e) {
            Committer.deleteQuietly(dataset.layout(), new CompactTransaction(base.version(), runs).writtenFiles());
            throw e;
        }
        return new Rewritten(
                new CompactTransaction(base.version(), runs),
                new CompactionResult(removed, added, live, physical - live));
    }
}

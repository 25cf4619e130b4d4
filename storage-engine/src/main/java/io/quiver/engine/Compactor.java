package io.quiver.engine;

import io.quiver.engine.commit.Committer;
import io.quiver.engine.commit.CompactTransaction;
import io.quiver.engine.commit.NewFragment;
import io.quiver.engine.commit.Snapshot;
import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.scan.ScanSpec;
import io.quiver.engine.scan.TableScanner;
import io.quiver.engine.write.FragmentWriter;
import io.quiver.format.proto.BlobPackRef;
import io.quiver.format.proto.Fragment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses runs of adjacent fragments worth rewriting (small ones to merge, ones with many
 * deleted rows, ones pointing into blob packs that are mostly garbage) and rewrites each run's
 * live rows into full-size fragments in its place. Blobs in mostly-garbage packs are copied to
 * new packs on the way, so that no fragment of the new version points into the old ones and
 * cleanup can delete them once no retained version does.
 */
final class Compactor {
    private Compactor() {}

    record Rewritten(CompactTransaction transaction, CompactionResult result) {}

    /** What to rewrite: runs of adjacent fragments, and the packs (hex ids) whose blobs move. */
    record Plan(List<List<Fragment>> runs, Set<String> sparsePacks) {
        boolean isEmpty() {
            return runs.isEmpty();
        }
    }

    static Plan plan(Dataset dataset, Snapshot base, CompactionOptions options) throws IOException {
        Set<String> sparse = sparsePacks(dataset, base, options);
        return new Plan(runs(base, options, sparse), sparse);
    }

    /** Packs where more than the allowed share of bytes belongs to no live row. */
    private static Set<String> sparsePacks(Dataset dataset, Snapshot base, CompactionOptions options)
            throws IOException {
        Map<String, BlobPackRef> packs = BlobAudit.packsOf(base.fragments());
        if (packs.isEmpty()) {
            return Set.of();
        }
        Map<String, Long> live = BlobAudit.liveBytes(dataset, base);
        Set<String> sparse = new HashSet<>();
        for (var e : packs.entrySet()) {
            double garbage = 1
                    - (double) live.getOrDefault(e.getKey(), 0L) / e.getValue().getSizeBytes();
            if (garbage > options.maxBlobGarbageFraction()) {
                sparse.add(e.getKey());
            }
        }
        return sparse;
    }

    private static boolean pointsInto(Fragment f, Set<String> packs) {
        return f.getBlobPacksList().stream()
                .anyMatch(r ->
                        packs.contains(HexFormat.of().formatHex(r.getFileId().toByteArray())));
    }

    /** Runs of adjacent candidates that are worth a rewrite: two or more, or any that must be rewritten. */
    private static List<List<Fragment>> runs(Snapshot base, CompactionOptions options, Set<String> sparsePacks) {
        List<List<Fragment>> runs = new ArrayList<>();
        List<Fragment> run = new ArrayList<>();
        boolean runHasDeletions = false;
        for (Fragment f : base.fragments()) {
            long deleted = f.hasDeletion() ? f.getDeletion().getDeletedRows() : 0;
            boolean manyDeleted =
                    deleted > options.maxDeletedFraction() * f.getPhysicalRows() || pointsInto(f, sparsePacks);
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
        Plan plan = plan(dataset, base, options);
        ScanSpec spec = new ScanSpec(
                base.schema(), null, -1, ScanSpec.defaultBatchSize(base.schema().columns()), false, false);
        WriteOptions write = dataset.writeOptions().withMaxRowsPerFragment(options.targetRowsPerFragment());
        List<CompactTransaction.Run> runs = new ArrayList<>();
        long physical = 0;
        long live = 0;
        int removed = 0;
        int added = 0;
        try {
            for (List<Fragment> run : plan.runs()) {
                List<NewFragment> written;
                try (FragmentWriter writer = FragmentWriter.forRewrite(
                                dataset.layout(),
                                base.schema(),
                                write,
                                dataset.blobStore(),
                                BlobAudit.packsOf(run),
                                plan.sparsePacks(),
                                PrimaryKey.of(base.manifest()));
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
